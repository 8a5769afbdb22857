package cli

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/policy"
)

func TestCheckRunsThePolicyRulesOffline(t *testing.T) {
	h := newHarness(t)
	assert.Equal(t, ExitOK, h.run("check", "--stack", "dev"), h.stderr.String())
	assert.Contains(t, h.stdout.String(), "== dev")
	assert.Contains(t, h.stdout.String(), "kms-rotation")
	assert.Nil(t, h.sim, "offline: no simulated cloud")

	h = newHarness(t)
	assert.Equal(t, ExitOK, h.run("check", "--stack", "dev,staging", "--json"), h.stderr.String())
	var reports []map[string]any
	require.NoError(t, json.Unmarshal(h.stdout.Bytes(), &reports))
	assert.Len(t, reports, 2)

	for _, args := range [][]string{{"check"}, {"check", "--all", "--stack", "dev"}, {"check", "--stack", "Dev!"}} {
		h = newHarness(t)
		code := h.run(args...)
		assert.Contains(t, []int{ExitUsage}, code, "%v: %s", args, h.stderr.String())
	}
	assert.Equal(t, ExitPolicy, ExitCode(fmt.Errorf("dev: %w", &policy.FailedError{})), "a finding is exit 11")
}
