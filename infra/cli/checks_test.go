package cli

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

// projectWithDevFile is a project folder with the repository's Pulumi.yaml and the given dev
// stack file.
func projectWithDevFile(t *testing.T, devFile string) string {
	t.Helper()
	dir := t.TempDir()
	raw, err := os.ReadFile("../../Pulumi.yaml")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), raw, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"), []byte(devFile), 0o644))
	return dir
}

// TestFlagAndConfigurationProblemsInOneRun: flag problems that leave the stack known no longer
// hide the stack file's; one run lists both, and the exit code is the configuration's (7).
func TestFlagAndConfigurationProblemsInOneRun(t *testing.T) {
	dir := projectWithDevFile(t, "config:\n  gcnotify:logRetentionDays: 13\n  aws:region: us-east-1\n")
	for name, args := range map[string][]string{
		"up":      {"up", "--stack", "dev", "--cloud", "gcp", "--latency-factor", "-3", "--project-dir", dir, "stray"},
		"destroy": {"destroy", "--stack", "dev", "--cloud", "aws", "--unprotect", "--project-dir", dir},
		"render":  {"render", "--stack", "dev", "--project-dir", dir, "stray"},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			h.Check = infra.Inspect
			assert.Equal(t, ExitInvalidConfig, h.run(args...), h.stderr.String())
			stderr := h.stderr.String()
			for _, want := range []string{"Pulumi.dev.yaml:2:3: gcnotify:logRetentionDays", "Pulumi.dev.yaml:3:3: aws:region: unknown key", "gcnotify:accountId"} {
				assert.Contains(t, stderr, want)
			}
			switch name {
			case "up":
				for _, want := range []string{`--cloud: cloud "gcp"`, "--latency-factor -3", `unexpected argument "stray"`, "refusing to up stack dev without a terminal"} {
					assert.Contains(t, stderr, want)
				}
			case "destroy":
				for _, want := range []string{"refusing to destroy", "--unprotect is for --cloud sim only", "missing AWS credentials"} {
					assert.Contains(t, stderr, want)
				}
			case "render":
				assert.Contains(t, stderr, `unexpected argument "stray"`)
			}
			assert.Empty(t, h.opened, "nothing may be opened")
			assert.Nil(t, h.sim, "the simulated cloud must not start")
		})
	}

	// Flag problems alone stay usage errors, also when the stack file is checked.
	h := newHarness(t)
	h.Check = infra.Inspect
	assert.Equal(t, ExitUsage, h.run("preview", "--stack", "dev", "--cloud", "gcp", "--project-dir", "../.."), h.stderr.String())
	assert.Contains(t, h.stderr.String(), `--cloud: cloud "gcp"`)
}

func TestExitCodeOfSeveralProblems(t *testing.T) {
	usage, config, creds := &UsageError{Msg: "--cloud"}, &infra.ConfigError{Err: errors.New("x")}, &infra.NoCredentialsError{}
	assert.Equal(t, ExitInvalidConfig, ExitCode(errors.Join(usage, config, creds)), "the stack file wins")
	assert.Equal(t, ExitInvalidConfig, ExitCode(errors.Join(&infra.OptionsError{}, config)))
	assert.Equal(t, ExitUsage, ExitCode(errors.Join(usage, creds)), "then the command line")
	assert.Equal(t, ExitNoCredentials, ExitCode(errors.Join(creds, creds)))
}

func TestProjectDirWithoutTheProjectIsUsage(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nonexistent")
	for _, args := range [][]string{
		{"preview", "--stack", "dev", "--project-dir", missing},
		{"render", "--stack", "dev", "--project-dir", missing},
		{"up", "--stack", "dev", "--cloud", "sim", "--yes", "--project-dir", t.TempDir()},
	} {
		h := newHarness(t)
		h.Check = infra.Inspect
		assert.Equal(t, ExitUsage, h.run(args...), "%v: %s", args, h.stderr.String())
		assert.Contains(t, h.stderr.String(), "--project-dir: no Pulumi.yaml in ")
		assert.Empty(t, h.opened)
		assert.Nil(t, h.sim)
	}
}

