// Package network is GC Notify's VPC: public, private and k8s subnets in three zones, a NAT
// gateway per zone, flow logs, private endpoints for the AWS APIs the workloads call, a default
// NACL that refuses SSH and RDP, and Route 53 Resolver DNSSEC validation and query logging.
package network

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	awsxec2 "github.com/pulumi/pulumi-awsx/sdk/v2/go/awsx/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// SubnetRoleTag marks every subnet with its tier so consumers can look the tier up.
const SubnetRoleTag = "gcnotify:subnet-role"

// DefaultInterfaceEndpoints are the AWS services reached through interface endpoints.
var DefaultInterfaceEndpoints = []string{"autoscaling", "ec2", "ec2messages", "ecr.api", "ecr.dkr", "ecs",
	"elasticloadbalancing", "logs", "monitoring", "rds", "ssm", "ssmmessages", "sts"}

// subnetAllocation is the awsx subnet strategy of the VPC. awsx v2.22.0 places explicit
// cidrBlocks exactly as given under Auto and Exact; Legacy, the default, ignores them. Exact
// also requires the subnets, in awsx's order (zone 1's specs, then zone 2's, ...), to tile the
// whole /16 without a gap (validateNoGaps), and this layout keeps each tier's zones side by
// side (public x.0-2, private x.8-10), so zone 1's public /24 is followed by zone 2's, not by
// zone 1's private one: no Unused spec can make that order gapless, and awsx refuses it before
// creating anything. Auto builds the same subnets, with the same names and blocks.
const subnetAllocation = awsxec2.SubnetAllocationStrategyAuto

// DefaultDeniedInboundPorts are refused by the default NACL in front of every subnet.
var DefaultDeniedInboundPorts = []int{22, 3389}

// Args configures the network.
type Args struct {
	// Placement is the environment's name prefix (required: it starts every physical name),
	// account (the flow-logs role trusts the flow-logs service only on behalf of this account's
	// flow logs) and Region, the VPC's, used in endpoint service names (default ca-central-1).
	placement.Placement
	// CidrBlock is the VPC's IPv4 /16. Required.
	CidrBlock string
	// AvailabilityZones are the zones, one subnet of each tier in each. Required (1 to 3).
	AvailabilityZones []string
	// ClusterName is the EKS cluster whose discovery tags go on the subnets. Required.
	ClusterName string
	// LogRetentionDays is the retention of flow and DNS query logs: one of awsrule.LogRetentionDays, 0 never expires. No default of its own: the composition
	// passes the environment's logRetentionDays (default 365, stacks/defaults.go).
	LogRetentionDays int
	// LogKmsKeyArn encrypts the log groups. Default none (CloudWatch's own encryption).
	LogKmsKeyArn pulumi.StringInput
	// InterfaceEndpoints are the services given interface endpoints. Default
	// DefaultInterfaceEndpoints.
	InterfaceEndpoints []string
	// DeniedInboundPorts are refused by the default NACL. Default DefaultDeniedInboundPorts.
	DeniedInboundPorts []int
}

// Network is the VPC and what hangs off it.
type Network struct {
	pulumi.ResourceState

	// VpcID is the VPC's id.
	VpcID pulumi.StringOutput
	// CidrBlock is the VPC's block, for security group rules.
	CidrBlock string
	// PublicSubnetIDs, PrivateSubnetIDs and K8sSubnetIDs are each tier's subnets.
	PublicSubnetIDs  pulumi.StringArrayOutput
	PrivateSubnetIDs pulumi.StringArrayOutput
	K8sSubnetIDs     pulumi.StringArrayOutput
	// EndpointSecurityGroupID guards the interface endpoints.
	EndpointSecurityGroupID pulumi.StringOutput
	// Layout is the subnet plan.
	Layout Layout
	// Egress are the private and k8s tiers' default routes through the NAT gateways: what needs
	// the internet from those subnets (nodes joining the cluster, pulling images) depends on
	// them.
	Egress []pulumi.Resource
}

func (a Args) withDefaults() Args {
	a.Placement = a.Placement.WithDefaults()
	if a.InterfaceEndpoints == nil {
		a.InterfaceEndpoints = DefaultInterfaceEndpoints
	}
	if a.DeniedInboundPorts == nil {
		a.DeniedInboundPorts = DefaultDeniedInboundPorts
	}
	return a
}

