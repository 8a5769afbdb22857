package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

// productionPlan is a production preview that replaces the Aurora cluster (its identifier
// changed) besides updating a log group.
func productionPlan() *infra.Result {
	res := sampleResult(infra.OpPreview)
	res.Stack = "production"
	res.Resources = append(res.Resources, infra.ResourceRecord{
		URN:  "urn:pulumi:production::gcnotify::gcnotify:database:Database$aws:rds/cluster:Cluster::database-cluster",
		Type: "aws:rds/cluster:Cluster", Name: "database-cluster", Custom: true, Op: "replace", Status: infra.StatusDone,
		Diffs: []string{"clusterIdentifier"}, ReplaceReasons: []string{"clusterIdentifier"}})
	res.Summary["replace"]++
	return res
}

func TestGuardedUpRefreshesFirstAndRefusesAStatefulReplacement(t *testing.T) {
	h := newHarness(t)
	h.runner.results["refresh"] = &infra.Result{Stack: "production", Summary: map[string]int{"same": 800}}
	h.runner.results["preview"] = productionPlan()
	code := h.run("up", "--stack", "production", "--cloud", "sim", "--yes")
	assert.Equal(t, ExitPolicy, code, h.stderr.String())
	assert.Equal(t, []string{"refresh", "preview"}, h.runner.called(), "refreshed, previewed, never deployed")
	assert.Contains(t, h.stderr.String(), "database-cluster")
	assert.Contains(t, h.stderr.String(), "clusterIdentifier", "the property that forces it")

	// A reviewed replacement, allowed by URN with its reason, goes through.
	allow := filepath.Join(t.TempDir(), "allow.yaml")
	require.NoError(t, os.WriteFile(allow, []byte(`allow:
  - stack: production
    resource: urn:pulumi:production::gcnotify::gcnotify:database:Database$aws:rds/cluster:Cluster::database-cluster
    op: replace
    reason: "restore from the rehearsed snapshot, reviewed in #412"
`), 0o644))
	h = newHarness(t)
	h.runner.results["preview"] = productionPlan()
	h.runner.results["up"] = productionPlan()
	code = h.run("up", "--stack", "production", "--cloud", "sim", "--yes", "--allow-file", allow)
	assert.Equal(t, ExitOK, code, h.stderr.String())
	assert.Equal(t, []string{"refresh", "preview", "up"}, h.runner.called())
	assert.Contains(t, h.stderr.String(), "allowed: replace database-cluster")
	assert.Contains(t, h.stderr.String(), "reviewed in #412")

	// An allowance without a reason is refused before anything runs.
	require.NoError(t, os.WriteFile(allow, []byte("allow:\n  - stack: production\n    resource: database-cluster\n    op: replace\n"), 0o644))
	h = newHarness(t)
	assert.Equal(t, ExitUsage, h.run("up", "--stack", "production", "--cloud", "sim", "--yes", "--allow-file", allow))
	assert.Contains(t, h.stderr.String(), "reason is required")
	assert.Empty(t, h.runner.called())

	// --guard=false (a deliberate choice) skips the refresh and the gate.
	h = newHarness(t)
	h.runner.results["preview"] = productionPlan()
	h.runner.results["up"] = productionPlan()
	assert.Equal(t, ExitOK, h.run("up", "--stack", "production", "--cloud", "sim", "--yes", "--guard=false"), h.stderr.String())
	assert.Equal(t, []string{"preview", "up"}, h.runner.called())

	h = newHarness(t)
	assert.Equal(t, ExitUsage, h.run("up", "--stack", "production", "--cloud", "sim", "--yes", "--guard", "maybe"))
	assert.Contains(t, h.stderr.String(), `--guard: got "maybe", want auto (production only), true or false`)
}

func TestUnguardedStacksAreNotRefreshedFirst(t *testing.T) {
	h := newHarness(t)
	h.runner.results["preview"] = sampleResult(infra.OpPreview)
	h.runner.results["up"] = sampleResult(infra.OpUp)
	require.Equal(t, ExitOK, h.run("up", "--stack", "dev", "--cloud", "sim", "--yes"), h.stderr.String())
	assert.Equal(t, []string{"preview", "up"}, h.runner.called())
}