// TestCommandsOnAStackNotInTheBackendLeaveNothing: refresh, destroy and outputs of a stack the
// backend does not hold exit 9 before the simulated cloud starts or a workspace is made.
func TestCommandsOnAStackNotInTheBackendLeaveNothing(t *testing.T) {
	for _, args := range [][]string{
		{"refresh", "--stack", "dev", "--cloud", "sim"},
		{"destroy", "--stack", "dev", "--cloud", "sim", "--yes", "--unprotect"},
		{"outputs", "--stack", "dev"},
	} {
		t.Run(args[0], func(t *testing.T) {
			state := filepath.Join(t.TempDir(), "state")
			h := newHarness(t)
			h.Check, h.RequireStack = infra.Inspect, infra.RequireStack
			assert.Equal(t, ExitStackNotFound, h.run(append(args, "--state-dir", state)...), h.stderr.String())
			assert.Contains(t, h.stderr.String(), "stack dev does not exist in backend")
			assert.Empty(t, h.opened, "no workspace is opened")
			assert.Nil(t, h.sim, "the simulated cloud does not start")
			_, err := os.Stat(state)
			assert.True(t, os.IsNotExist(err), "the state folder is not created")
		})
	}
}

// TestCancelSummaryCountsInterruptedSteps: the engine reports the steps in flight at Ctrl-C as
// failed ("operation cancelled"); the result calls them interrupted, and so does the summary
// line on stderr.
func TestCancelSummaryCountsInterruptedSteps(t *testing.T) {
	h := newHarness(t)
	p := h.newProgress("up dev (sim)", 4)
	res := sampleResult(infra.OpUp)
	res.Resources = res.Resources[:0]
	for i := range 3 {
		rec := infra.ResourceRecord{URN: "urn:pulumi:dev::gcnotify::aws:sqs/queue:Queue::q" + strconv.Itoa(i), Type: "aws:sqs/queue:Queue",
			Name: "q" + strconv.Itoa(i), Custom: true, Op: "create", Status: infra.StatusFailed, Error: "operation cancelled"}
		p.observe(infra.Event{Kind: infra.ResourceStarted, Resource: rec})
		if i < 2 {
			p.observe(infra.Event{Kind: infra.ResourceFailed, Resource: rec})
		}
		rec.Status = infra.StatusInterrupted
		res.Resources = append(res.Resources, rec)
	}
	failed := infra.ResourceRecord{URN: "urn:pulumi:dev::gcnotify::aws:sqs/queue:Queue::bad", Type: "aws:sqs/queue:Queue",
		Name: "bad", Custom: true, Op: "create", Status: infra.StatusFailed, Error: "AccessDenied"}
	p.observe(infra.Event{Kind: infra.ResourceStarted, Resource: failed})
	p.observe(infra.Event{Kind: infra.ResourceFailed, Resource: failed})
	res.Resources = append(res.Resources, failed)
	p.closeWith(res)
	last := strings.TrimSpace(h.stderr.String())
	last = last[strings.LastIndex(last, "\n")+1:]
	assert.Equal(t, "up dev (sim): finished in 0:00 (0 done, 1 failed, 3 interrupted)", last)
}

func TestOwnTempDirRemovesWhatEndedProcessesLeft(t *testing.T) {
	base := filepath.Join(t.TempDir(), "notifyctl-1000")
	for _, d := range []string{"111/automation-logs-up-1", "222/automation-logs-preview-2", "333", "not-a-pid"} {
		require.NoError(t, os.MkdirAll(filepath.Join(base, d), 0o700))
	}
	alive := func(pid int) bool { return pid == 222 }
	dir, err := claimTempDir(base, 333, alive)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(base, "333"), dir)
	entries, err := os.ReadDir(base)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, []string{"222", "333", "not-a-pid"}, names, "only the ended process's folder is removed")
	left, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, left, "this process's folder starts empty")

	assert.True(t, processAlive(os.Getpid()))
	ended := exec.Command(os.Args[0], "-test.run=^$")
	require.NoError(t, ended.Run())
	assert.False(t, processAlive(ended.Process.Pid), "a process that ended is not alive")
}
