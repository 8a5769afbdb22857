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
	// OverwriteApex writes the apex alias (the domain itself) with allowOverwrite, taking over
	// an A record the zone already holds there (production's zone, built by today's
	// Terraform). The other hosts never overwrite. Default false.
	OverwriteApex bool
	// PrivateZoneID and PrivateZoneName are the VPC's private zone (dns's notification.prv):
	// as today, its apex is an alias (A) to the internal load balancer and every name under it
	// (*.<zone>) a CNAME to the apex, so in-VPC clients reach the internal ingress by name.
	// Written with the component's provider (the zone is the environment's). Default none:
	// no records.
	PrivateZoneID   pulumi.StringInput
	PrivateZoneName string
}

// privateWildcardTTL is the wildcard CNAME's TTL in seconds, as today.
const privateWildcardTTL = 60

func (e Exposure) validate() []error {
	var errs []error
	if (e.ZoneID == nil) != (e.DNSProvider == nil) {
		errs = append(errs, fmt.Errorf("loadbalancer: Exposure.ZoneID and Exposure.DNSProvider: got only one, want both or neither"))
	}
	if e.OverwriteApex && e.ZoneID == nil {
		errs = append(errs, fmt.Errorf("loadbalancer: Exposure.OverwriteApex: got true without Exposure.ZoneID, want a zone to write into"))
	}
	if (e.PrivateZoneID == nil) != (e.PrivateZoneName == "") {
		errs = append(errs, fmt.Errorf("loadbalancer: Exposure.PrivateZoneID and Exposure.PrivateZoneName: got only one, want both or neither"))
	}
	return errs
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
	if err := l.privateNames(ctx, name, e, child); err != nil {
		return err
	}
	if e.ZoneID == nil {
		return nil
	}
	dnsOpts := append([]pulumi.ResourceOption{pulumi.Provider(e.DNSProvider)}, child...)
	for _, route := range Routes(args.Domain) {
		for _, host := range route.Hosts {
			ra := &route53.RecordArgs{
				ZoneId: e.ZoneID, Name: pulumi.String(host), Type: pulumi.String("A"),
				Aliases: route53.RecordAliasArray{route53.RecordAliasArgs{
					Name: l.DNSName, ZoneId: l.ZoneID, EvaluateTargetHealth: pulumi.Bool(true),
				}},
			}
			if e.OverwriteApex && host == args.Domain {
				ra.AllowOverwrite = pulumi.Bool(true)
			}
			if _, err := route53.NewRecord(ctx, name+"-alias-"+route.Key, ra, dnsOpts...); err != nil {
				return fmt.Errorf("loadbalancer alias %s: %w", host, err)
			}
		}
	}
	return nil
}

// privateNames writes the private zone's names of the internal load balancer.
func (l *LoadBalancer) privateNames(ctx *pulumi.Context, name string, e Exposure, child []pulumi.ResourceOption) error {
	if e.PrivateZoneID == nil {
		return nil
	}
	apex, err := route53.NewRecord(ctx, name+"-internal-alias", &route53.RecordArgs{
		ZoneId: e.PrivateZoneID, Name: pulumi.String(e.PrivateZoneName), Type: pulumi.String("A"),
		Aliases: route53.RecordAliasArray{route53.RecordAliasArgs{
			Name: l.InternalDNSName, ZoneId: l.InternalZoneID, EvaluateTargetHealth: pulumi.Bool(true),
		}},
	}, child...)
	if err != nil {
		return fmt.Errorf("loadbalancer internal alias %s: %w", e.PrivateZoneName, err)
	}
	if _, err := route53.NewRecord(ctx, name+"-internal-wildcard", &route53.RecordArgs{
		ZoneId: e.PrivateZoneID, Name: pulumi.String("*." + e.PrivateZoneName), Type: pulumi.String("CNAME"),
		Ttl: pulumi.Int(privateWildcardTTL), Records: pulumi.StringArray{apex.Name},
	}, child...); err != nil {
		return fmt.Errorf("loadbalancer internal wildcard *.%s: %w", e.PrivateZoneName, err)
	}
	return nil
}
