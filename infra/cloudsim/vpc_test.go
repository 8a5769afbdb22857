package cloudsim

import (
	"context"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	awsxec2 "github.com/pulumi/pulumi-awsx/sdk/v2/go/awsx/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vpcProgram is the network component's shape: three tiers in three zones with explicit CIDR
// blocks (kept by awsx under Auto), one NAT gateway per zone, and the lookups the component makes.
func vpcProgram(ctx *pulumi.Context) error {
	return vpcProgramWith(awsxec2.SubnetAllocationStrategyAuto)(ctx)
}

func vpcProgramWith(strategy awsxec2.SubnetAllocationStrategy) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error { return vpcStack(ctx, strategy) }
}

func vpcStack(ctx *pulumi.Context, strategy awsxec2.SubnetAllocationStrategy) error {
	p, err := testProvider(ctx, "ca", "ca-central-1")
	if err != nil {
		return err
	}
	spec := func(name string, typ awsxec2.SubnetType, cidrs ...string) awsxec2.SubnetSpecArgs {
		return awsxec2.SubnetSpecArgs{Name: pulumi.StringRef(name), Type: typ, CidrBlocks: cidrs,
			Tags: pulumi.StringMap{"role": pulumi.String(name)}}
	}
	vpc, err := awsxec2.NewVpc(ctx, "net", &awsxec2.VpcArgs{
		CidrBlock:             pulumi.StringRef("10.0.0.0/16"),
		AvailabilityZoneNames: []string{"ca-central-1a", "ca-central-1b", "ca-central-1d"},
		EnableDnsHostnames:    pulumi.Bool(true),
		SubnetStrategy:        &strategy,
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

// TestVpcExactLayoutWithGapsFailsPreview: awsx refuses an Exact layout that leaves gaps before
// it registers anything, so the preview fails with awsx's error and nothing is created.
func TestVpcExactLayoutWithGapsFailsPreview(t *testing.T) {
	e := newEngine(t, Options{})
	st := e.stack(vpcProgramWith(awsxec2.SubnetAllocationStrategyExact))
	_, err := st.Preview(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "There are gaps in the subnet ranges. Please fix the following gaps: net-public-1 (10.0.0.0/24) <=> net-private-1 (10.0.8.0/24)")
	assert.Contains(t, err.Error(), "cloudsim rule awsx.vpc-exact-no-gaps")
	assert.Empty(t, e.sim.Resources())
}

func TestVpcPickSubnetAllocator(t *testing.T) {
	for _, tc := range []struct {
		given, explicit bool
		strategy, want  string
	}{
		{false, false, "Legacy", "Legacy"}, {false, false, "Auto", "New"}, {false, false, "Exact", "Legacy"},
		{true, true, "Legacy", "Legacy"}, {true, true, "Auto", "Explicit"}, {true, true, "Exact", "Explicit"},
		{true, false, "Legacy", "Legacy"}, {true, false, "Auto", "New"}, {true, false, "Exact", "New"},
	} {
		assert.Equal(t, tc.want, pickSubnetAllocator(tc.given, tc.explicit, tc.strategy), "%+v", tc)
	}
}

// cidrsOf plans a VPC and returns its subnets' blocks, by logical name.
func cidrsOf(t *testing.T, in map[string]any) map[string]string {
	t.Helper()
	p, err := planVpc("net", "ca-central-1", resource.NewPropertyMapFromMap(in))
	require.NoError(t, err)
	out := map[string]string{}
	for _, s := range p.subnets {
		out[s.name] = s.cidr
	}
	return out
}

func TestVpcPlanAllocatesAsAwsx(t *testing.T) {
	for name, tc := range map[string]struct {
		in   map[string]any
		want map[string]string
	}{
		"explicit blocks are kept under Auto": {networkVpc(), map[string]string{
			"net-public-1": "10.0.0.0/24", "net-public-2": "10.0.1.0/24", "net-public-3": "10.0.2.0/24",
			"net-private-1": "10.0.8.0/24", "net-private-2": "10.0.9.0/24", "net-private-3": "10.0.10.0/24",
			"net-k8s-1": "10.0.32.0/19", "net-k8s-2": "10.0.64.0/19", "net-k8s-3": "10.0.96.0/19"}},
		"legacy ignores explicit blocks": {networkVpc(set("subnetStrategy", "Legacy")), map[string]string{
			"net-private-1": "10.0.0.0/19", "net-k8s-1": "10.0.32.0/19", "net-public-1": "10.0.64.0/20",
			"net-private-2": "10.0.64.0/19", "net-k8s-2": "10.0.96.0/19", "net-public-2": "10.0.128.0/20",
			"net-private-3": "10.0.128.0/19", "net-k8s-3": "10.0.160.0/19", "net-public-3": "10.0.192.0/20"}},
		"auto defaults split each zone": {map[string]any{"cidrBlock": "10.0.0.0/16", "subnetStrategy": "Auto"}, map[string]string{
			"net-private-1": "10.0.0.0/19", "net-public-1": "10.0.32.0/20",
			"net-private-2": "10.0.64.0/19", "net-public-2": "10.0.96.0/20",
			"net-private-3": "10.0.128.0/19", "net-public-3": "10.0.160.0/20"}},
		"auto specs share a zone evenly": {networkVpc(set("cidrBlock", "10.0.0.0/20"), set("availabilityZoneNames", []any{"ca-central-1a"}),
			specs(spec("a", "Private"), spec("b", "Public"), spec("c", "Isolated"))), map[string]string{
			"net-a-1": "10.0.0.0/22", "net-b-1": "10.0.4.0/22", "net-c-1": "10.0.8.0/22"}},
		"auto keeps unused space": {networkVpc(set("availabilityZoneNames", []any{"ca-central-1a", "ca-central-1b"}),
			specs(with(spec("pub", "Public"), "cidrMask", 24), with(spec("gap", "Unused"), "cidrMask", 24), with(spec("priv", "Private"), "cidrMask", 20))),
			map[string]string{"net-pub-1": "10.0.0.0/24", "net-priv-1": "10.0.16.0/20", "net-pub-2": "10.0.128.0/24", "net-priv-2": "10.0.144.0/20"}},
		"auto zone mask": {map[string]any{"cidrBlock": "10.0.0.0/16", "subnetStrategy": "Auto", "availabilityZoneCidrMask": 19,
			"availabilityZoneNames": []any{"ca-central-1a"}, "subnetSpecs": []any{spec("public", "Public")}},
			map[string]string{"net-public-1": "10.0.0.0/19"}},
		"legacy defaults": {map[string]any{"cidrBlock": "10.0.0.0/16"}, map[string]string{
			"net-private-1": "10.0.0.0/19", "net-public-1": "10.0.32.0/20",
			"net-private-2": "10.0.64.0/19", "net-public-2": "10.0.96.0/20",
			"net-private-3": "10.0.128.0/19", "net-public-3": "10.0.160.0/20"}},
	} {
		t.Run(name, func(t *testing.T) { assert.Equal(t, tc.want, cidrsOf(t, tc.in)) })
	}
}

// TestVpcLegacyAllocatorKnownLayouts replays layouts from awsx v2.22.0's knownWorkingSubnets.ts
// (one zone), host bits and all.
func TestVpcLegacyAllocatorKnownLayouts(t *testing.T) {
	type s = subnetSpecArgs
	m := func(typ string, mask int) subnetSpecArgs { return s{typ: typ, cidrMask: &mask} }
	for _, tc := range []struct {
		vpc   string
		specs []subnetSpecArgs
		want  []string
	}{
		{"10.0.0.0/18", []s{m("Isolated", 22), m("Public", 21)}, []string{"10.0.0.0/21", "10.0.8.0/22"}},
		{"10.0.0.0/16", []s{m("Isolated", 27), m("Public", 27), m("Isolated", 17)}, []string{"10.0.0.0/27", "10.0.0.32/27", "10.0.128.32/17"}},
		{"10.0.0.0/16", []s{m("Isolated", 22), m("Private", 21), m("Private", 18)}, []string{"10.0.0.0/21", "10.0.64.0/18", "10.0.128.0/22"}},
		{"10.0.0.0/16", []s{m("Isolated", 25), m("Isolated", 21), m("Public", 19)}, []string{"10.0.0.0/19", "10.0.32.0/25", "10.0.40.0/21"}},
		{"10.0.0.0/16", []s{m("Private", 25), m("Private", 21), m("Isolated", 25), m("Public", 24), m("Public", 21)},
			[]string{"10.0.0.0/25", "10.0.8.0/21", "10.0.16.0/24", "10.0.24.0/21", "10.0.32.0/25"}},
		{"10.0.0.0/18", []s{m("Private", 25), m("Private", 19), m("Private", 19), m("Isolated", 25)},
			[]string{"10.0.0.0/25", "10.0.32.0/19", "10.0.64.0/19", "10.0.96.0/25"}},
		{"10.0.0.0/17", []s{m("Private", 25), m("Public", 27), m("Public", 24)}, []string{"10.0.0.0/25", "10.0.0.128/27", "10.0.1.128/24"}},
		{"10.0.0.0/17", []s{m("Private", 24), m("Isolated", 27), m("Public", 26), m("Private", 23)},
			[]string{"10.0.0.0/24", "10.0.2.0/23", "10.0.4.0/26", "10.0.4.64/27"}},
		{"10.0.0.0/21", []s{m("Isolated", 25), m("Private", 26), m("Private", 26)}, []string{"10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/25"}},
	} {
		got, err := allocateLegacy("vpcName", tc.vpc, []string{"us-east-1a"}, tc.specs, true)
		require.NoError(t, err)
		var cidrs []string
		for _, g := range got {
			cidrs = append(cidrs, g.cidr)
		}
		assert.Equal(t, tc.want, cidrs, "%s %v", tc.vpc, tc.specs)
	}
}
