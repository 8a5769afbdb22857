package tests

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/cli"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
)

// TestNotifyctlRehearsal runs the README's main job the way an operator does, each command a
// separate run (its own simulated cloud process, persisted through the state folder): up with
// --yes, a preview that must be empty, the outputs, a wrong passphrase refused, a console edit
// found by drift and undone, and a destroy that leaves the cloud empty. One deployment serves
// every step, as it does for an operator.
func TestNotifyctlRehearsal(t *testing.T) {
	requireEngine(t)
	t.Parallel()
	state := t.TempDir()
	run := notifyctlIn(t, state, nil)

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
	wrong := notifyctlIn(t, state, map[string]string{"PULUMI_CONFIG_PASSPHRASE": "not-the-passphrase"})
	code, stdout, stderr = wrong("preview", "--stack", "dev", "--latency-factor", "0")
	assert.Equal(t, cli.ExitNoCredentials, code, stderr)
	assert.Contains(t, stderr, "does not decrypt")
	assert.NotContains(t, stdout, "preview of dev", "no result is printed for a preview that never ran")

	driftIsReportedAndUndone(t, run, state)

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

// driftIsReportedAndUndone: on a deployed dev, notifyctl drift exits 0; a security group rule
// edited in the persisted world as the console would makes it exit 3 with a report that names
// the rule and its changed property. A refresh records the edit in the state and an up undoes it
// (an up alone would not: it plans from the state); drift then exits 0.
func driftIsReportedAndUndone(t *testing.T, run func(args ...string) (int, string, string), state string) {
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
