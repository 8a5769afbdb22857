package loadbalancer

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// public creates the internet-facing load balancer, its security group, listeners, target
// groups and host rules.
func (l *LoadBalancer) public(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	routes := Routes(args.Domain)
	world := ec2.SecurityGroupIngressArray{}
	for _, port := range []int{443, 80} {
		rule := ec2.SecurityGroupIngressArgs{
			Description: pulumi.Sprintf("port %d from the internet", port), Protocol: pulumi.String("tcp"),
			FromPort: pulumi.Int(port), ToPort: pulumi.Int(port), CidrBlocks: pulumi.ToStringArray([]string{"0.0.0.0/0"}),
		}
		if args.DualStack {
			rule.Ipv6CidrBlocks = pulumi.ToStringArray([]string{"::/0"})
		}
		world = append(world, rule)
	}
	sg, err := ec2.NewSecurityGroup(ctx, name+"-alb-sg", &ec2.SecurityGroupArgs{
		Name:        pulumi.String(args.NamePrefix + "-alb"),
		Description: pulumi.String("Public load balancer: HTTPS and HTTP in from the internet, target ports out to the VPC"),
		VpcId:       args.VpcID,
		Ingress:     world,
		Egress:      egressTo(args.VpcCidr, TargetPorts(routes)),
		Tags:        tagging.Named(args.NamePrefix + "-alb"),
	}, child...)
	if err != nil {
		return fmt.Errorf("loadbalancer public security group: %w", err)
	}
	l.SecurityGroupID = sg.ID().ToStringOutput()

	ipType := "ipv4"
	if args.DualStack {
		ipType = "dualstack"
	}
	alb, err := lb.NewLoadBalancer(ctx, name+"-alb", &lb.LoadBalancerArgs{
		Name:                     pulumi.String(l.Names.PublicALB),
		Internal:                 pulumi.Bool(false),
		LoadBalancerType:         pulumi.String("application"),
		IpAddressType:            pulumi.String(ipType),
		Subnets:                  args.PublicSubnetIDs,
		SecurityGroups:           pulumi.StringArray{sg.ID()},
		DropInvalidHeaderFields:  pulumi.Bool(true),
		DesyncMitigationMode:     pulumi.String(args.DesyncMitigationMode),
		IdleTimeout:              pulumi.Int(args.IdleTimeoutSeconds),
		EnableHttp2:              pulumi.Bool(true),
		EnableDeletionProtection: pulumi.Bool(!args.AllowDeletion),
		EnableWafFailOpen:        pulumi.Bool(false),
		AccessLogs: &lb.LoadBalancerAccessLogsArgs{Bucket: args.AccessLogsBucket, Enabled: pulumi.Bool(true),
			Prefix: pulumi.String(args.AccessLogsPrefix)},
		Tags: tagging.Named(l.Names.PublicALB),
	}, child...)
	if err != nil {
		return fmt.Errorf("loadbalancer public alb: %w", err)
	}
	l.Arn, l.ArnSuffix, l.DNSName, l.ZoneID = alb.Arn, alb.ArnSuffix, alb.DnsName, alb.ZoneId

	https, err := lb.NewListener(ctx, name+"-https", &lb.ListenerArgs{
		LoadBalancerArn: alb.Arn,
		Port:            pulumi.Int(443),
		Protocol:        pulumi.String("HTTPS"),
		SslPolicy:       pulumi.String(args.SSLPolicy),
		CertificateArn:  args.CertificateArn,
		DefaultActions:  lb.ListenerDefaultActionArray{notFound()},
		Tags:            tagging.Named(l.Names.PublicALB + "-https"),
	}, child...)
	if err != nil {
		return fmt.Errorf("loadbalancer https listener: %w", err)
	}
	l.HTTPSListenerArn = https.Arn
	http, err := redirectListener(ctx, name+"-http", alb.Arn, l.Names.PublicALB+"-http", child)
	if err != nil {
		return err
	}
	l.HTTPListenerArn = http.Arn
	for _, key := range slices.Sorted(maps.Keys(args.AdditionalCertificateArns)) {
		if _, err := lb.NewListenerCertificate(ctx, name+"-https-cert-"+key, &lb.ListenerCertificateArgs{
			ListenerArn: https.Arn, CertificateArn: args.AdditionalCertificateArns[key],
		}, child...); err != nil {
			return fmt.Errorf("loadbalancer certificate %s: %w", key, err)
		}
	}

	for _, r := range routes {
		tg, err := l.targetGroup(ctx, name, args, r, child)
		if err != nil {
			return err
		}
		hosts := pulumi.ToStringArray(r.Hosts)
		if _, err := lb.NewListenerRule(ctx, name+"-rule-"+r.Key, &lb.ListenerRuleArgs{
			ListenerArn: https.Arn,
			Priority:    pulumi.Int(r.Priority),
			Actions:     lb.ListenerRuleActionArray{lb.ListenerRuleActionArgs{Type: pulumi.String("forward"), TargetGroupArn: tg.Arn}},
			Conditions: lb.ListenerRuleConditionArray{lb.ListenerRuleConditionArgs{
				HostHeader: &lb.ListenerRuleConditionHostHeaderArgs{Values: hosts}}},
			Tags: tagging.Named(l.Names.PublicALB + "-" + r.Key),
		}, child...); err != nil {
			return fmt.Errorf("loadbalancer rule %s: %w", r.Key, err)
		}
	}
	return nil
}

