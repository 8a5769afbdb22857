package tests

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/cli"
)

// TestNotifyctlMissingStackLeavesTheStateFolderAsItWas: refresh and destroy of a stack the
// backend does not hold exit 9 and write nothing (no workspace, no simulated world, no backend
// metadata); once a preview has created the stack, refresh finds it through the same check.
// Nothing is deployed, so the test ends with the empty stack's outputs rather than a preview.
func TestNotifyctlMissingStackLeavesTheStateFolderAsItWas(t *testing.T) {
	requireEngine(t)
	t.Parallel()
	state := t.TempDir()
	n := &notifyctlRunner{t: t, state: state}
	run := func(args ...string) (int, string, string) {
		return n.run(nil, nil, append(args, "--latency-factor", "0")...)
	}

	for _, args := range [][]string{
		{"refresh", "--stack", "dev", "--cloud", "sim"},
		{"destroy", "--stack", "dev", "--cloud", "sim", "--yes", "--unprotect"},
		{"outputs", "--stack", "dev"},
	} {
		code, _, stderr := run(args...)
		assert.Equal(t, cli.ExitStackNotFound, code, "%s: %s", args[0], stderr)
		left, err := os.ReadDir(state)
		require.NoError(t, err)
		assert.Empty(t, left, "%s of a stack that does not exist writes nothing in the state folder", args[0])
	}

	code, _, stderr := run("preview", "--stack", "dev")
	require.Equal(t, cli.ExitOK, code, stderr)
	code, _, stderr = run("refresh", "--stack", "dev", "--cloud", "sim")
	require.Equal(t, cli.ExitOK, code, "the stack a preview created is found: %s", stderr)
	code, stdout, stderr := run("outputs", "--stack", "dev", "--json")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stdout, `"outputs": {}`)
}
