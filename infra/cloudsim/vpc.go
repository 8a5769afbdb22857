package cloudsim

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// vpcComponent carries the outputs the real awsx:ec2:Vpc returns.
type vpcComponent struct {
	pulumi.ResourceState

	VpcID                  pulumi.StringOutput                  `pulumi:"vpcId"`
	Vpc                    ec2.VpcOutput                        `pulumi:"vpc"`
	Subnets                ec2.SubnetArrayOutput                `pulumi:"subnets"`
	PublicSubnetIDs        pulumi.StringArrayOutput             `pulumi:"publicSubnetIds"`
	PrivateSubnetIDs       pulumi.StringArrayOutput             `pulumi:"privateSubnetIds"`
	IsolatedSubnetIDs      pulumi.StringArrayOutput             `pulumi:"isolatedSubnetIds"`
	NatGateways            ec2.NatGatewayArrayOutput            `pulumi:"natGateways"`
	Eips                   ec2.EipArrayOutput                   `pulumi:"eips"`
	InternetGateway        ec2.InternetGatewayOutput            `pulumi:"internetGateway"`
	RouteTables            ec2.RouteTableArrayOutput            `pulumi:"routeTables"`
	RouteTableAssociations ec2.RouteTableAssociationArrayOutput `pulumi:"routeTableAssociations"`
	Routes                 ec2.RouteArrayOutput                 `pulumi:"routes"`
	SubnetLayout           pulumi.ArrayOutput                   `pulumi:"subnetLayout"`
	VpcEndpoints           ec2.VpcEndpointArrayOutput           `pulumi:"vpcEndpoints"`
}

