package network

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// egress gives each zone a NAT gateway in its public subnet and points the zone's private and
// k8s route tables at it. The NAT gateways are built here rather than by awsx's VPC (whose NAT
// strategy is None): awsx's component returns its outputs, the VPC id and subnets included, only
// once everything it built exists, so with its NAT gateways (minutes each) inside it every
// consumer of a subnet id (the EKS control plane first, ~12 minutes) would wait for them too. Out
// here they are created beside the cluster; what needs egress waits for Egress.
func (n *Network) egress(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	subnetIn := func(tier, az string) pulumi.StringOutput {
		return ec2.GetSubnetsOutput(ctx, ec2.GetSubnetsOutputArgs{
			Filters: ec2.GetSubnetsFilterArray{
				ec2.GetSubnetsFilterArgs{Name: pulumi.String("vpc-id"), Values: pulumi.StringArray{n.VpcID}},
				ec2.GetSubnetsFilterArgs{Name: pulumi.String("tag:" + SubnetRoleTag), Values: pulumi.ToStringArray([]string{tier})},
				ec2.GetSubnetsFilterArgs{Name: pulumi.String("availability-zone"), Values: pulumi.ToStringArray([]string{az})},
			},
		}, pulumi.Parent(n)).Ids().Index(pulumi.Int(0))
	}
	for i, az := range args.AvailabilityZones {
		natName := fmt.Sprintf("%s-nat-%d", args.NamePrefix, i+1)
		eip, err := ec2.NewEip(ctx, fmt.Sprintf("%s-nat-%d", name, i+1), &ec2.EipArgs{
			Domain: pulumi.String("vpc"),
			Tags:   tagging.Named(natName),
		}, child...)
		if err != nil {
			return fmt.Errorf("network nat address %s: %w", az, err)
		}
		nat, err := ec2.NewNatGateway(ctx, fmt.Sprintf("%s-nat-%d", name, i+1), &ec2.NatGatewayArgs{
			SubnetId:     subnetIn(TierPublic, az),
			AllocationId: eip.AllocationId,
			Tags:         tagging.Named(natName),
		}, child...)
		if err != nil {
			return fmt.Errorf("network nat gateway %s: %w", az, err)
		}
		for _, tier := range []string{TierPrivate, TierK8s} {
			route, err := ec2.NewRoute(ctx, fmt.Sprintf("%s-%s-egress-%d", name, tier, i+1), &ec2.RouteArgs{
				RouteTableId:         n.routeTableOf(ctx, subnetIn(tier, az)),
				DestinationCidrBlock: pulumi.String("0.0.0.0/0"),
				NatGatewayId:         nat.ID(),
			}, child...)
			if err != nil {
				return fmt.Errorf("network %s egress route %s: %w", tier, az, err)
			}
			n.Egress = append(n.Egress, route)
		}
	}
	return nil
}

// routeTableOf is the route table awsx associated with a subnet. The lookup waits for the subnet:
// a run that does not create the VPC (the targeted up that creates the registries first) has no
// subnet to look up, and asks nothing.
func (n *Network) routeTableOf(ctx *pulumi.Context, subnet pulumi.StringOutput) pulumi.StringOutput {
	return subnet.ApplyT(func(id string) (string, error) {
		if id == "" {
			return "", nil
		}
		rt, err := ec2.LookupRouteTable(ctx, &ec2.LookupRouteTableArgs{SubnetId: &id}, pulumi.Parent(n))
		if err != nil {
			return "", fmt.Errorf("the route table of subnet %s: %w", id, err)
		}
		return rt.RouteTableId, nil
	}).(pulumi.StringOutput)
}
