package tests

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

// awsOwnChangesAreToleratedAndConsoleEditsAreNot makes time pass in the simulated world after
// dev's deployment (TestEnvironmentLifecycle runs it on its deployed dev): a maintenance window
// moves Aurora to the next minor version and the cluster autoscaler changes the node group's
// desired size, which the program leaves to AWS (refresh, then preview: no change); a console edit
// of a security group rule is drift the next up must undo (refresh, then preview: that rule
// changes); a resource deleted outside the program is drift a refresh reports.
func awsOwnChangesAreToleratedAndConsoleEditsAreNot(t *testing.T, r *rig) {
	ctx := context.Background()

	upgraded := r.sim.UpgradeMinorVersions()
	assert.Len(t, upgraded, 4, "the Aurora cluster and its three instances")
	scaled := r.sim.SetNodeGroupDesiredSize(6)
	assert.NotEmpty(t, scaled, "the node group")
	_, err := r.stack.Refresh(ctx, infra.RunOptions{})
	require.NoError(t, err)
	r.requireNoChanges()

	const rule = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	edited := r.sim.Edit(rule, "::database-cluster-from-proxy", "fromPort", 1.0)
	require.Len(t, edited, 1)
	_, err = r.stack.Refresh(ctx, infra.RunOptions{})
	require.NoError(t, err)
	plan, err := r.stack.Preview(ctx, infra.RunOptions{ExpectNoChanges: true})
	var changes *infra.ChangesPresentError
	require.ErrorAs(t, err, &changes, "a console edit is drift")
	var changed []string
	for _, rec := range plan.Resources {
		if rec.Op != "same" {
			changed = append(changed, rec.Type+"::"+rec.Name)
		}
	}
	assert.Equal(t, []string{rule + "::database-cluster-from-proxy"}, changed)
	r.up()
	r.requireNoChanges()

	// A resource deleted outside the program is drift: a preview that reads the cloud first
	// shows it, and a refresh that finds it says so (exit 3 in notifyctl).
	const queue = "aws:sqs/queue:Queue"
	require.Len(t, r.sim.Delete(queue, "::queues-research-mode-tasks"), 1)
	_, err = r.stack.Preview(ctx, infra.RunOptions{ExpectNoChanges: true, Refresh: true})
	require.ErrorAs(t, err, &changes, "a preview that refreshes sees the deleted queue")
	_, err = r.stack.Refresh(ctx, infra.RunOptions{ExpectNoChanges: true})
	require.ErrorAs(t, err, &changes, "the refresh reports the drift")
	assert.True(t, changes.Drift)
	assert.Contains(t, err.Error(), "drift found")
	r.up()
	r.requireNoChanges()
}
