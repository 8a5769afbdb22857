package loadbalancer

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// internal creates the internal load balancer in the private subnets. As today, its HTTPS
// listener forwards everything to the cluster's internal nginx ingress (target group
// TargetInternalNginx, port 80), which routes by host to in-cluster services; plain HTTP is
// redirected to HTTPS. Only the VPC can reach it.
func (l *LoadBalancer) internal(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	route := InternalRoute()
	var ingress ec2.SecurityGroupIngressArray
	for _, port := range []int{443, 80} {
		ingress = append(ingress, ec2.SecurityGroupIngressArgs{
			Description: pulumi.Sprintf("port %d from the VPC", port), Protocol: pulumi.String("tcp"),
			FromPort: pulumi.Int(port), ToPort: pulumi.Int(port), CidrBlocks: pulumi.ToStringArray([]string{args.VpcCidr}),
		})
	}
	sg, err := ec2.NewSecurityGroup(ctx, name+"-internal-alb-sg", &ec2.SecurityGroupArgs{
		Name:        pulumi.String(args.NamePrefix + "-internal-alb"),
		Description: pulumi.String("Internal load balancer: HTTPS and HTTP in from the VPC, the ingress port out to the VPC"),
		VpcId:       args.VpcID,
		Ingress:     ingress,
		Egress:      egressTo(args.VpcCidr, []int{route.Port}),
		Tags:        tagging.Named(args.NamePrefix + "-internal-alb"),
	}, child...)
	if err != nil {
		return fmt.Errorf("loadbalancer internal security group: %w", err)
	}
	l.InternalSecurityGroupID = sg.ID().ToStringOutput()

	alb, err := lb.NewLoadBalancer(ctx, name+"-internal-alb", &lb.LoadBalancerArgs{
		Name:                     pulumi.String(l.Names.InternalALB),
		Internal:                 pulumi.Bool(true),
		LoadBalancerType:         pulumi.String("application"),
		IpAddressType:            pulumi.String("ipv4"),
		Subnets:                  args.PrivateSubnetIDs,
		SecurityGroups:           pulumi.StringArray{sg.ID()},
		DropInvalidHeaderFields:  pulumi.Bool(true),
		DesyncMitigationMode:     pulumi.String(args.DesyncMitigationMode),
		IdleTimeout:              pulumi.Int(args.IdleTimeoutSeconds),
		EnableDeletionProtection: pulumi.Bool(!args.AllowDeletion),
		AccessLogs: &lb.LoadBalancerAccessLogsArgs{Bucket: args.AccessLogsBucket, Enabled: pulumi.Bool(true),
			Prefix: pulumi.String(args.InternalAccessLogsPrefix)},
		Tags: tagging.Named(l.Names.InternalALB),
	}, child...)
	if err != nil {
		return fmt.Errorf("loadbalancer internal alb: %w", err)
	}
	l.InternalArn, l.InternalArnSuffix, l.InternalDNSName, l.InternalZoneID = alb.Arn, alb.ArnSuffix, alb.DnsName, alb.ZoneId

	tg, err := l.targetGroup(ctx, name, args, route, child)
	if err != nil {
		return err
	}
	https, err := lb.NewListener(ctx, name+"-internal-https", &lb.ListenerArgs{
		LoadBalancerArn: alb.Arn,
		Port:            pulumi.Int(443),
		Protocol:        pulumi.String("HTTPS"),
		SslPolicy:       pulumi.String(args.SSLPolicy),
		CertificateArn:  args.InternalCertificateArn,
		DefaultActions:  lb.ListenerDefaultActionArray{lb.ListenerDefaultActionArgs{Type: pulumi.String("forward"), TargetGroupArn: tg.Arn}},
		Tags:            tagging.Named(l.Names.InternalALB + "-https"),
	}, child...)
	if err != nil {
		return fmt.Errorf("loadbalancer internal https listener: %w", err)
	}
	l.InternalHTTPSListenerArn = https.Arn
	_, err = redirectListener(ctx, name+"-internal-http", alb.Arn, l.Names.InternalALB+"-http", child)
	return err
}
