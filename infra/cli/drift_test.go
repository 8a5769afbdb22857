package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

func TestDriftReportsChangesMadeOutsideTheProgram(t *testing.T) {
	h := newHarness(t)
	h.runner.results["preview"] = sampleResult(infra.OpPreview)
	assert.Equal(t, ExitChanges, h.run("drift", "--stack", "dev"), h.stderr.String())
	assert.Contains(t, h.stdout.String(), "`dev` (sim): 2 to create, 1 to update, 1 to replace", "the report is a preview comment")
	assert.Contains(t, h.stderr.String(), "dev: drift:")
	assert.Contains(t, h.stderr.String(), "dev: to undo it, record it in the state, then apply the program: notifyctl refresh --stack dev --cloud sim, then notifyctl up --stack dev --cloud sim")
	require.NotEmpty(t, h.runner.opts)
	assert.True(t, h.runner.opts[0].Refresh, "the cloud is read first")

	h = newHarness(t)
	h.runner.results["preview"] = &infra.Result{Stack: "dev", Summary: map[string]int{"same": 800}}
	assert.Equal(t, ExitOK, h.run("drift", "--stack", "dev"), h.stderr.String())
	assert.Contains(t, h.stderr.String(), "dev: no drift")
	assert.NotContains(t, h.stderr.String(), "to undo it")
	assert.Empty(t, h.stdout.String())

	h = newHarness(t)
	assert.Equal(t, ExitUsage, h.run("drift", "--stack", "dev", "--issue"))
	assert.Contains(t, h.stderr.String(), "set GITHUB_TOKEN")
	assert.Empty(t, h.opened)
}