// buildVpc registers the Vpc's children through the engine, as awsx v2 does: the VPC, an
// internet gateway, per zone and subnet spec a subnet with its route table and association,
// NAT gateways with their EIPs in the public subnets per the strategy, and default routes
// (public -> internet gateway, private -> the zone's NAT gateway). The children inherit the
// providers given to the component (its parent chain), so they go to the program's aws
// provider.
func buildVpc(ctx *pulumi.Context, p *vpcPlan, opts pulumi.ResourceOption) (*vpcComponent, error) {
	c := &vpcComponent{}
	if err := ctx.RegisterComponentResource("awsx:ec2:Vpc", p.name, c, opts); err != nil {
		return nil, err
	}
	vpcArgs := &ec2.VpcArgs{CidrBlock: pulumi.String(p.cidr), Tags: pulumi.ToStringMap(p.sharedTags())}
	if p.dnsHostnames != nil {
		vpcArgs.EnableDnsHostnames = pulumi.Bool(*p.dnsHostnames)
	}
	if p.dnsSupport != nil {
		vpcArgs.EnableDnsSupport = pulumi.Bool(*p.dnsSupport)
	}
	if p.tenancy != "" {
		vpcArgs.InstanceTenancy = pulumi.String(p.tenancy)
	}
	vpc, err := ec2.NewVpc(ctx, p.name, vpcArgs, pulumi.Parent(c))
	if err != nil {
		return nil, err
	}
	under := func(r pulumi.Resource) []pulumi.ResourceOption {
		return []pulumi.ResourceOption{pulumi.Parent(r), pulumi.DependsOn([]pulumi.Resource{r})}
	}
	igw, err := ec2.NewInternetGateway(ctx, p.name, &ec2.InternetGatewayArgs{VpcId: vpc.ID(),
		Tags: pulumi.ToStringMap(p.sharedTags())}, under(vpc)...)
	if err != nil {
		return nil, err
	}
	var endpoints ec2.VpcEndpointArray
	for _, e := range p.endpoints {
		ep, err := vpcEndpoint(ctx, vpc, e)
		if err != nil {
			return nil, err
		}
		endpoints = append(endpoints, ep)
	}

	var (
		subnets                   ec2.SubnetArray
		public, private, isolated pulumi.StringArray
		tables                    ec2.RouteTableArray
		assocs                    ec2.RouteTableAssociationArray
		routes                    ec2.RouteArray
		nats                      []*ec2.NatGateway
		eips                      ec2.EipArray
	)
	for _, s := range p.subnets {
		typ := strings.ToLower(s.typ)
		subnet, err := ec2.NewSubnet(ctx, s.name, &ec2.SubnetArgs{VpcId: vpc.ID(), AvailabilityZone: pulumi.String(s.az),
			MapPublicIpOnLaunch: pulumi.Bool(typ == "public"), CidrBlock: pulumi.String(s.cidr),
			Tags: pulumi.ToStringMap(s.tags)}, under(vpc)...)
		if err != nil {
			return nil, err
		}
		subnets = append(subnets, subnet)
		switch typ {
		case "public":
			public = append(public, subnet.ID())
		case "private":
			private = append(private, subnet.ID())
		default:
			isolated = append(isolated, subnet.ID())
		}
		rtTags := p.sharedTags()
		rtTags["Name"], rtTags["SubnetType"] = s.name, s.typ
		rt, err := ec2.NewRouteTable(ctx, s.name, &ec2.RouteTableArgs{VpcId: vpc.ID(), Tags: pulumi.ToStringMap(rtTags)}, under(subnet)...)
		if err != nil {
			return nil, err
		}
		tables = append(tables, rt)
		assoc, err := ec2.NewRouteTableAssociation(ctx, s.name, &ec2.RouteTableAssociationArgs{RouteTableId: rt.ID(),
			SubnetId: subnet.ID()}, under(rt)...)
		if err != nil {
			return nil, err
		}
		assocs = append(assocs, assoc)

		if typ == "public" && p.shouldCreateNat(len(nats), s.azIndex) {
			natName := fmt.Sprintf("%s-%d", p.name, s.azIndex+1)
			var alloc pulumi.StringInput
			if len(p.eipAllocs) > 0 {
				alloc = pulumi.String(p.eipAllocs[s.azIndex%len(p.eipAllocs)])
			} else {
				eip, err := ec2.NewEip(ctx, natName, &ec2.EipArgs{Tags: pulumi.ToStringMap(p.extraTags(natName))}, under(subnet)...)
				if err != nil {
					return nil, err
				}
				eips = append(eips, eip)
				alloc = eip.AllocationId
			}
			nat, err := ec2.NewNatGateway(ctx, natName, &ec2.NatGatewayArgs{SubnetId: subnet.ID(), AllocationId: alloc,
				Tags: pulumi.ToStringMap(p.extraTags(natName))}, under(subnet)...)
			if err != nil {
				return nil, err
			}
			nats = append(nats, nat)
		}
		var route *ec2.RouteArgs
		switch {
		case typ == "public":
			route = &ec2.RouteArgs{RouteTableId: rt.ID(), GatewayId: igw.ID(), DestinationCidrBlock: pulumi.String("0.0.0.0/0")}
		case typ == "private" && p.nat != "None":
			idx := s.azIndex
			if p.nat == "Single" {
				idx = 0
			}
			if idx >= len(nats) {
				return nil, fmt.Errorf("awsx:ec2:Vpc %s: private subnet %s has no NAT gateway in its zone (is there a public subnet spec?)", p.name, s.name)
			}
			route = &ec2.RouteArgs{RouteTableId: rt.ID(), NatGatewayId: nats[idx].ID(), DestinationCidrBlock: pulumi.String("0.0.0.0/0")}
		}
		if route != nil {
			r, err := ec2.NewRoute(ctx, s.name, route, under(rt)...)
			if err != nil {
				return nil, err
			}
			routes = append(routes, r)
		}
	}
	var natArr ec2.NatGatewayArray
	for _, n := range nats {
		natArr = append(natArr, n)
	}
	var layout pulumi.Array
	for _, s := range p.layout { // awsx's ResolvedSubnetSpec: what was given or resolved
		spec := pulumi.Map{"type": pulumi.String(s.typ)}
		if s.name != "" {
			spec["name"] = pulumi.String(s.name)
		}
		if s.cidrBlocks != nil {
			spec["cidrBlocks"] = pulumi.ToStringArray(s.cidrBlocks)
		}
		if s.cidrMask != nil && *s.cidrMask != 0 {
			spec["cidrMask"] = pulumi.Int(*s.cidrMask)
		}
		if s.size != nil && *s.size != 0 {
			spec["size"] = pulumi.Float64(*s.size)
		}
		layout = append(layout, spec)
	}
	c.VpcID = vpc.ID().ToStringOutput()
	c.Vpc = vpc.ToVpcOutput()
	c.Subnets = subnets.ToSubnetArrayOutput()
	c.PublicSubnetIDs = public.ToStringArrayOutput()
	c.PrivateSubnetIDs = private.ToStringArrayOutput()
	c.IsolatedSubnetIDs = isolated.ToStringArrayOutput()
	c.NatGateways = natArr.ToNatGatewayArrayOutput()
	c.Eips = eips.ToEipArrayOutput()
	c.InternetGateway = igw.ToInternetGatewayOutput()
	c.RouteTables = tables.ToRouteTableArrayOutput()
	c.RouteTableAssociations = assocs.ToRouteTableAssociationArrayOutput()
	c.Routes = routes.ToRouteArrayOutput()
	c.SubnetLayout = layout.ToArrayOutput()
	c.VpcEndpoints = endpoints.ToVpcEndpointArrayOutput()
	err = ctx.RegisterResourceOutputs(c, pulumi.Map{
		"vpcId": c.VpcID, "vpc": c.Vpc, "subnets": c.Subnets, "publicSubnetIds": c.PublicSubnetIDs,
		"privateSubnetIds": c.PrivateSubnetIDs, "isolatedSubnetIds": c.IsolatedSubnetIDs, "natGateways": c.NatGateways,
		"eips": c.Eips, "internetGateway": c.InternetGateway, "routeTables": c.RouteTables,
		"routeTableAssociations": c.RouteTableAssociations, "routes": c.Routes, "subnetLayout": c.SubnetLayout,
		"vpcEndpoints": c.VpcEndpoints,
	})
	return c, err
}

