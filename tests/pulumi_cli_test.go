package tests

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
)

// TestPulumiPreviewThroughTheCLI runs `pulumi preview -s dev` with the CLI itself rather than the
// automation API. The CLI runs a Go program through the Go language host (pulumi-language-go),
// which `make pulumi` does not build: at v3.175.0 it is a separate module
// (github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3) that the module proxy available here
// does not serve. The test runs when a language host is on PATH or in .tooling/bin and is skipped
// otherwise; every other end-to-end test runs the same program in-process through the
// automation API's inline host.
func TestPulumiPreviewThroughTheCLI(t *testing.T) {
	cli := requireEngine(t)
	host, err := exec.LookPath("pulumi-language-go")
	if err != nil {
		local := filepath.Join(repoRoot(t), ".tooling", "bin", "pulumi-language-go")
		if _, statErr := os.Stat(local); statErr != nil {
			t.Skip("skipped: `pulumi preview -s dev` through the CLI needs the Go language host pulumi-language-go, " +
				"which cannot be built here at v3.175.0 (its module github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3 " +
				"is not served by the module proxy); the program is previewed through the automation API in TestEnvironmentLifecycle")
		}
		host = local
	}
	sim, err := cloudsim.Start(context.Background(), cloudsim.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = sim.Close() })

	// A project folder whose main is the repository, so the repository's stack file is never written.
	project := t.TempDir()
	rel, err := filepath.Rel(project, repoRoot(t))
	require.NoError(t, err)
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "Pulumi.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(project, "Pulumi.yaml"), append(raw, []byte("main: "+rel+"\n")...), 0o644))
	raw, err = os.ReadFile(filepath.Join(repoRoot(t), "Pulumi.dev.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(project, "Pulumi.dev.yaml"), raw, 0o644))

	env := append(os.Environ(), "PULUMI_BACKEND_URL=file://"+t.TempDir(), "PULUMI_CONFIG_PASSPHRASE=test",
		"PULUMI_SKIP_UPDATE_CHECK=true", "PATH="+filepath.Dir(host)+string(os.PathListSeparator)+os.Getenv("PATH"))
	for k, v := range sim.Env() {
		env = append(env, k+"="+v)
	}
	for _, args := range [][]string{{"stack", "init", "dev"}, {"preview", "--stack", "dev"}} {
		cmd := exec.Command(cli, append(args, "--non-interactive")...)
		cmd.Dir, cmd.Env = project, env
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "pulumi %s:\n%s", strings.Join(args, " "), out)
	}
}