func (a Args) validate() (Layout, error) {
	found := problems.New("network")
	a.Placement.Check(found, placement.Uses{NamePrefix: true})
	if a.ClusterName == "" {
		found.Bad("ClusterName", `""`, "the EKS cluster name for subnet discovery tags")
	}
	for _, az := range a.AvailabilityZones {
		if !strings.HasPrefix(az, a.Region) {
			found.Bad("AvailabilityZones", fmt.Sprintf("%q", az), "zones of region "+a.Region)
		}
	}
	found.LogRetention(a.LogRetentionDays)
	for _, p := range a.DeniedInboundPorts {
		if p < 1 || p > 65535 {
			found.Bad("DeniedInboundPorts", p, "a TCP port 1-65535")
		}
	}
	layout, err := PlanSubnets(a.CidrBlock, len(a.AvailabilityZones))
	if err != nil {
		found.Addf("CidrBlock/AvailabilityZones: %w", err)
	}
	return layout, found.Err()
}

// New creates the network. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Network, error) {
	args = args.withDefaults()
	n := &Network{CidrBlock: args.CidrBlock}
	// Children inherit the component's providers through their parent.
	child, err := component.Register(ctx, "gcnotify:network:Network", name, n,
		func() (err error) { n.Layout, err = args.validate(); return err }, opts...)
	if err != nil {
		return nil, err
	}

	vpc, err := awsxec2.NewVpc(ctx, name+"-vpc", &awsxec2.VpcArgs{
		CidrBlock:             pulumi.StringRef(args.CidrBlock),
		AvailabilityZoneNames: args.AvailabilityZones,
		EnableDnsHostnames:    pulumi.Bool(true),
		EnableDnsSupport:      pulumi.Bool(true),
		SubnetStrategy:        subnetStrategy(subnetAllocation),
		SubnetSpecs:           subnetSpecs(n.Layout, args.ClusterName),
		// The NAT gateways are built beside the VPC (egress.go), so its outputs do not wait for them.
		NatGateways: &awsxec2.NatGatewayConfigurationArgs{Strategy: awsxec2.NatGatewayStrategyNone},
		Tags:        tagging.Named(args.NamePrefix + "-vpc"),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("network vpc: %w", err)
	}
	n.VpcID = vpc.VpcId
	n.PublicSubnetIDs = n.tierSubnets(ctx, TierPublic)
	n.PrivateSubnetIDs = n.tierSubnets(ctx, TierPrivate)
	n.K8sSubnetIDs = n.tierSubnets(ctx, TierK8s)

	if err := component.Steps(ctx, name, args, child, n.egress, n.defaultNACL, n.endpoints, n.logging); err != nil {
		return nil, err
	}
	return n, ctx.RegisterResourceOutputs(n, pulumi.Map{
		"vpcId":            n.VpcID,
		"publicSubnetIds":  n.PublicSubnetIDs,
		"privateSubnetIds": n.PrivateSubnetIDs,
		"k8sSubnetIds":     n.K8sSubnetIDs,
	})
}

// subnetSpecs turns the layout into awsx specs. The k8s tier is Private too (its egress goes
// through the zone's NAT gateway); the role tag tells the tiers apart.
func subnetSpecs(l Layout, cluster string) []awsxec2.SubnetSpecArgs {
	discovery := map[string]string{"kubernetes.io/cluster/" + cluster: "shared"}
	spec := func(tier string, typ awsxec2.SubnetType, cidrs []string, extra map[string]string) awsxec2.SubnetSpecArgs {
		tags := map[string]string{SubnetRoleTag: tier}
		for k, v := range extra {
			tags[k] = v
		}
		return awsxec2.SubnetSpecArgs{Name: pulumi.StringRef(tier), Type: typ, CidrBlocks: cidrs, Tags: pulumi.ToStringMap(tags)}
	}
	return []awsxec2.SubnetSpecArgs{
		spec(TierPublic, awsxec2.SubnetTypePublic, l.Public, map[string]string{"kubernetes.io/role/elb": "1"}),
		spec(TierPrivate, awsxec2.SubnetTypePrivate, l.Private, nil),
		spec(TierK8s, awsxec2.SubnetTypePrivate, l.K8s, merge(discovery, map[string]string{
			"kubernetes.io/role/internal-elb": "1",
			"karpenter.sh/discovery":          cluster,
		})),
	}
}

// tierSubnets looks a tier's subnets up by their role tag once the VPC exists.
func (n *Network) tierSubnets(ctx *pulumi.Context, tier string) pulumi.StringArrayOutput {
	return ec2.GetSubnetsOutput(ctx, ec2.GetSubnetsOutputArgs{
		Filters: ec2.GetSubnetsFilterArray{
			ec2.GetSubnetsFilterArgs{Name: pulumi.String("vpc-id"), Values: pulumi.StringArray{n.VpcID}},
			ec2.GetSubnetsFilterArgs{Name: pulumi.String("tag:" + SubnetRoleTag), Values: pulumi.ToStringArray([]string{tier})},
		},
	}, pulumi.Parent(n)).Ids()
}

func merge(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func subnetStrategy(s awsxec2.SubnetAllocationStrategy) *awsxec2.SubnetAllocationStrategy { return &s }
