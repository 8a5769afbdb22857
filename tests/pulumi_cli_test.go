package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	notifyctl "github.com/cds-snc/notification-pulumi/infra/cli"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
)

// TestPulumiUpAndDestroyThroughTheCLI follows the README's "The plain Pulumi CLI against the
// rehearsal cloud": notifyctl sim serve prints the environment into a file, and every pulumi
// command runs in a shell that evaluates it. pulumi up creates dev in the served world, notifyctl
// sees its outputs through the shared backend, a second preview has nothing to do, and destroy
// (after pulumi state unprotect) and stack rm leave the world empty. The CLI starts the Go
// language host (pulumi-language-go, built by `make language-go` from SDK v3.66.0, the newest
// that still contains it), which builds and runs the program; `make test` builds the host first,
// and a bare `go test` without it skips this test and says how to build it.
func TestPulumiUpAndDestroyThroughTheCLI(t *testing.T) {
	requireEngine(t)
	requireLanguageHost(t)
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("skipped: the README's steps need a POSIX shell (sh)")
	}
	t.Parallel()
	state := t.TempDir()
	envFile := filepath.Join(state, "sim-dev.env")
	pulumi := func(args ...string) (string, error) {
		script := `eval "$(cat "$1")" && shift && exec pulumi "$@" --cwd "$NOTIFYCTL_SIM_CWD" --non-interactive`
		cmd := exec.Command(sh, append([]string{"-c", script, "sh", envFile}, args...)...)
		cmd.Dir = t.TempDir() // anywhere: --cwd says where the project is
		// The Go language host builds the program at each run: without DWARF the link, most of
		// that build, takes a third less.
		cmd.Env = append(os.Environ(), "GOFLAGS=-ldflags=-w")
		start := time.Now()
		out, err := cmd.CombinedOutput()
		t.Logf("pulumi %s: %s", strings.Join(args, " "), time.Since(start).Round(100*time.Millisecond))
		return string(out), err
	}

	// Cleanup first: whatever the test leaves is destroyed while the world is still served,
	// then serving stops.
	serving := serveInProcess(t, state, envFile, "sim", "serve", "--stack", "dev", "--latency-factor", "0")
	t.Cleanup(func() {
		if left, err := cloudsim.ReadWorld(cloudsim.WorldFile(state)); err == nil && len(left) > 0 {
			_, _ = pulumi("state", "unprotect", "--all", "--yes", "-s", "dev")
			out, err := pulumi("destroy", "--yes", "-s", "dev", "--skip-preview")
			assert.NoError(t, err, "cleanup destroy:\n%s", out)
		}
		serving.stop()
	})
	serving.wait()

	out, err := pulumi("stack", "init", "dev")
	require.NoError(t, err, "pulumi stack init:\n%s", out)
	out, err = pulumi("up", "-s", "dev", "--yes")
	require.NoError(t, err, "pulumi up:\n%s", lastLines(out, 60))
	// The CLI's output is long: each check names what it looked for instead of printing it all.
	for what, re := range map[string]string{
		"the whole environment is created":           `\+ [0-9]{3,} created`,
		"the diagnostics say the cloud is simulated": `cloudsim: SIMULATED aws provider \(region ca-central-1, account 800095993820\), not AWS`,
		"the program's outputs are printed":          `environment\s+: "dev"`,
	} {
		assert.Regexp(t, re, out, "%s: not found in the output of pulumi up", what)
	}

	state0 := stateURNs(t, pulumi)
	world := worldURNs(t, state)
	require.Greater(t, len(world), 300, "the served world holds the deployment")
	images := 0
	for urn, typ := range world {
		if typ == cloudsim.ImageType {
			images++ // pushed by the served world standing in for CI, not by the program
			continue
		}
		assert.True(t, state0[urn], "%s is in the world, not in the stack's state", urn)
	}
	assert.Positive(t, images, "the served world pushed the release images into the repositories")

	run := notifyctlIn(t, state, nil)
	code, stdout, stderr := run("outputs", "--stack", "dev", "--json")
	require.Equal(t, notifyctl.ExitOK, code, stderr)
	assert.Contains(t, stdout, `"value": "dev"`, "notifyctl reads what pulumi up did from the same backend")

	out, err = pulumi("preview", "-s", "dev", "--expect-no-changes")
	require.NoError(t, err, "a second preview has nothing to do:\n%s", lastLines(out, 60))

	out, err = pulumi("state", "unprotect", "--all", "--yes", "-s", "dev")
	require.NoError(t, err, "pulumi state unprotect:\n%s", out)
	out, err = pulumi("destroy", "-s", "dev", "--yes")
	require.NoError(t, err, "pulumi destroy:\n%s", lastLines(out, 60))
	out, err = pulumi("stack", "rm", "dev", "--yes")
	require.NoError(t, err, "pulumi stack rm:\n%s", out)

	serving.stop()
	assert.Empty(t, worldURNs(t, state), "destroy left the world empty")
	repo, err := os.ReadFile(filepath.Join(repoRoot(t), "Pulumi.dev.yaml"))
	require.NoError(t, err)
	assert.NotContains(t, string(repo), "encryptionsalt", "the engine never wrote the repository's stack file")
}
