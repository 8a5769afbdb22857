package eks

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// karpenterReference is the controller policy of Karpenter v1.3.2's reference CloudFormation
// (website/content/en/v1.3/getting-started/getting-started-with-karpenter/cloudformation.yaml at
// tag v1.3.2 of aws/karpenter-provider-aws), as statement id -> actions, the resource kinds
// each statement names (the text after the account field of its ARNs, for ARNs; "*" for any)
// and the condition keys it tests.
var karpenterReference = map[string]struct {
	actions, resources, conditions []string
}{
	"AllowScopedEC2InstanceAccessActions": {[]string{"ec2:CreateFleet", "ec2:RunInstances"},
		[]string{"capacity-reservation/*", "image/*", "security-group/*", "snapshot/*", "subnet/*"}, nil},
	"AllowScopedEC2LaunchTemplateAccessActions": {[]string{"ec2:CreateFleet", "ec2:RunInstances"},
		[]string{"launch-template/*"}, []string{"aws:ResourceTag/karpenter.sh/nodepool", "aws:ResourceTag/kubernetes.io/cluster/*"}},
	"AllowScopedEC2InstanceActionsWithTags": {[]string{"ec2:CreateFleet", "ec2:CreateLaunchTemplate", "ec2:RunInstances"},
		[]string{"capacity-reservation/*", "fleet/*", "instance/*", "launch-template/*", "network-interface/*", "spot-instances-request/*", "volume/*"},
		[]string{"aws:RequestTag/eks:eks-cluster-name", "aws:RequestTag/karpenter.sh/nodepool", "aws:RequestTag/kubernetes.io/cluster/*"}},
	"AllowScopedResourceCreationTagging": {[]string{"ec2:CreateTags"},
		[]string{"fleet/*", "instance/*", "launch-template/*", "network-interface/*", "spot-instances-request/*", "volume/*"},
		[]string{"aws:RequestTag/eks:eks-cluster-name", "aws:RequestTag/karpenter.sh/nodepool", "aws:RequestTag/kubernetes.io/cluster/*", "ec2:CreateAction"}},
	"AllowScopedResourceTagging": {[]string{"ec2:CreateTags"}, []string{"instance/*"},
		[]string{"aws:RequestTag/eks:eks-cluster-name", "aws:ResourceTag/karpenter.sh/nodepool", "aws:ResourceTag/kubernetes.io/cluster/*", "aws:TagKeys"}},
	"AllowScopedDeletion": {[]string{"ec2:DeleteLaunchTemplate", "ec2:TerminateInstances"}, []string{"instance/*", "launch-template/*"},
		[]string{"aws:ResourceTag/karpenter.sh/nodepool", "aws:ResourceTag/kubernetes.io/cluster/*"}},
	"AllowRegionalReadActions": {[]string{"ec2:DescribeCapacityReservations", "ec2:DescribeImages", "ec2:DescribeInstanceTypeOfferings",
		"ec2:DescribeInstanceTypes", "ec2:DescribeInstances", "ec2:DescribeLaunchTemplates", "ec2:DescribeSecurityGroups",
		"ec2:DescribeSpotPriceHistory", "ec2:DescribeSubnets"}, []string{"*"}, []string{"aws:RequestedRegion"}},
	"AllowSSMReadActions":     {[]string{"ssm:GetParameter"}, []string{"parameter/aws/service/*"}, nil},
	"AllowPricingReadActions": {[]string{"pricing:GetProducts"}, []string{"*"}, nil},
	"AllowInterruptionQueueActions": {[]string{"sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"},
		[]string{"notification-canada-ca-dev-eks-cluster"}, nil},
	"AllowPassingInstanceRole": {[]string{"iam:PassRole"}, []string{"role/notification-canada-ca-dev-eks-node"}, []string{"iam:PassedToService"}},
	"AllowScopedInstanceProfileCreationActions": {[]string{"iam:CreateInstanceProfile"}, []string{"instance-profile/*"},
		[]string{"aws:RequestTag/eks:eks-cluster-name", "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass", "aws:RequestTag/kubernetes.io/cluster/*",
			"aws:RequestTag/topology.kubernetes.io/region"}},
	"AllowScopedInstanceProfileTagActions": {[]string{"iam:TagInstanceProfile"}, []string{"instance-profile/*"},
		[]string{"aws:RequestTag/eks:eks-cluster-name", "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass", "aws:RequestTag/kubernetes.io/cluster/*",
			"aws:RequestTag/topology.kubernetes.io/region", "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass", "aws:ResourceTag/kubernetes.io/cluster/*",
			"aws:ResourceTag/topology.kubernetes.io/region"}},
	"AllowScopedInstanceProfileActions": {[]string{"iam:AddRoleToInstanceProfile", "iam:DeleteInstanceProfile", "iam:RemoveRoleFromInstanceProfile"},
		[]string{"instance-profile/*"}, []string{"aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass", "aws:ResourceTag/kubernetes.io/cluster/*",
			"aws:ResourceTag/topology.kubernetes.io/region"}},
	"AllowInstanceProfileReadActions": {[]string{"iam:GetInstanceProfile"}, []string{"instance-profile/*"}, nil},
	"AllowAPIServerEndpointDiscovery": {[]string{"eks:DescribeCluster"}, []string{"cluster/notification-canada-ca-dev-eks-cluster"}, nil},
}

// resourceKind is what follows an ARN's account field ("*" stays "*").
func resourceKind(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return arn
	}
	return parts[5]
}

// conditionKeys are the keys a statement's conditions test, with the cluster's name generalised.
func conditionKeys(condition map[string]any, cluster string) []string {
	var keys []string
	for _, block := range condition {
		for k := range block.(map[string]any) {
			keys = append(keys, strings.ReplaceAll(k, cluster, "*"))
		}
	}
	sort.Strings(keys)
	return keys
}

func TestKarpenterControllerPolicyMatchesTheReferenceOfItsVersion(t *testing.T) {
	require.Equal(t, "1.3.2", KarpenterVersion, "a new version needs its reference policy in this table")
	cluster := "notification-canada-ca-dev-eks-cluster"
	doc := KarpenterControllerPolicy(cluster, "ca-central-1", account,
		"arn:aws:iam::"+account+":role/notification-canada-ca-dev-eks-node", "arn:aws:sqs:ca-central-1:"+account+":"+cluster)
	var decoded struct {
		Statement []struct {
			Sid       string
			Action    []string
			Resource  []string
			Condition map[string]any
		}
	}
	require.NoError(t, json.Unmarshal([]byte(doc.JSON()), &decoded))
	seen := map[string]bool{}
	for _, s := range decoded.Statement {
		seen[s.Sid] = true
		want, ok := karpenterReference[s.Sid]
		if !assert.True(t, ok, "%s is not a statement of the reference policy", s.Sid) {
			continue
		}
		actions := append([]string(nil), s.Action...)
		sort.Strings(actions)
		assert.Equal(t, want.actions, actions, "%s: actions", s.Sid)
		var kinds []string
		for _, r := range s.Resource {
			kinds = append(kinds, resourceKind(r))
			if r != "*" && !strings.HasPrefix(r, "arn:aws:iam::") {
				assert.Contains(t, r, "ca-central-1", "%s: %s is scoped to the region", s.Sid, r)
			}
		}
		sort.Strings(kinds)
		assert.Equal(t, want.resources, kinds, "%s: resources", s.Sid)
		assert.Equal(t, want.conditions, conditionKeys(s.Condition, cluster), "%s: condition keys", s.Sid)
	}
	for sid := range karpenterReference {
		assert.True(t, seen[sid], "the reference statement %s is missing", sid)
	}
}
