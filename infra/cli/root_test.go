package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

// TestNestedCommands: a command with subcommands (as drill history and drill cleanup will be) is
// one AddCommand on the tree; a missing or unknown subcommand is a usage error.
func TestNestedCommands(t *testing.T) {
	tree := func(h *harness, got *string) *cobra.Command {
		root := newRootCmd(h.Deps)
		drill := &cobra.Command{Use: "exercise", Short: "Rehearse a restore"}
		cleanup := &cobra.Command{Use: "cleanup --name <drill>", Short: "Remove a drill's stack",
			RunE: func(c *cobra.Command, _ []string) error { *got, _ = c.Flags().GetString("name"); return nil }}
		cleanup.Flags().String("name", "", "the drill")
		drill.AddCommand(cleanup, &cobra.Command{Use: "history", Short: "List past drills", RunE: func(*cobra.Command, []string) error { return nil }})
		root.AddCommand(drill)
		return root
	}
	h, name := newHarness(t), ""
	require.NoError(t, run(context.Background(), tree(h, &name), []string{"exercise", "cleanup", "--name", "x"}))
	assert.Equal(t, "x", name)
	require.NoError(t, run(context.Background(), tree(h, &name), []string{"exercise", "cleanup", "-name", "y"}), "single-dash long flags reach subcommands too")
	assert.Equal(t, "y", name)

	for args, want := range map[string]string{
		"exercise":       "no command given: notifyctl exercise wants one of cleanup or history",
		"exercise clean": `unknown command "clean" for notifyctl exercise (did you mean cleanup?): want cleanup or history`,
	} {
		h = newHarness(t)
		err := run(context.Background(), tree(h, &name), strings.Fields(args))
		require.Error(t, err, args)
		assert.Equal(t, ExitUsage, ExitCode(err), args)
		assert.Equal(t, want, err.Error())
	}

	h = newHarness(t)
	require.NoError(t, run(context.Background(), tree(h, &name), []string{"help", "exercise", "cleanup"}))
	assert.Contains(t, h.stdout.String(), "notifyctl exercise cleanup --name <drill>")
	assert.Contains(t, h.stdout.String(), "--name string")
}

func TestSingleDashLongFlagsStillWork(t *testing.T) {
	h := newHarness(t)
	h.runner.results["preview"] = sampleResult(infra.OpPreview)
	require.Equal(t, ExitOK, h.run("preview", "-stack", "dev", "-expect-no-changes", "-refresh=false", "-latency-factor", "0.5", "-json"), h.stderr.String())
	require.Len(t, h.runner.opts, 1)
	assert.True(t, h.runner.opts[0].ExpectNoChanges)
	assert.False(t, h.runner.opts[0].Refresh)
	assert.Equal(t, 0.5, h.sim.factor)
	assert.True(t, strings.HasPrefix(h.stdout.String(), "{"), "-json is --json")

	root := newRootCmd(newHarness(t).Deps)
	for in, want := range map[string]string{
		"preview -stack dev":                 "preview --stack dev",
		"preview --stack -json":              "preview --stack -json", // a value, not a flag
		"preview -stack=dev -json":           "preview --stack=dev --json",
		"preview --latency-factor -3":        "preview --latency-factor -3",
		"up -h -yes -colour":                 "up -h --yes -colour", // unknown names are left for pflag to refuse
		"preview -- -stack":                  "preview -- -stack",
		"destroy -unprotect -cloud sim -yes": "destroy --unprotect --cloud sim --yes",
	} {
		assert.Equal(t, want, strings.Join(longFlags(root, strings.Fields(in)), " "), in)
	}
	assert.NotNil(t, longFlags(root, nil), "cobra reads os.Args when given nil")
}

// TestUsageErrorsNameTheProblemOnce: cobra's own error and usage printing is off; finish prints
// the error once, naming the flag or value, and the exit code is 2.
func TestUsageErrorsNameTheProblemOnce(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"preview", "--stack", "dev", "--latency-factor", "fast"}, `--latency-factor: got "fast", want a number: simulated cloud only`},
		{[]string{"up", "--stack", "dev", "--yes=maybe"}, `--yes: got "maybe", want true or false: apply without asking`},
		{[]string{"preview", "--stack"}, "--stack needs a value: stack to operate: dev, staging, production"},
		{[]string{"render", "--stack", "dev", "--cloud", "sim"}, "unknown flag: --cloud for notifyctl render: it takes --stack, --json, --project-dir, --help"},
		{[]string{"previw", "--stack", "dev"}, `unknown command "previw" (did you mean preview?): want preview, up, refresh, destroy, orphans, outputs, history, drift, render, estimate, check, drill, env, sim or completion`},
		{[]string{"help", "deploy"}, `help: unknown command "deploy"`},
	} {
		h := newHarness(t)
		assert.Equal(t, ExitUsage, h.run(c.args...), c.args)
		stderr := h.stderr.String()
		assert.Contains(t, stderr, "notifyctl: "+c.want)
		assert.Equal(t, 1, strings.Count(stderr, c.want), "reported once: %s", stderr)
		assert.NotContains(t, stderr, "Usage:", "no usage dump after an error")
		assert.Empty(t, h.opened)
	}
}

func TestCompletion(t *testing.T) {
	h := newHarness(t)
	require.Equal(t, ExitOK, h.run("__complete", "preview", "--stack", ""), h.stderr.String())
	assert.Equal(t, "dev\nproduction\nstaging\n:4\n", h.stdout.String(), "stacks come from the Pulumi.<stack>.yaml files")

	h = newHarness(t)
	require.Equal(t, ExitOK, h.run("__complete", "up", "--stack", "dev", "--cloud", ""))
	assert.True(t, strings.HasPrefix(h.stdout.String(), "sim\naws\n:4\n"), h.stdout.String())

	h = newHarness(t)
	require.Equal(t, ExitOK, h.run("__complete", "de"))
	assert.Contains(t, h.stdout.String(), "destroy\t")

	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		h = newHarness(t)
		require.Equal(t, ExitOK, h.run("completion", shell), shell)
		assert.Contains(t, h.stdout.String(), "notifyctl", shell)
	}
	h = newHarness(t)
	assert.Equal(t, ExitUsage, h.run("completion"), "a shell is required")
	assert.Contains(t, h.stderr.String(), "bash, zsh, fish or powershell")
}

func TestHelpOfACommand(t *testing.T) {
	h := newHarness(t)
	require.Equal(t, ExitOK, h.run("help", "destroy"))
	for _, want := range []string{"notifyctl destroy --stack <name> --cloud sim|aws [flags]", "--unprotect", "--latency-factor float", "(default 0.02)"} {
		assert.Contains(t, h.stdout.String(), want)
	}
	h = newHarness(t)
	require.Equal(t, ExitOK, h.run("--help"))
	assert.Contains(t, h.stdout.String(), "Operate a stack:")
	assert.Contains(t, h.stdout.String(), "10  the previous operation did not end with its state saved")
}
