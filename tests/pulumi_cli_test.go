package tests

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	notifyctl "github.com/cds-snc/notification-pulumi/infra/cli"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// TestPulumiPreviewThroughTheCLI runs `pulumi preview -s dev` with the CLI itself rather than the
// automation API: the CLI starts the Go language host (pulumi-language-go, built by `make
// language-go` from SDK v3.66.0, the newest that still contains it), which builds and runs the
// program, and the simulated providers answer through PULUMI_DEBUG_PROVIDERS. `make test` builds
// the host first; a bare `go test` without it skips this test and says how to build it.
func TestPulumiPreviewThroughTheCLI(t *testing.T) {
	cli := requireEngine(t)
	host, err := exec.LookPath("pulumi-language-go")
	if err != nil {
		local := filepath.Join(repoRoot(t), ".tooling", "bin", "pulumi-language-go")
		if _, statErr := os.Stat(local); statErr != nil {
			t.Skip("skipped: `pulumi preview -s dev` through the CLI needs the Go language host: `make language-go` builds it")
		}
		host = local
	}
	f, err := stackfile.Load(repoRoot(t), "dev")
	require.NoError(t, err)
	sim, err := cloudsim.Start(context.Background(), notifyctl.SimOptions(f, 0, ""))
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
	var out []byte
	for _, args := range [][]string{{"stack", "init", "dev"}, {"preview", "--stack", "dev"}} {
		cmd := exec.Command(cli, append(args, "--non-interactive")...)
		cmd.Dir, cmd.Env = project, env
		out, err = cmd.CombinedOutput()
		require.NoError(t, err, "pulumi %s:\n%s", strings.Join(args, " "), out)
	}
	// The CLI's output is long: each check names what it looked for instead of printing it all.
	for what, re := range map[string]string{
		"the whole environment is planned":           `\+ [0-9]{3,} to create`,
		"the diagnostics say the cloud is simulated": `cloudsim: SIMULATED aws provider \(region ca-central-1, account 800095993820\), not AWS`,
		"the program's outputs are computed":         `environment\s+: "dev"`,
		"values known only after deployment stay so": `vpcId\s+: \[unknown\]`,
	} {
		assert.True(t, regexp.MustCompile(re).Match(out), "%s: %s not found in the output of pulumi preview", what, re)
	}
	assert.NotEmpty(t, sim.Calls(), "the CLI reached the simulated providers")
}