// targetGroup creates an IP target group for a route; the pods register through the AWS Load
// Balancer Controller's TargetGroupBinding.
func (l *LoadBalancer) targetGroup(ctx *pulumi.Context, name string, args Args, r Route, child []pulumi.ResourceOption) (*lb.TargetGroup, error) {
	tgName := l.Names.TargetGroups[r.Key]
	tg, err := lb.NewTargetGroup(ctx, name+"-tg-"+r.Key, &lb.TargetGroupArgs{
		Name:                pulumi.String(tgName),
		Port:                pulumi.Int(r.Port),
		Protocol:            pulumi.String("HTTP"),
		TargetType:          pulumi.String("ip"),
		VpcId:               args.VpcID,
		DeregistrationDelay: pulumi.Int(args.DeregistrationDelaySeconds),
		HealthCheck: &lb.TargetGroupHealthCheckArgs{
			Enabled: pulumi.Bool(true), Protocol: pulumi.String("HTTP"), Port: pulumi.String("traffic-port"),
			Path: pulumi.String(r.HealthPath), Matcher: pulumi.String(r.HealthMatcher),
			Interval: pulumi.Int(15), Timeout: pulumi.Int(5), HealthyThreshold: pulumi.Int(2), UnhealthyThreshold: pulumi.Int(3),
		},
		Tags: tagging.Named(tgName),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("loadbalancer target group %s: %w", r.Key, err)
	}
	l.TargetGroupArns[r.Key] = tg.Arn
	l.TargetGroupArnSuffixes[r.Key] = tg.ArnSuffix
	return tg, nil
}

// egressTo lets a load balancer reach only the VPC, only on its targets' ports.
func egressTo(cidr string, ports []int) ec2.SecurityGroupEgressArray {
	out := ec2.SecurityGroupEgressArray{}
	for _, p := range ports {
		out = append(out, ec2.SecurityGroupEgressArgs{
			Description: pulumi.String("targets on port " + strconv.Itoa(p)), Protocol: pulumi.String("tcp"),
			FromPort: pulumi.Int(p), ToPort: pulumi.Int(p), CidrBlocks: pulumi.ToStringArray([]string{cidr}),
		})
	}
	return out
}

// notFound answers hosts no rule knows with a 404, so a forged Host header reaches no
// application.
func notFound() lb.ListenerDefaultActionArgs {
	return lb.ListenerDefaultActionArgs{Type: pulumi.String("fixed-response"),
		FixedResponse: &lb.ListenerDefaultActionFixedResponseArgs{ContentType: pulumi.String("text/plain"),
			MessageBody: pulumi.String("Not Found"), StatusCode: pulumi.String("404")}}
}

// redirectListener is a plain-HTTP listener that only redirects to HTTPS (301).
func redirectListener(ctx *pulumi.Context, logical string, albArn pulumi.StringInput, tag string, child []pulumi.ResourceOption) (*lb.Listener, error) {
	l, err := lb.NewListener(ctx, logical, &lb.ListenerArgs{
		LoadBalancerArn: albArn,
		Port:            pulumi.Int(80),
		Protocol:        pulumi.String("HTTP"),
		DefaultActions: lb.ListenerDefaultActionArray{lb.ListenerDefaultActionArgs{Type: pulumi.String("redirect"),
			Redirect: &lb.ListenerDefaultActionRedirectArgs{Port: pulumi.String("443"), Protocol: pulumi.String("HTTPS"),
				StatusCode: pulumi.String("HTTP_301")}}},
		Tags: tagging.Named(tag),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("loadbalancer %s: %w", logical, err)
	}
	return l, nil
}