func TestGuardedUpAsksForTheStackName(t *testing.T) {
	for answer, want := range map[string]int{"yes\n": ExitCancelled, "production\n": ExitOK} {
		h := newHarness(t)
		h.StdinTerminal = true
		h.Stdin = strings.NewReader(answer)
		h.runner.results["preview"] = sampleResult(infra.OpPreview)
		h.runner.results["up"] = sampleResult(infra.OpUp)
		assert.Equal(t, want, h.run("up", "--stack", "production", "--cloud", "sim"), answer+h.stderr.String())
		assert.Contains(t, h.stderr.String(), "Type the stack's name to continue")
	}
}

func TestGuardedUpRecordsTheRunInTheUpdatesMessageAndMetadata(t *testing.T) {
	h := newHarness(t)
	h.env = map[string]string{"GITHUB_SHA": "4f2a9c1", "GITHUB_ACTOR": "ops-lead", "NOTIFYCTL_PULL_REQUEST": "#412",
		"GITHUB_RUN_ID": "77", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "cds-snc/notification-pulumi"}
	h.runner.results["preview"] = sampleResult(infra.OpPreview)
	h.runner.results["up"] = sampleResult(infra.OpUp)
	require.Equal(t, ExitOK, h.run("up", "--stack", "production", "--cloud", "sim", "--yes", "--message", "release v1.4.0"), h.stderr.String())
	up := h.runner.opts[len(h.runner.opts)-1]
	assert.Equal(t, "release v1.4.0\n\ncommit: 4f2a9c1\npull-request: 412\nactor: ops-lead", up.Message)
	assert.Equal(t, map[string]string{"PULUMI_CI_SYSTEM": "notifyctl", "PULUMI_PR_NUMBER": "412", "PULUMI_CI_PULL_REQUEST_SHA": "4f2a9c1",
		"PULUMI_CI_BUILD_URL": "https://github.com/cds-snc/notification-pulumi/actions/runs/77"}, up.Metadata)
}

func TestUpWaitsABoundedTimeForALockedStack(t *testing.T) {
	locked := &infra.ConcurrentUpdateError{Stack: "dev", Cloud: infra.CloudSim}
	newLocked := func(times int) *harness {
		h := newHarness(t)
		now := t0
		h.Now = func() time.Time { return now }
		h.Sleep = func(_ context.Context, d time.Duration) error { now = now.Add(d); return nil }
		h.runner.results["preview"] = sampleResult(infra.OpPreview)
		h.runner.results["up"] = sampleResult(infra.OpUp)
		h.runner.errs["up"] = locked
		h.runner.errTimes["up"] = times
		return h
	}
	// Released after two tries: the third goes through.
	h := newLocked(2)
	require.Equal(t, ExitOK, h.run("up", "--stack", "dev", "--cloud", "sim", "--yes", "--lock-wait", "1m"), h.stderr.String())
	assert.Equal(t, []string{"preview", "up", "up", "up"}, h.runner.called())
	assert.Contains(t, h.stderr.String(), "up: stack dev is locked by another run; waiting for it (0:15 of 1:00), trying again in 0:15")

	// Never released: fails after the wait, with the lock's error, and never breaks it.
	h = newLocked(1000)
	assert.Equal(t, ExitConcurrentUpdate, h.run("up", "--stack", "dev", "--cloud", "sim", "--yes", "--lock-wait", "1m"))
	assert.Contains(t, h.stderr.String(), "waited 1:00 for the lock of stack dev, which another run still holds")
	assert.Len(t, h.runner.called(), 1+5, "tries at 0:00, 0:15, 0:30, 0:45, 1:00")

	h = newLocked(1000)
	assert.Equal(t, ExitConcurrentUpdate, h.run("up", "--stack", "dev", "--cloud", "sim", "--yes", "--lock-wait", "0"))
	assert.Equal(t, []string{"preview", "up"}, h.runner.called(), "0: fail at once")

	h = newHarness(t)
	assert.Equal(t, ExitUsage, h.run("up", "--stack", "dev", "--cloud", "sim", "--yes", "--lock-wait", "-1m"))
	assert.Contains(t, h.stderr.String(), "--lock-wait: got -1m0s")
}
