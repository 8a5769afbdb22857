package cli

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The estimate of dev from its real rendered graph: the EKS chain is the critical path, and the
// staged order, which waits for the cluster before the data stores, takes longer.
func TestEstimateCommand(t *testing.T) {
	h := newHarness(t)
	require.Equal(t, ExitOK, h.run("estimate", "--stack", "dev"), h.stderr.String())
	out := h.stdout.String()
	assert.Contains(t, out, "as one program")
	assert.Contains(t, out, "aws:eks/cluster:Cluster cluster-cluster")
	assert.Contains(t, out, "in today's staged order")

	h = newHarness(t)
	require.Equal(t, ExitOK, h.run("estimate", "--stack", "dev", "--json"), h.stderr.String())
	var e struct {
		Seconds, TodaySeconds float64
		CriticalPath          []struct{ Type string }
		Today                 []struct{ Modules string }
	}
	require.NoError(t, json.Unmarshal(h.stdout.Bytes(), &e))
	assert.Greater(t, e.Seconds, 15*60.0, "EKS and its node group alone take more than 15 minutes")
	assert.Greater(t, e.TodaySeconds, e.Seconds, "the staged order waits where the graph does not")
	assert.Len(t, e.Today, 8)

	h = newHarness(t)
	assert.Equal(t, ExitUsage, h.run("estimate"), "a stack is required")
}
