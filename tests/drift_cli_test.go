package tests

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/cli"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
)

// notifyctlIn runs notifyctl in-process against one state folder, as an operator runs it: each
// command its own run, the simulated world persisted in the state folder between them.
func notifyctlIn(t *testing.T, state string) func(args ...string) (int, string, string) {
	return func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		d := cli.DefaultDeps()
		d.Stdout, d.Stderr, d.Stdin = &stdout, &stderr, strings.NewReader("")
		d.StdinTerminal, d.StderrTerminal = false, false
		d.Getwd = func() (string, error) { return repoRoot(t), nil }
		d.LookupEnv = func(string) (string, bool) { return "", false }
		code := cli.Execute(context.Background(), append(args, "--state-dir", state), d)
		return code, stdout.String(), stderr.String()
	}
}

// editWorld makes a console edit in a persisted world: the world is opened, edited and saved,
// as another process (the AWS console) would change AWS between two notifyctl runs.
func editWorld(t *testing.T, world, typ, urnSuffix, key string, value any) []string {
	t.Helper()
	sim, err := cloudsim.Start(context.Background(), cloudsim.Options{StateFile: world})
	require.NoError(t, err)
	urns := sim.Edit(typ, urnSuffix, key, value)
	require.NoError(t, sim.Close())
	return urns
}

// TestNotifyctlDriftReportsAConsoleEdit deploys dev through notifyctl, edits a security group
// rule in the persisted world as the console would, and runs notifyctl drift: exit 3 and a
// report that names the rule and its changed property. A refresh records the edit in the state and
// an up undoes it (an up alone would not: it plans from the state); drift then exits 0.
func TestNotifyctlDriftReportsAConsoleEdit(t *testing.T) {
	requireEngine(t)
	t.Parallel()
	state := t.TempDir()
	run := notifyctlIn(t, state)
	t.Cleanup(func() {
		if _, err := os.Stat(cloudsim.WorldFile(state)); err == nil {
			code, _, stderr := run("destroy", "--stack", "dev", "--cloud", "sim", "--yes", "--unprotect", "--latency-factor", "0")
			assert.Equal(t, cli.ExitOK, code, stderr)
		}
	})

	code, _, stderr := run("up", "--stack", "dev", "--cloud", "sim", "--yes", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stderr)
	code, stdout, stderr := run("drift", "--stack", "dev", "--cloud", "sim", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, "no drift right after an up:\n%s\n%s", stdout, stderr)
	assert.Contains(t, stderr, "dev: no drift")

	const rule = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	require.Len(t, editWorld(t, cloudsim.WorldFile(state), rule, "::database-cluster-from-proxy", "fromPort", 1.0), 1)

	code, stdout, stderr = run("drift", "--stack", "dev", "--cloud", "sim", "--latency-factor", "0")
	require.Equal(t, cli.ExitChanges, code, "a console edit is drift:\n%s\n%s", stdout, stderr)
	assert.Contains(t, stderr, "dev: drift: 0 to create again, 1 changed, 0 to replace, 0 to delete")
	assert.Contains(t, stdout, "database-cluster-from-proxy", "the report names the edited resource")
	assert.Contains(t, stdout, "fromPort", "the report names the edited property")
	assert.NotContains(t, stdout, "network-vpc", "only the edited resource is reported")
	assert.Contains(t, stderr, "notifyctl refresh --stack dev --cloud sim, then notifyctl up --stack dev --cloud sim",
		"drift says how to undo it: an up alone plans from the state, which does not know the edit")

	code, _, stderr = run("refresh", "--stack", "dev", "--cloud", "sim", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stderr)
	code, _, stderr = run("up", "--stack", "dev", "--cloud", "sim", "--yes", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stderr)
	code, stdout, stderr = run("drift", "--stack", "dev", "--cloud", "sim", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, "the up undid the edit:\n%s\n%s", stdout, stderr)
	assert.Contains(t, stderr, "dev: no drift")
	assert.Empty(t, stdout)
}
