package network

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// defaultNACL takes over the VPC's default network ACL: SSH and RDP refused from anywhere,
// everything else allowed (security groups do the fine-grained work).
func (n *Network) defaultNACL(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	aclID := ec2.GetNetworkAclsOutput(ctx, ec2.GetNetworkAclsOutputArgs{
		VpcId: n.VpcID,
		Filters: ec2.GetNetworkAclsFilterArray{
			ec2.GetNetworkAclsFilterArgs{Name: pulumi.String("default"), Values: pulumi.ToStringArray([]string{"true"})},
		},
	}, pulumi.Parent(n)).Ids().ApplyT(func(ids []string) string {
		if len(ids) == 0 { // a targeted up that skips the VPC
			return ""
		}
		return ids[0]
	}).(pulumi.StringOutput)

	var ingress ec2.DefaultNetworkAclIngressArray
	for i, port := range args.DeniedInboundPorts {
		ingress = append(ingress, ec2.DefaultNetworkAclIngressArgs{
			Action: pulumi.String("deny"), Protocol: pulumi.String("tcp"), RuleNo: pulumi.Int(50 + i),
			FromPort: pulumi.Int(port), ToPort: pulumi.Int(port), CidrBlock: pulumi.String("0.0.0.0/0"),
		})
	}
	allowAll := func() ec2.DefaultNetworkAclIngressArgs {
		return ec2.DefaultNetworkAclIngressArgs{Action: pulumi.String("allow"), Protocol: pulumi.String("-1"),
			RuleNo: pulumi.Int(100), FromPort: pulumi.Int(0), ToPort: pulumi.Int(0), CidrBlock: pulumi.String("0.0.0.0/0")}
	}
	ingress = append(ingress, allowAll())
	a := allowAll()
	_, err := ec2.NewDefaultNetworkAcl(ctx, name+"-default-nacl", &ec2.DefaultNetworkAclArgs{
		DefaultNetworkAclId: aclID,
		SubnetIds:           pulumi.All(n.PublicSubnetIDs, n.PrivateSubnetIDs, n.K8sSubnetIDs).ApplyT(flatten).(pulumi.StringArrayOutput),
		Ingress:             ingress,
		Egress: ec2.DefaultNetworkAclEgressArray{ec2.DefaultNetworkAclEgressArgs{Action: a.Action, Protocol: a.Protocol,
			RuleNo: a.RuleNo, FromPort: a.FromPort, ToPort: a.ToPort, CidrBlock: a.CidrBlock}},
		Tags: tagging.Named(args.NamePrefix + "-default-nacl"),
	}, child...)
	if err != nil {
		return fmt.Errorf("network default nacl: %w", err)
	}
	return nil
}

func flatten(lists []any) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l.([]string)...)
	}
	return out
}

// endpoints creates the interface endpoints in the private tier (one subnet per zone, as AWS
// requires) and the S3 gateway endpoint on every route table.
func (n *Network) endpoints(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	sg, err := ec2.NewSecurityGroup(ctx, name+"-endpoints-sg", &ec2.SecurityGroupArgs{
		Name:        pulumi.String(args.NamePrefix + "-vpc-endpoints"),
		Description: pulumi.String("HTTPS from inside the VPC to the AWS interface endpoints"),
		VpcId:       n.VpcID,
		Ingress: ec2.SecurityGroupIngressArray{ec2.SecurityGroupIngressArgs{
			Description: pulumi.String("HTTPS from the VPC"), Protocol: pulumi.String("tcp"),
			FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), CidrBlocks: pulumi.ToStringArray([]string{args.CidrBlock}),
		}},
		Tags: tagging.Named(args.NamePrefix + "-vpc-endpoints"),
	}, child...)
	if err != nil {
		return fmt.Errorf("network endpoint security group: %w", err)
	}
	n.EndpointSecurityGroupID = sg.ID().ToStringOutput()
	for _, svc := range args.InterfaceEndpoints {
		_, err := ec2.NewVpcEndpoint(ctx, name+"-endpoint-"+strings.ReplaceAll(svc, ".", "-"), &ec2.VpcEndpointArgs{
			VpcId:             n.VpcID,
			ServiceName:       pulumi.Sprintf("com.amazonaws.%s.%s", args.Region, svc),
			VpcEndpointType:   pulumi.String("Interface"),
			PrivateDnsEnabled: pulumi.Bool(true),
			SubnetIds:         n.PrivateSubnetIDs,
			SecurityGroupIds:  pulumi.StringArray{sg.ID()},
			Tags:              tagging.Named(args.NamePrefix + "-" + svc),
		}, child...)
		if err != nil {
			return fmt.Errorf("network endpoint %s: %w", svc, err)
		}
	}
	routeTables := ec2.GetRouteTablesOutput(ctx, ec2.GetRouteTablesOutputArgs{VpcId: n.VpcID}, pulumi.Parent(n)).Ids()
	_, err = ec2.NewVpcEndpoint(ctx, name+"-endpoint-s3", &ec2.VpcEndpointArgs{
		VpcId:           n.VpcID,
		ServiceName:     pulumi.Sprintf("com.amazonaws.%s.s3", args.Region),
		VpcEndpointType: pulumi.String("Gateway"),
		RouteTableIds:   routeTables,
		Tags:            tagging.Named(args.NamePrefix + "-s3"),
	}, child...)
	if err != nil {
		return fmt.Errorf("network s3 endpoint: %w", err)
	}
	return nil
}

