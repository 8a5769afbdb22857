package cloudsim

import (
	"context"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	awsxec2 "github.com/pulumi/pulumi-awsx/sdk/v2/go/awsx/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vpcProgram is the network component's shape: three tiers in three zones with exact CIDR
// blocks, one NAT gateway per zone, and the lookups the component makes.
func vpcProgram(ctx *pulumi.Context) error {
	p, err := testProvider(ctx, "ca", "ca-central-1")
	if err != nil {
		return err
	}
	exact := awsxec2.SubnetAllocationStrategyExact
	spec := func(name string, typ awsxec2.SubnetType, cidrs ...string) awsxec2.SubnetSpecArgs {
		return awsxec2.SubnetSpecArgs{Name: pulumi.StringRef(name), Type: typ, CidrBlocks: cidrs,
			Tags: pulumi.StringMap{"role": pulumi.String(name)}}
	}
	vpc, err := awsxec2.NewVpc(ctx, "net", &awsxec2.VpcArgs{
		CidrBlock:             pulumi.StringRef("10.0.0.0/16"),
		AvailabilityZoneNames: []string{"ca-central-1a", "ca-central-1b", "ca-central-1d"},
		EnableDnsHostnames:    pulumi.Bool(true),
		SubnetStrategy:        &exact,
		SubnetSpecs: []awsxec2.SubnetSpecArgs{
			spec("public", awsxec2.SubnetTypePublic, "10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"),
			spec("private", awsxec2.SubnetTypePrivate, "10.0.8.0/24", "10.0.9.0/24", "10.0.10.0/24"),
			spec("k8s", awsxec2.SubnetTypePrivate, "10.0.32.0/19", "10.0.64.0/19", "10.0.96.0/19"),
		},
		NatGateways: &awsxec2.NatGatewayConfigurationArgs{Strategy: awsxec2.NatGatewayStrategyOnePerAz},
		Tags:        pulumi.StringMap{"Team": pulumi.String("notify")},
	}, pulumi.Providers(p))
	if err != nil {
		return err
	}
	k8s := ec2.GetSubnetsOutput(ctx, ec2.GetSubnetsOutputArgs{Filters: ec2.GetSubnetsFilterArray{
		ec2.GetSubnetsFilterArgs{Name: pulumi.String("vpc-id"), Values: pulumi.StringArray{vpc.VpcId}},
		ec2.GetSubnetsFilterArgs{Name: pulumi.String("tag:role"), Values: pulumi.ToStringArray([]string{"k8s"})},
	}}, pulumi.Provider(p))
	acls := ec2.GetNetworkAclsOutput(ctx, ec2.GetNetworkAclsOutputArgs{VpcId: vpc.VpcId, Filters: ec2.GetNetworkAclsFilterArray{
		ec2.GetNetworkAclsFilterArgs{Name: pulumi.String("default"), Values: pulumi.ToStringArray([]string{"true"})},
	}}, pulumi.Provider(p))
	tables := ec2.GetRouteTablesOutput(ctx, ec2.GetRouteTablesOutputArgs{VpcId: vpc.VpcId}, pulumi.Provider(p))
	ctx.Export("vpcId", vpc.VpcId)
	ctx.Export("publicSubnetIds", vpc.PublicSubnetIds)
	ctx.Export("privateSubnetIds", vpc.PrivateSubnetIds)
	ctx.Export("isolatedSubnetIds", vpc.IsolatedSubnetIds)
	ctx.Export("natCount", vpc.NatGateways.ApplyT(func(n []*ec2.NatGateway) int { return len(n) }))
	ctx.Export("defaultAcl", vpc.Vpc.DefaultNetworkAclId())
	ctx.Export("k8sSubnets", k8s.Ids())
	ctx.Export("defaultAcls", acls.Ids())
	ctx.Export("routeTables", tables.Ids())
	return nil
}

func TestAwsxVpcBuildsRealChildren(t *testing.T) {
	e := newEngine(t, Options{})
	ctx := context.Background()
	st := e.stack(vpcProgram)
	up, err := st.Up(ctx)
	require.NoError(t, err)
	out := up.Outputs

	vpcs := byType(e.sim, "aws:ec2/vpc:Vpc")
	require.Len(t, vpcs, 1)
	vpc := vpcs[0]
	assert.Regexp(t, `^vpc-[0-9a-f]{17}$`, vpc.ID)
	assert.Equal(t, vpc.ID, out["vpcId"].Value)
	assert.Equal(t, "arn:aws:ec2:ca-central-1:111122223333:vpc/"+vpc.ID, vpc.Outputs["arn"])
	for _, k := range []string{"defaultNetworkAclId", "defaultSecurityGroupId", "mainRouteTableId", "defaultRouteTableId"} {
		assert.NotEmpty(t, vpc.Outputs[k], k)
	}
	assert.Equal(t, map[string]any{"Name": "net", "Team": "notify"}, vpc.Outputs["tags"])

	// 3 tiers x 3 zones, named as awsx names them, with the exact blocks.
	subnets := map[string]SimResource{}
	for _, s := range byType(e.sim, "aws:ec2/subnet:Subnet") {
		subnets[s.URN[strings.LastIndex(s.URN, "::")+2:]] = s
	}
	require.Len(t, subnets, 9)
	assert.Equal(t, "10.0.64.0/19", subnets["net-k8s-2"].Outputs["cidrBlock"])
	assert.Equal(t, "ca-central-1b", subnets["net-k8s-2"].Outputs["availabilityZone"])
	assert.Equal(t, "cac1-az2", subnets["net-k8s-2"].Outputs["availabilityZoneId"])
	assert.Equal(t, true, subnets["net-public-3"].Outputs["mapPublicIpOnLaunch"])
	assert.Equal(t, "Public", subnets["net-public-3"].Outputs["tags"].(map[string]any)["SubnetType"])
	assert.Equal(t, "net-public-3", subnets["net-public-3"].Outputs["tags"].(map[string]any)["Name"])
	assert.Contains(t, subnets["net-k8s-1"].URN, "awsx:ec2:Vpc$aws:ec2/vpc:Vpc$aws:ec2/subnet:Subnet", "subnets are children of the VPC")

	assert.Len(t, out["publicSubnetIds"].Value, 3)
	assert.Len(t, out["privateSubnetIds"].Value, 6)
	assert.Empty(t, out["isolatedSubnetIds"].Value)
	assert.Equal(t, float64(3), out["natCount"].Value)
	assert.Len(t, byType(e.sim, "aws:ec2/eip:Eip"), 3)
	assert.Len(t, byType(e.sim, "aws:ec2/internetGateway:InternetGateway"), 1)
	assert.Len(t, byType(e.sim, "aws:ec2/routeTable:RouteTable"), 9)
	assert.Len(t, byType(e.sim, "aws:ec2/routeTableAssociation:RouteTableAssociation"), 9)

	// Each NAT gateway sits in its zone's public subnet; each private subnet routes to its
	// zone's NAT gateway, each public one to the internet gateway.
	natSubnet := map[string]string{} // nat id -> subnet name
	for _, n := range byType(e.sim, "aws:ec2/natGateway:NatGateway") {
		for name, s := range subnets {
			if s.ID == n.Outputs["subnetId"] {
				natSubnet[n.ID] = name
			}
		}
		assert.NotEmpty(t, n.Outputs["publicIp"])
	}
	tableSubnet := map[string]string{}
	for _, a := range byType(e.sim, "aws:ec2/routeTableAssociation:RouteTableAssociation") {
		for name, s := range subnets {
			if s.ID == a.Outputs["subnetId"] {
				tableSubnet[a.Outputs["routeTableId"].(string)] = name
			}
		}
	}
	routes := byType(e.sim, "aws:ec2/route:Route")
	require.Len(t, routes, 9)
	for _, r := range routes {
		from := tableSubnet[r.Outputs["routeTableId"].(string)]
		zone := from[len(from)-1:]
		if strings.Contains(from, "public") {
			assert.Regexp(t, `^igw-`, r.Outputs["gatewayId"], from)
		} else {
			assert.Equal(t, "net-public-"+zone, natSubnet[r.Outputs["natGatewayId"].(string)], from)
		}
	}

	// The data sources answer from the simulated state.
	var k8s []string
	for _, id := range out["k8sSubnets"].Value.([]any) {
		k8s = append(k8s, id.(string))
	}
	want := []string{subnets["net-k8s-1"].ID, subnets["net-k8s-2"].ID, subnets["net-k8s-3"].ID}
	assert.Equal(t, want, k8s, "k8s subnets in zone order")
	assert.Equal(t, []any{vpc.Outputs["defaultNetworkAclId"]}, out["defaultAcls"].Value)
	tables := out["routeTables"].Value.([]any)
	assert.Len(t, tables, 10, "main route table + one per subnet")
	assert.Contains(t, tables, vpc.Outputs["mainRouteTableId"])

	// A second up changes nothing; destroy removes every child.
	up, err = st.Up(ctx)
	require.NoError(t, err)
	changes := *up.Summary.ResourceChanges
	delete(changes, "same")
	assert.Empty(t, changes)
	_, err = st.Destroy(ctx, optdestroy.Remove())
	require.NoError(t, err)
	assert.Empty(t, e.sim.Resources())

	var construct []Call
	for _, c := range e.sim.Calls() {
		if c.Method == "Construct" {
			construct = append(construct, c)
		}
	}
	require.NotEmpty(t, construct)
	assert.Equal(t, "ca-central-1", construct[0].Region)
}