// vpcEndpoint builds one of vpcEndpointSpecs, named after its service as awsx does.
func vpcEndpoint(ctx *pulumi.Context, vpc *ec2.Vpc, spec map[string]any) (*ec2.VpcEndpoint, error) {
	svc, _ := spec["serviceName"].(string)
	args := &ec2.VpcEndpointArgs{VpcId: vpc.ID(), ServiceName: pulumi.String(svc)}
	if s, ok := spec["vpcEndpointType"].(string); ok {
		args.VpcEndpointType = pulumi.String(s)
	}
	if b, ok := spec["privateDnsEnabled"].(bool); ok {
		args.PrivateDnsEnabled = pulumi.Bool(b)
	}
	if s, ok := spec["policy"].(string); ok {
		args.Policy = pulumi.String(s)
	}
	if l := strs(spec["subnetIds"]); len(l) > 0 {
		args.SubnetIds = pulumi.ToStringArray(l)
	}
	if l := strs(spec["securityGroupIds"]); len(l) > 0 {
		args.SecurityGroupIds = pulumi.ToStringArray(l)
	}
	if l := strs(spec["routeTableIds"]); len(l) > 0 {
		args.RouteTableIds = pulumi.ToStringArray(l)
	}
	if t := stringMap(spec["tags"]); len(t) > 0 {
		args.Tags = pulumi.ToStringMap(t)
	}
	return ec2.NewVpcEndpoint(ctx, svc, args, pulumi.Parent(vpc), pulumi.DependsOn([]pulumi.Resource{vpc}))
}
