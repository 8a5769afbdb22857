package eks

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// InterruptionEvents are the EventBridge events Karpenter drains nodes on, keyed by the short
// name of their rule.
var InterruptionEvents = map[string]struct{ Source, DetailType string }{
	"scheduled-change":  {"aws.health", "AWS Health Event"},
	"spot-interruption": {"aws.ec2", "EC2 Spot Instance Interruption Warning"},
	"rebalance":         {"aws.ec2", "EC2 Instance Rebalance Recommendation"},
	"instance-state":    {"aws.ec2", "EC2 Instance State-change Notification"},
}

func interruptionRuleName(prefix, kind string) string { return prefix + "-karpenter-" + kind }

func stmt(sid string, actions []string, resources []string, condition map[string]any) iampolicy.Statement {
	s := iampolicy.Allow(actions, resources...)
	s.Sid, s.Condition = sid, condition
	return s
}

// KarpenterVersion is the Karpenter release the controller policy is written for: the chart
// version notification-manifests installs today (helmfile: karpenter and karpenter-crd 1.3.2).
// Upgrading Karpenter means comparing the new release's reference policy with this one.
const KarpenterVersion = "1.3.2"

// KarpenterControllerPolicy is the controller policy of KarpenterVersion: the statements, actions
// and conditions of that release's reference CloudFormation (getting-started cloudformation.yaml,
// KarpenterControllerPolicy), scoped to this cluster by its tags, to this region, to the node
// role (the only role it may pass) and to its interruption queue. The only departure is
// iam:PassedToService, which names ec2.amazonaws.com alone: the reference adds the China
// partition's ec2.amazonaws.com.cn, which cannot apply here. ec2:DescribeAvailabilityZones is
// not granted: Karpenter dropped it in v1.1.0 (aws/karpenter-provider-aws#6932).
func KarpenterControllerPolicy(cluster, region, account, nodeRoleArn, queueArn string) iampolicy.Document {
	ec2 := func(kinds ...string) []string {
		out := make([]string, len(kinds))
		for i, k := range kinds {
			out[i] = fmt.Sprintf("arn:aws:ec2:%s:*:%s/*", region, k)
		}
		return out
	}
	owned := "aws:ResourceTag/kubernetes.io/cluster/" + cluster
	requestOwned := "aws:RequestTag/kubernetes.io/cluster/" + cluster
	launched := ec2("fleet", "instance", "volume", "network-interface", "launch-template", "spot-instances-request")
	// Launches may also draw on capacity reservations (selected by EC2NodeClass), but only
	// launches, not tagging, touch them.
	launches := append(append([]string(nil), launched...), ec2("capacity-reservation")...)
	profiles := []string{fmt.Sprintf("arn:aws:iam::%s:instance-profile/*", account)}
	return iampolicy.New(
		stmt("AllowScopedEC2InstanceAccessActions", []string{"ec2:RunInstances", "ec2:CreateFleet"},
			[]string{"arn:aws:ec2:" + region + "::image/*", "arn:aws:ec2:" + region + "::snapshot/*",
				"arn:aws:ec2:" + region + ":*:security-group/*", "arn:aws:ec2:" + region + ":*:subnet/*",
				"arn:aws:ec2:" + region + ":*:capacity-reservation/*"}, nil),
		stmt("AllowScopedEC2LaunchTemplateAccessActions", []string{"ec2:RunInstances", "ec2:CreateFleet"}, ec2("launch-template"),
			map[string]any{"StringEquals": map[string]any{owned: "owned"}, "StringLike": map[string]any{"aws:ResourceTag/karpenter.sh/nodepool": "*"}}),
		stmt("AllowScopedEC2InstanceActionsWithTags", []string{"ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"}, launches,
			map[string]any{"StringEquals": map[string]any{requestOwned: "owned", "aws:RequestTag/eks:eks-cluster-name": cluster},
				"StringLike": map[string]any{"aws:RequestTag/karpenter.sh/nodepool": "*"}}),
		stmt("AllowScopedResourceCreationTagging", []string{"ec2:CreateTags"}, launched,
			map[string]any{"StringEquals": map[string]any{requestOwned: "owned", "aws:RequestTag/eks:eks-cluster-name": cluster,
				"ec2:CreateAction": []string{"RunInstances", "CreateFleet", "CreateLaunchTemplate"}},
				"StringLike": map[string]any{"aws:RequestTag/karpenter.sh/nodepool": "*"}}),
		stmt("AllowScopedResourceTagging", []string{"ec2:CreateTags"}, ec2("instance"),
			map[string]any{"StringEquals": map[string]any{owned: "owned"}, "StringLike": map[string]any{"aws:ResourceTag/karpenter.sh/nodepool": "*"},
				"StringEqualsIfExists":      map[string]any{"aws:RequestTag/eks:eks-cluster-name": cluster},
				"ForAllValues:StringEquals": map[string]any{"aws:TagKeys": []string{"eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"}}}),
		stmt("AllowScopedDeletion", []string{"ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"}, ec2("instance", "launch-template"),
			map[string]any{"StringEquals": map[string]any{owned: "owned"}, "StringLike": map[string]any{"aws:ResourceTag/karpenter.sh/nodepool": "*"}}),
		stmt("AllowRegionalReadActions", []string{"ec2:DescribeCapacityReservations", "ec2:DescribeImages", "ec2:DescribeInstances", "ec2:DescribeInstanceTypeOfferings",
			"ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplates", "ec2:DescribeSecurityGroups", "ec2:DescribeSpotPriceHistory",
			"ec2:DescribeSubnets"}, []string{"*"}, map[string]any{"StringEquals": map[string]any{"aws:RequestedRegion": region}}),
		stmt("AllowSSMReadActions", []string{"ssm:GetParameter"}, []string{"arn:aws:ssm:" + region + "::parameter/aws/service/*"}, nil),
		stmt("AllowPricingReadActions", []string{"pricing:GetProducts"}, []string{"*"}, nil),
		stmt("AllowInterruptionQueueActions", []string{"sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"}, []string{queueArn}, nil),
		stmt("AllowPassingInstanceRole", []string{"iam:PassRole"}, []string{nodeRoleArn},
			map[string]any{"StringEquals": map[string]any{"iam:PassedToService": "ec2.amazonaws.com"}}),
		stmt("AllowScopedInstanceProfileCreationActions", []string{"iam:CreateInstanceProfile"}, profiles,
			map[string]any{"StringEquals": map[string]any{requestOwned: "owned", "aws:RequestTag/eks:eks-cluster-name": cluster,
				"aws:RequestTag/topology.kubernetes.io/region": region},
				"StringLike": map[string]any{"aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*"}}),
		stmt("AllowScopedInstanceProfileTagActions", []string{"iam:TagInstanceProfile"}, profiles,
			map[string]any{"StringEquals": map[string]any{owned: "owned", "aws:ResourceTag/topology.kubernetes.io/region": region,
				requestOwned: "owned", "aws:RequestTag/eks:eks-cluster-name": cluster, "aws:RequestTag/topology.kubernetes.io/region": region},
				"StringLike": map[string]any{"aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*", "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*"}}),
		stmt("AllowScopedInstanceProfileActions", []string{"iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile",
			"iam:DeleteInstanceProfile"}, profiles,
			map[string]any{"StringEquals": map[string]any{owned: "owned", "aws:ResourceTag/topology.kubernetes.io/region": region},
				"StringLike": map[string]any{"aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*"}}),
		stmt("AllowInstanceProfileReadActions", []string{"iam:GetInstanceProfile"}, profiles, nil),
		stmt("AllowAPIServerEndpointDiscovery", []string{"eks:DescribeCluster"},
			[]string{fmt.Sprintf("arn:aws:eks:%s:%s:cluster/%s", region, account, cluster)}, nil),
	)
}

