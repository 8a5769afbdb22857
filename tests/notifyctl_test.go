package tests

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/cli"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
)

// TestNotifyctlRehearsal runs the README's main job the way an operator does, each command a
// separate run (its own simulated cloud process, persisted through the state folder): up with
// --yes, a preview that must be empty, the outputs, and a destroy.
func TestNotifyctlRehearsal(t *testing.T) {
	requireEngine(t)
	state := t.TempDir()
	run := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		d := cli.DefaultDeps()
		d.Stdout, d.Stderr, d.Stdin = &stdout, &stderr, strings.NewReader("")
		d.StdinTerminal, d.StderrTerminal = false, false
		d.Getwd = func() (string, error) { return repoRoot(t), nil }
		d.LookupEnv = func(k string) (string, bool) {
			if k == "PULUMI_CONFIG_PASSPHRASE" {
				return os.LookupEnv(k)
			}
			return "", false
		}
		code := cli.Execute(context.Background(), append(args, "--state-dir", state), d)
		return code, stdout.String(), stderr.String()
	}
	t.Cleanup(func() {
		if _, err := os.Stat(cloudsim.WorldFile(state)); err == nil {
			code, _, stderr := run("destroy", "--stack", "dev", "--cloud", "sim", "--yes", "--unprotect", "--latency-factor", "0")
			assert.Equal(t, cli.ExitOK, code, stderr)
		}
	})

	code, stdout, stderr := run("up", "--stack", "dev", "--cloud", "sim", "--yes", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stderr, "preview of dev (sim):", "the plan is shown first")
	assert.Contains(t, stderr, "created ", "progress is reported per resource")
	assert.NotContains(t, stderr, "\x1b[", "plain progress when stderr is not a terminal")
	assert.Contains(t, stdout, "up of dev (sim):")
	assert.Contains(t, stdout, "vpcId", "the run ends with the stack outputs")

	code, stdout, stderr = run("preview", "--stack", "dev", "--expect-no-changes", "--json", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stderr)
	var preview struct {
		Operation string
		Summary   map[string]int
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &preview), stdout)
	assert.Equal(t, "preview", preview.Operation)
	assert.Positive(t, preview.Summary["same"])

	code, stdout, stderr = run("outputs", "--stack", "dev", "--json")
	require.Equal(t, cli.ExitOK, code, stderr)
	var outs struct {
		Outputs map[string]struct{ Value any }
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &outs))
	assert.Equal(t, "dev", outs.Outputs["environment"].Value)

	// The stack's secrets were encrypted with the rehearsal passphrase: another one is refused
	// as a credentials problem, before anything runs.
	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "not-the-passphrase")
	code, stdout, stderr = run("preview", "--stack", "dev", "--latency-factor", "0")
	assert.Equal(t, cli.ExitNoCredentials, code, stderr)
	assert.Contains(t, stderr, "does not decrypt")
	assert.NotContains(t, stdout, "preview of dev", "no result is printed for a preview that never ran")
	require.NoError(t, os.Unsetenv("PULUMI_CONFIG_PASSPHRASE"))

	code, _, stderr = run("destroy", "--stack", "dev", "--cloud", "sim", "--yes", "--unprotect", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stderr)
	left, err := cloudsim.ReadWorld(cloudsim.WorldFile(state))
	require.NoError(t, err)
	var urns []string
	for _, r := range left {
		urns = append(urns, r.Type+" "+r.URN)
	}
	assert.Empty(t, urns, "the simulated cloud is empty after destroy")
	code, stdout, _ = run("outputs", "--stack", "dev", "--json")
	require.Equal(t, cli.ExitOK, code)
	assert.Contains(t, stdout, `"outputs": {}`)
}