// FlowLogsTrustPolicy lets the flow-logs service assume the publishing role, and only on
// behalf of this account's flow logs in this region (the confused-deputy conditions of the VPC
// guide's "IAM role for publishing flow logs to CloudWatch Logs"). The flow log's id is not
// known before the role exists, so the source ARN is any flow log of the account and region.
func FlowLogsTrustPolicy(region, account string) iampolicy.Document {
	trust := iampolicy.AssumeRole("vpc-flow-logs.amazonaws.com")
	trust.Statement[0].Condition = map[string]any{
		"StringEquals": map[string]any{"aws:SourceAccount": account},
		"ArnLike":      map[string]any{"aws:SourceArn": fmt.Sprintf("arn:aws:ec2:%s:%s:vpc-flow-log/*", region, account)},
	}
	return trust
}

// FlowLogsPolicy is what the flow-logs service needs to publish to CloudWatch Logs (the actions
// the VPC guide lists), scoped to the flow-log group and its streams. DescribeLogGroups is a
// listing of the account's groups, so it is granted on the region's groups.
func FlowLogsPolicy(region, account, logGroupArn string) iampolicy.Document {
	write := iampolicy.Allow([]string{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
		logGroupArn, logGroupArn+":*")
	write.Sid = "PublishFlowLogs"
	find := iampolicy.Allow([]string{"logs:DescribeLogGroups"}, fmt.Sprintf("arn:aws:logs:%s:%s:log-group:*", region, account))
	find.Sid = "FindLogGroups"
	return iampolicy.New(write, find)
}

// logging sends flow logs and Resolver query logs to CloudWatch Logs and turns on DNSSEC
// validation for the VPC's resolver.
func (n *Network) logging(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	logGroup := func(role, path string) (*cloudwatch.LogGroup, error) {
		return cloudwatch.NewLogGroup(ctx, name+"-"+role, &cloudwatch.LogGroupArgs{
			Name:            pulumi.String(path),
			RetentionInDays: pulumi.Int(args.LogRetentionDays),
			KmsKeyId:        args.LogKmsKeyArn,
			Tags:            tagging.Named(path),
		}, child...)
	}
	flowLogs, err := logGroup("flow-logs", "/aws/vpc/"+args.NamePrefix+"/flow-logs")
	if err != nil {
		return fmt.Errorf("network flow log group: %w", err)
	}
	role, err := iam.NewRole(ctx, name+"-flow-logs-role", &iam.RoleArgs{
		Name:             pulumi.String(args.NamePrefix + "-vpc-flow-logs"),
		AssumeRolePolicy: FlowLogsTrustPolicy(args.Region, args.AccountID).String(),
		Tags:             tagging.Named(args.NamePrefix + "-vpc-flow-logs"),
	}, child...)
	if err != nil {
		return fmt.Errorf("network flow log role: %w", err)
	}
	_, err = iam.NewRolePolicy(ctx, name+"-flow-logs-policy", &iam.RolePolicyArgs{
		Role: role.ID(),
		Policy: iampolicy.Output(func(arn []string) iampolicy.Document {
			return FlowLogsPolicy(args.Region, args.AccountID, arn[0])
		}, flowLogs.Arn),
	}, child...)
	if err != nil {
		return fmt.Errorf("network flow log policy: %w", err)
	}
	_, err = ec2.NewFlowLog(ctx, name+"-flow-log", &ec2.FlowLogArgs{
		VpcId:                  n.VpcID,
		TrafficType:            pulumi.String("ALL"),
		LogDestinationType:     pulumi.String("cloud-watch-logs"),
		LogDestination:         flowLogs.Arn,
		IamRoleArn:             role.Arn,
		MaxAggregationInterval: pulumi.Int(60),
		Tags:                   tagging.Named(args.NamePrefix + "-flow-log"),
	}, child...)
	if err != nil {
		return fmt.Errorf("network flow log: %w", err)
	}

	queryLogs, err := logGroup("dns-query-logs", "/aws/route53resolver/"+args.NamePrefix)
	if err != nil {
		return fmt.Errorf("network query log group: %w", err)
	}
	qlc, err := route53.NewResolverQueryLogConfig(ctx, name+"-dns-query-logs", &route53.ResolverQueryLogConfigArgs{
		Name:           pulumi.String(args.NamePrefix + "-dns-query-logs"),
		DestinationArn: queryLogs.Arn,
		Tags:           tagging.Named(args.NamePrefix + "-dns-query-logs"),
	}, child...)
	if err != nil {
		return fmt.Errorf("network query log config: %w", err)
	}
	if _, err = route53.NewResolverQueryLogConfigAssociation(ctx, name+"-dns-query-logs", &route53.ResolverQueryLogConfigAssociationArgs{
		ResolverQueryLogConfigId: qlc.ID(),
		ResourceId:               n.VpcID,
	}, child...); err != nil {
		return fmt.Errorf("network query log association: %w", err)
	}
	if _, err = route53.NewResolverDnsSecConfig(ctx, name+"-dnssec-validation", &route53.ResolverDnsSecConfigArgs{
		ResourceId: n.VpcID,
	}, child...); err != nil {
		return fmt.Errorf("network dnssec validation: %w", err)
	}
	return nil
}