// karpenter creates the interruption queue (EC2 and Health events that make Karpenter drain a
// node before AWS takes it away) and the controller's IRSA role. The queue is part of the
// cluster: one per cluster, named after it, useless without it. It uses SQS-managed
// encryption, because EventBridge cannot write to a queue under a customer key without a key
// policy naming events.amazonaws.com.
func (c *Cluster) karpenter(ctx *pulumi.Context, name string, args Args, oidc oidcProvider, child []pulumi.ResourceOption) error {
	clusterName := Name(args.NamePrefix)
	queue, err := sqs.NewQueue(ctx, name+"-karpenter-interruptions", &sqs.QueueArgs{
		Name:                    pulumi.String(clusterName),
		MessageRetentionSeconds: pulumi.Int(300),
		SqsManagedSseEnabled:    pulumi.Bool(true),
		Tags:                    tagging.Named(clusterName),
	}, child...)
	if err != nil {
		return fmt.Errorf("karpenter queue: %w", err)
	}
	c.KarpenterInterruptionQueue = queue.Name
	if _, err := sqs.NewQueuePolicy(ctx, name+"-karpenter-interruptions", &sqs.QueuePolicyArgs{
		QueueUrl: queue.Url,
		Policy: iampolicy.Output(func(v []string) iampolicy.Document {
			send := iampolicy.Allow([]string{"sqs:SendMessage"}, v[0])
			send.Sid, send.Principal = "EventBridgeSends", map[string]any{"Service": []string{"events.amazonaws.com", "sqs.amazonaws.com"}}
			deny := iampolicy.Statement{Sid: "DenyHTTP", Effect: "Deny", Action: []string{"sqs:*"}, Resource: []string{v[0]},
				Principal: map[string]any{"AWS": "*"}, Condition: map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}}
			return iampolicy.New(send, deny)
		}, queue.Arn),
	}, child...); err != nil {
		return fmt.Errorf("karpenter queue policy: %w", err)
	}
	for _, kind := range slices.Sorted(maps.Keys(InterruptionEvents)) {
		ev := InterruptionEvents[kind]
		pattern, _ := json.Marshal(map[string][]string{"source": {ev.Source}, "detail-type": {ev.DetailType}})
		rule, err := cloudwatch.NewEventRule(ctx, name+"-karpenter-"+kind, &cloudwatch.EventRuleArgs{
			Name:         pulumi.String(interruptionRuleName(args.NamePrefix, kind)),
			Description:  pulumi.String("Karpenter interruption events: " + ev.DetailType),
			EventPattern: pulumi.String(string(pattern)),
			Tags:         tagging.Named(interruptionRuleName(args.NamePrefix, kind)),
		}, child...)
		if err != nil {
			return fmt.Errorf("karpenter rule %s: %w", kind, err)
		}
		if _, err := cloudwatch.NewEventTarget(ctx, name+"-karpenter-"+kind, &cloudwatch.EventTargetArgs{
			Rule: rule.Name, Arn: queue.Arn, TargetId: pulumi.String("KarpenterInterruptionQueue"),
		}, child...); err != nil {
			return fmt.Errorf("karpenter target %s: %w", kind, err)
		}
	}
	role, err := serviceAccountRole(ctx, name, args.NamePrefix, RoleKarpenterController, args.Karpenter.Namespace,
		args.Karpenter.ServiceAccount, oidc, nil, nil, nil, child)
	if err != nil {
		return fmt.Errorf("karpenter controller role: %w", err)
	}
	if _, err := iam.NewRolePolicy(ctx, name+"-irsa-"+RoleKarpenterController, &iam.RolePolicyArgs{
		Role: role.ID(),
		Policy: iampolicy.Output(func(v []string) iampolicy.Document {
			return KarpenterControllerPolicy(clusterName, args.Region, args.AccountID, v[0], v[1])
		}, c.NodeRoleArn, queue.Arn),
	}, child...); err != nil {
		return fmt.Errorf("karpenter controller policy: %w", err)
	}
	c.ServiceAccountRoleArns[RoleKarpenterController] = role.Arn
	return nil
}
