package tests

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/stacks"
)

// newRetention is a value CloudWatch accepts that differs from each environment's own.
var newRetention = map[string]string{"dev": "30", "staging": "400", "production": "3653"}

// TestEnvironmentLifecycle deploys each environment into the simulated cloud, checks a second
// preview is empty, changes logRetentionDays and checks only log groups update, (dev) lets AWS
// and the console change the world and checks what is drift, then destroys everything and checks
// nothing is left in the state or the cloud.
func TestEnvironmentLifecycle(t *testing.T) {
	for _, env := range environments {
		t.Run(env, func(t *testing.T) {
			t.Parallel()
			r := newRig(t, env)
			ctx := context.Background()

			res := r.up()
			assert.Positive(t, res.Summary["create"], "the first up creates the environment")
			assert.Zero(t, res.Summary["update"]+res.Summary["replace"]+res.Summary["delete"])
			assert.Equal(t, env, res.Outputs[stacks.OutputEnvironment].Value)
			assert.NotEmpty(t, res.Outputs[stacks.OutputVpcID].Value)
			assert.Equal(t, "notification-canada-ca-"+env+"-eks-cluster", res.Outputs[stacks.OutputClusterName].Value)
			assert.Regexp(t, `^https://[0-9A-F]{32}\.gr7\.ca-central-1\.eks\.amazonaws\.com$`, res.Outputs[stacks.OutputClusterEndpoint].Value)
			assert.Regexp(t, `\.proxy-[a-z0-9]+\.ca-central-1\.rds\.amazonaws\.com$`, res.Outputs[stacks.OutputDatabaseProxyEndpoint].Value)
			assert.Regexp(t, `\.endpoint\.proxy-[a-z0-9]+\.ca-central-1\.rds\.amazonaws\.com$`, res.Outputs[stacks.OutputDatabaseProxyReadOnlyEndpoint].Value)
			assert.Regexp(t, `\.ca-central-1\.elb\.amazonaws\.com$`, res.Outputs[stacks.OutputLoadBalancerDNSName].Value)
			assert.Len(t, res.Outputs[stacks.OutputZoneNameServers].Value, 4, "the public zone's name servers, to delegate to")
			assert.NotEmpty(t, r.sim.Resources(), "the simulated cloud holds the environment")
			r.requireNoChanges()

			r.setConfig("logRetentionDays", newRetention[env])
			r.open()
			plan, err := r.stack.Preview(ctx, infra.RunOptions{})
			require.NoError(t, err)
			requireOnlyLogGroupRetention(t, plan)
			applied := r.up()
			requireOnlyLogGroupRetention(t, applied)
			assert.Equal(t, plan.Changes(), applied.Changes(), "the up does what the preview said")
			r.requireNoChanges()
			if env == "dev" {
				awsOwnChangesAreToleratedAndConsoleEditsAreNot(t, r)
			}

			before := len(r.sim.Resources())
			_, err = r.stack.Destroy(ctx, infra.RunOptions{})
			var protected *infra.ProtectedResourcesError
			require.ErrorAs(t, err, &protected, "a permanent environment is not destroyed without --unprotect")
			assert.Contains(t, err.Error(), "--unprotect")
			assert.Equal(t, before, len(r.sim.Resources()), "a refused destroy deletes nothing")

			destroyed, err := r.stack.Destroy(ctx, infra.RunOptions{Unprotect: true})
			require.NoError(t, err)
			assert.Positive(t, destroyed.Summary["delete"])
			urns, err := r.stack.StateURNs(ctx)
			require.NoError(t, err)
			assert.Empty(t, urns, "destroy leaves an empty stack")
			assert.Empty(t, r.sim.Resources(), "destroy leaves nothing in the simulated cloud")
			outs, err := r.stack.Outputs(ctx)
			require.NoError(t, err)
			assert.Empty(t, outs)
		})
	}
}

// requireOnlyLogGroupRetention checks every change is a log group's retentionInDays update.
func requireOnlyLogGroupRetention(t *testing.T, res *infra.Result) {
	t.Helper()
	require.Positive(t, res.Summary["update"], "log groups update")
	for _, rec := range res.Resources {
		if rec.Op == "same" {
			continue
		}
		assert.Equal(t, "update", rec.Op, "%s must not %s", rec.URN, rec.Op)
		assert.Equal(t, "aws:cloudwatch/logGroup:LogGroup", rec.Type, "only log groups change, not %s", rec.URN)
		assert.Equal(t, []string{"retentionInDays"}, rec.Diffs, rec.URN)
	}
	assert.Equal(t, res.Summary["update"], res.Changes(), "nothing but updates")
}
