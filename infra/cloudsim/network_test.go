package cloudsim

import (
	"context"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/network"
	"github.com/cds-snc/notification-pulumi/components/placement"
)

// TestNetworkComponentDeploys runs the project's real network component (awsx Vpc, subnet,
// NACL and route table lookups, endpoints, flow logs, Resolver) against the simulation.
func TestNetworkComponentDeploys(t *testing.T) {
	e := newEngine(t, Options{})
	ctx := context.Background()
	st := e.stack(func(ctx *pulumi.Context) error {
		p, err := testProvider(ctx, "ca", "ca-central-1")
		if err != nil {
			return err
		}
		n, err := network.New(ctx, "network", network.Args{
			Placement:         placement.Placement{NamePrefix: "notification-canada-ca-dev", Region: "ca-central-1", AccountID: testAccount},
			CidrBlock:         "10.0.0.0/16",
			AvailabilityZones: []string{"ca-central-1a", "ca-central-1b", "ca-central-1d"},
			ClusterName:       "notification-canada-ca-dev-eks-cluster", LogRetentionDays: 14,
		}, pulumi.Provider(p))
		if err != nil {
			return err
		}
		ctx.Export("k8sSubnetIds", n.K8sSubnetIDs)
		return nil
	})
	_, err := st.Preview(ctx)
	require.NoError(t, err)
	up, err := st.Up(ctx)
	require.NoError(t, err)
	assert.Len(t, up.Outputs["k8sSubnetIds"].Value, 3)

	vpc := byType(e.sim, "aws:ec2/vpc:Vpc")
	require.Len(t, vpc, 1)
	acl := byType(e.sim, "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl")
	require.Len(t, acl, 1)
	assert.Equal(t, vpc[0].Outputs["defaultNetworkAclId"], acl[0].ID, "the default NACL adopts the VPC's")
	assert.Len(t, acl[0].Outputs["subnetIds"], 9)
	logs := byType(e.sim, "aws:cloudwatch/logGroup:LogGroup")
	require.NotEmpty(t, logs)
	assert.Regexp(t, `^arn:aws:logs:ca-central-1:111122223333:log-group:/aws/`, logs[0].Outputs["arn"])

	up, err = st.Up(ctx)
	require.NoError(t, err)
	changes := *up.Summary.ResourceChanges
	delete(changes, "same")
	assert.Empty(t, changes, "a second up is a no-op")
	_, err = st.Destroy(ctx, optdestroy.Remove())
	require.NoError(t, err)
	assert.Empty(t, e.sim.Resources())
}
