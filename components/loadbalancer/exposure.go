package loadbalancer

import (
	"fmt"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Exposure is how the load balancers reach their targets and how clients reach the load
// balancer: both optional, so the component can be tested and reused on its own.
type Exposure struct {
	// TargetSecurityGroupID is the security group of the pods behind the IP target groups (the
	// EKS node group's: pods use the node's ENI security group). Each target port is opened on
	// it from the load balancers' security groups only. Default none: no rules.
	TargetSecurityGroupID pulumi.StringInput
	// ZoneID is the public zone where every route's host gets an alias (A) to the public load
	// balancer, written through DNSProvider (the zone may belong to another account). Default
	// none: no records.
	ZoneID      pulumi.StringInput
	DNSProvider *aws.Provider
}

func (e Exposure) validate() []error {
	if (e.ZoneID == nil) != (e.DNSProvider == nil) {
		return []error{fmt.Errorf("loadbalancer: Exposure.ZoneID and Exposure.DNSProvider: got only one, want both or neither")}
	}
	return nil
}

// expose opens the target ports to the load balancers and writes the host aliases.
func (l *LoadBalancer) expose(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	e := args.Exposure
	if e.TargetSecurityGroupID != nil {
		sources := map[string]pulumi.StringOutput{"alb": l.SecurityGroupID}
		ports := map[string][]int{"alb": TargetPorts(Routes(args.Domain)), "internal-alb": {InternalRoute().Port}}
		sources["internal-alb"] = l.InternalSecurityGroupID
		for _, src := range []string{"alb", "internal-alb"} {
			for _, port := range ports[src] {
				_, err := ec2.NewSecurityGroupRule(ctx, name+"-"+src+"-to-targets-"+strconv.Itoa(port), &ec2.SecurityGroupRuleArgs{
					Type: pulumi.String("ingress"), Protocol: pulumi.String("tcp"),
					FromPort: pulumi.Int(port), ToPort: pulumi.Int(port),
					SecurityGroupId:       e.TargetSecurityGroupID,
					SourceSecurityGroupId: sources[src],
					Description:           pulumi.Sprintf("port %d from the %s", port, src),
				}, child...)
				if err != nil {
					return fmt.Errorf("loadbalancer target ingress %s %d: %w", src, port, err)
				}
			}
		}
	}
	if e.ZoneID == nil {
		return nil
	}
	dnsOpts := append([]pulumi.ResourceOption{pulumi.Provider(e.DNSProvider)}, child...)
	for _, route := range Routes(args.Domain) {
		for _, host := range route.Hosts {
			_, err := route53.NewRecord(ctx, name+"-alias-"+route.Key, &route53.RecordArgs{
				ZoneId: e.ZoneID, Name: pulumi.String(host), Type: pulumi.String("A"),
				Aliases: route53.RecordAliasArray{route53.RecordAliasArgs{
					Name: l.DNSName, ZoneId: l.ZoneID, EvaluateTargetHealth: pulumi.Bool(true),
				}},
			}, dnsOpts...)
			if err != nil {
				return fmt.Errorf("loadbalancer alias %s: %w", host, err)
			}
		}
	}
	return nil
}
