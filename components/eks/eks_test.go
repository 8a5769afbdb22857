package eks

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const (
	account  = "123456789012"
	keyArn   = "arn:aws:kms:ca-central-1:123456789012:key/env"
	queueArn = "arn:aws:sqs:ca-central-1:123456789012:eks-notification-canada-cadelivery-receipts"
	csvArn   = "arn:aws:s3:::notification-canada-ca-dev-csv-upload"
	identity = "arn:aws:ses:ca-central-1:123456789012:identity/dev.notification.cdssandbox.xyz"
	emailSet = "arn:aws:ses:ca-central-1:123456789012:configuration-set/notification-canada-ca-dev-email"
	ciRole   = "arn:aws:iam::123456789012:role/notification-pulumi-apply"
)

type env struct {
	name                      string
	instance                  string
	desired, min, max, retain int
	protect                   bool
}

var envs = []env{
	{"dev", "m7i-flex.xlarge", 5, 1, 7, 14, false},
	{"staging", "c7i.xlarge", 8, 4, 10, 365, true},
	{"production", "c7i.xlarge", 10, 3, 10, 0, true},
}

func argsFor(e env) Args {
	return Args{
		Placement: placement.Placement{NamePrefix: "notification-canada-ca-" + e.name, AccountID: account,
			Region: "ca-central-1"},
		Version:          "1.36",
		VpcID:            pulumi.String("vpc-1"),
		K8sSubnetIDs:     pulumi.ToStringArray([]string{"subnet-k8s-1", "subnet-k8s-2", "subnet-k8s-3"}),
		KmsKeyArn:        pulumi.String(keyArn),
		LogRetentionDays: e.retain,
		NodeGroup:        NodeGroup{InstanceType: e.instance, DesiredSize: e.desired, MinSize: e.min, MaxSize: e.max},
		Addons:           AddonVersions{VpcCni: "v1.19.0-eksbuild.1"},
		ServiceAccounts: map[string]ServiceAccountAccess{
			"api": {Namespace: "notification-canada-ca", ServiceAccount: "notify-api",
				SendQueueArns: pulumi.ToStringArray([]string{queueArn}), WriteBucketArns: pulumi.ToStringArray([]string{csvArn}), SendSMS: true,
				SendEmailIdentityArns: pulumi.ToStringArray([]string{identity}), SendEmailConfigurationSetArns: pulumi.ToStringArray([]string{emailSet})},
			"celery": {Namespace: "notification-canada-ca", ServiceAccount: "notify-celery",
				ConsumeQueueArns: pulumi.ToStringArray([]string{queueArn}), KmsKeyArns: pulumi.ToStringArray([]string{keyArn})},
		},
		AdminRoleArns: map[string]pulumi.StringInput{"ci-deploy": pulumi.String(ciRole)},
		Protect:       e.protect,
	}
}

func run(t *testing.T, args Args) (*pulumimock.Mocks, error) {
	m, _, err := componenttest.Build(t, New, "cluster", args)
	return m, err
}

func policyOf(t *testing.T, r pulumimock.Resource, key string) map[string]map[string]any {
	doc, err := r.JSON(key)
	require.NoError(t, err)
	out := map[string]map[string]any{}
	for i, s := range doc.(map[string]any)["Statement"].([]any) {
		st := s.(map[string]any)
		sid, _ := st["Sid"].(string)
		if sid == "" {
			sid = string(rune('0' + i))
		}
		out[sid] = st
	}
	return out
}

func dependsOn(r pulumimock.Resource, logical string) bool {
	for _, d := range r.Dependencies {
		if strings.HasSuffix(d, "::"+logical) {
			return true
		}
	}
	return false
}

func TestClusterAcrossEnvironments(t *testing.T) {
	for _, e := range envs {
		t.Run(e.name, func(t *testing.T) {
			m, err := run(t, argsFor(e))
			require.NoError(t, err)
			name := "notification-canada-ca-" + e.name + "-eks-cluster"

			cl := m.Get(t, "aws:eks/cluster:Cluster", "cluster-cluster")
			assert.Equal(t, name, cl.String("name"))
			assert.Equal(t, "1.36", cl.String("version"))
			vpc := cl.Input("vpcConfig").(map[string]any)
			assert.Equal(t, true, vpc["endpointPrivateAccess"])
			assert.Equal(t, false, vpc["endpointPublicAccess"])
			assert.Equal(t, []any{"subnet-k8s-1", "subnet-k8s-2", "subnet-k8s-3"}, vpc["subnetIds"], "control plane defaults to the k8s subnets")
			assert.ElementsMatch(t, []any{"api", "audit", "authenticator", "controllerManager", "scheduler"}, cl.Input("enabledClusterLogTypes"))
			assert.Equal(t, map[string]any{"resources": []any{"secrets"}, "provider": map[string]any{"keyArn": keyArn}}, cl.Input("encryptionConfig"))
			assert.Equal(t, map[string]any{"authenticationMode": "API", "bootstrapClusterCreatorAdminPermissions": false}, cl.Input("accessConfig"))
			assert.Equal(t, false, cl.Input("bootstrapSelfManagedAddons"))
			assert.Equal(t, e.protect, cl.Protect)
			assert.True(t, dependsOn(cl, "cluster-control-plane-logs"), "the log group exists before the cluster logs")

			lg := m.Get(t, "aws:cloudwatch/logGroup:LogGroup", "cluster-control-plane-logs")
			assert.Equal(t, "/aws/eks/"+name+"/cluster", lg.String("name"))
			assert.Equal(t, float64(e.retain), lg.Input("retentionInDays"))
			assert.Equal(t, keyArn, lg.String("kmsKeyId"))

			ng := m.Get(t, "aws:eks/nodeGroup:NodeGroup", "cluster-primary-nodes")
			assert.Equal(t, []any{e.instance}, ng.Input("instanceTypes"))
			assert.Equal(t, map[string]any{"desiredSize": float64(e.desired), "minSize": float64(e.min), "maxSize": float64(e.max)}, ng.Input("scalingConfig"))
			assert.Equal(t, []any{"subnet-k8s-1", "subnet-k8s-2", "subnet-k8s-3"}, ng.Input("subnetIds"))
			assert.Equal(t, map[string]any{"maxUnavailablePercentage": float64(33)}, ng.Input("updateConfig"))
			assert.Equal(t, "AL2023_x86_64_STANDARD", ng.String("amiType"))
			assert.Equal(t, map[string]any{"id": "cluster-node-template-id", "version": "1"}, ng.Input("launchTemplate"))
			for _, dep := range []string{"cluster-addon-vpc-cni", "cluster-addon-kube-proxy", "cluster-node-access"} {
				assert.True(t, dependsOn(ng, dep), "node group waits for %s", dep)
			}
			for _, dep := range []string{"cluster-addon-coredns", "cluster-addon-aws-ebs-csi-driver"} {
				assert.True(t, dependsOn(m.Get(t, "aws:eks/addon:Addon", dep), "cluster-primary-nodes"), "%s waits for nodes", dep)
			}

			lt := m.Get(t, "aws:ec2/launchTemplate:LaunchTemplate", "cluster-node-template")
			assert.Equal(t, map[string]any{"httpEndpoint": "enabled", "httpTokens": "required", "httpPutResponseHopLimit": float64(2),
				"instanceMetadataTags": "disabled"}, lt.Input("metadataOptions"))
			ebs := lt.Input("blockDeviceMappings").([]any)[0].(map[string]any)["ebs"].(map[string]any)
			assert.Equal(t, map[string]any{"volumeSize": float64(80), "volumeType": "gp3", "encrypted": "true", "kmsKeyId": keyArn,
				"deleteOnTermination": "true"}, ebs)
			clusterSG := cl.Outputs["vpcConfig"].ObjectValue()["clusterSecurityGroupId"].StringValue()
			assert.Regexp(t, `^sg-[0-9a-f]{17}$`, clusterSG, "the security group EKS creates for the cluster")
			assert.Equal(t, []any{clusterSG, "cluster-node-sg-id"}, lt.Input("vpcSecurityGroupIds"))

			var nodePolicies []string
			for _, a := range m.ByType("aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
				if strings.HasPrefix(a.Name, "cluster-node-role-") {
					nodePolicies = append(nodePolicies, strings.TrimPrefix(a.String("policyArn"), "arn:aws:iam::aws:policy/"))
				}
			}
			assert.ElementsMatch(t, []string{"AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly", "AmazonSSMManagedInstanceCore"}, nodePolicies)
			assert.Equal(t, "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
				m.Get(t, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "cluster-irsa-vpc-cni-AmazonEKS_CNI_Policy").String("policyArn"))
			assert.Equal(t, "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
				m.Get(t, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "cluster-irsa-ebs-csi-driver-AmazonEBSCSIDriverPolicy").String("policyArn"))

			addons := map[string]pulumimock.Resource{}
			for _, a := range m.ByType("aws:eks/addon:Addon") {
				addons[a.String("addonName")] = a
			}
			require.Len(t, addons, 4)
			assert.Equal(t, "v1.19.0-eksbuild.1", addons["vpc-cni"].String("addonVersion"))
			_, pinned := addons["coredns"].Inputs["addonVersion"]
			assert.False(t, pinned, "an empty version leaves the choice to EKS")
			assert.Equal(t, "arn:aws:iam::"+account+":role/notification-canada-ca-"+e.name+"-eks-vpc-cni", addons["vpc-cni"].String("serviceAccountRoleArn"))
			assert.Equal(t, "arn:aws:iam::"+account+":role/notification-canada-ca-"+e.name+"-eks-ebs-csi-driver", addons["aws-ebs-csi-driver"].String("serviceAccountRoleArn"))

			oidc := m.Get(t, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "cluster-oidc")
			assert.True(t, strings.HasPrefix(oidc.String("url"), "https://oidc.eks.ca-central-1.amazonaws.com/id/"))
			assert.Equal(t, []any{"sts.amazonaws.com"}, oidc.Input("clientIdLists"))

			componenttest.AssertChildren(t, m, "gcnotify:cluster:Cluster")
		})
	}
}

func TestServiceAccountRolesTrustOneServiceAccountAndGrantOnlyTheirARNs(t *testing.T) {
	m, err := run(t, argsFor(envs[0]))
	require.NoError(t, err)
	api := m.Get(t, "aws:iam/role:Role", "cluster-irsa-api")
	assert.Equal(t, "notification-canada-ca-dev-eks-api", api.String("name"))
	trust := policyOf(t, api, "assumeRolePolicy")["0"]
	issuer := strings.TrimPrefix(m.Get(t, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "cluster-oidc").String("url"), "https://")
	assert.Equal(t, []any{"sts:AssumeRoleWithWebIdentity"}, trust["Action"])
	assert.Equal(t, map[string]any{"Federated": "arn:aws:iam::" + account + ":oidc-provider/" + issuer}, trust["Principal"])
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{
		issuer + ":sub": "system:serviceaccount:notification-canada-ca:notify-api",
		issuer + ":aud": "sts.amazonaws.com",
	}}, trust["Condition"])

	p := policyOf(t, m.Get(t, "aws:iam/rolePolicy:RolePolicy", "cluster-irsa-api"), "policy")
	assert.Equal(t, []any{queueArn}, p["SendToQueues"]["Resource"])
	assert.Equal(t, []any{csvArn + "/*"}, p["WriteObjects"]["Resource"])
	assert.Equal(t, []any{"*"}, p["SendSMS"]["Resource"])
	assert.Equal(t, []any{"ses:SendEmail", "ses:SendRawEmail"}, p["SendEmail"]["Action"])
	assert.Equal(t, []any{identity, emailSet}, p["SendEmail"]["Resource"], "SES checks the identity and the configuration set")
	assert.NotContains(t, p, "ConsumeQueues", "nothing is granted without ARNs")
	celery := policyOf(t, m.Get(t, "aws:iam/rolePolicy:RolePolicy", "cluster-irsa-celery"), "policy")
	assert.Equal(t, []any{queueArn}, celery["ConsumeQueues"]["Resource"])
	assert.Equal(t, []any{keyArn}, celery["UseKeys"]["Resource"])
	assert.Len(t, celery, 2)

	ebs := policyOf(t, m.Get(t, "aws:iam/rolePolicy:RolePolicy", "cluster-irsa-ebs-csi-driver"), "policy")
	assert.Equal(t, map[string]any{"Bool": map[string]any{"kms:GrantIsForAWSResource": "true"}}, ebs["VolumeKeyGrants"]["Condition"])
}

func TestKarpenterMayOnlyPassTheNodeRole(t *testing.T) {
	m, err := run(t, argsFor(envs[2]))
	require.NoError(t, err)
	name := "notification-canada-ca-production-eks-cluster"
	q := m.Get(t, "aws:sqs/queue:Queue", "cluster-karpenter-interruptions")
	assert.Equal(t, name, q.String("name"))
	assert.Equal(t, true, q.Input("sqsManagedSseEnabled"))
	assert.Len(t, m.ByType("aws:cloudwatch/eventRule:EventRule"), 4)
	assert.Len(t, m.ByType("aws:cloudwatch/eventTarget:EventTarget"), 4)
	qp := policyOf(t, m.Get(t, "aws:sqs/queuePolicy:QueuePolicy", "cluster-karpenter-interruptions"), "policy")
	assert.Equal(t, "Deny", qp["DenyHTTP"]["Effect"])

	p := policyOf(t, m.Get(t, "aws:iam/rolePolicy:RolePolicy", "cluster-irsa-karpenter-controller"), "policy")
	assert.Equal(t, []any{"arn:aws:iam::" + account + ":role/notification-canada-ca-production-eks-node"}, p["AllowPassingInstanceRole"]["Resource"])
	assert.Equal(t, []any{"arn:aws:sqs:ca-central-1:" + account + ":" + name}, p["AllowInterruptionQueueActions"]["Resource"])
	assert.Equal(t, map[string]any{"aws:ResourceTag/kubernetes.io/cluster/" + name: "owned"},
		p["AllowScopedDeletion"]["Condition"].(map[string]any)["StringEquals"], "deletes only this cluster's instances")
	for sid, s := range p {
		for _, r := range s["Resource"].([]any) {
			if r == "*" {
				assert.Contains(t, []string{"AllowRegionalReadActions", "AllowPricingReadActions"}, sid, "only read actions on *")
			}
		}
	}
	karpenter := m.Get(t, "aws:iam/role:Role", "cluster-irsa-karpenter-controller")
	assert.Contains(t, karpenter.String("assumeRolePolicy"), "system:serviceaccount:karpenter:karpenter")
	sg := m.Get(t, "aws:ec2/securityGroup:SecurityGroup", "cluster-node-sg")
	assert.Equal(t, name, sg.Input("tags").(map[string]any)["karpenter.sh/discovery"])
}

func TestAccessEntriesReplaceTheConfigMap(t *testing.T) {
	m, err := run(t, argsFor(envs[1]))
	require.NoError(t, err)
	admin := m.Get(t, "aws:eks/accessEntry:AccessEntry", "cluster-admin-ci-deploy")
	assert.Equal(t, ciRole, admin.String("principalArn"))
	assert.Equal(t, "STANDARD", admin.String("type"))
	assoc := m.Get(t, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "cluster-admin-ci-deploy")
	assert.Equal(t, ClusterAdminPolicy, assoc.String("policyArn"))
	assert.Equal(t, map[string]any{"type": "cluster"}, assoc.Input("accessScope"))
	assert.True(t, dependsOn(assoc, "cluster-admin-ci-deploy"))
	node := m.Get(t, "aws:eks/accessEntry:AccessEntry", "cluster-node-access")
	assert.Equal(t, "EC2_LINUX", node.String("type"))
	assert.Equal(t, "arn:aws:iam::"+account+":role/notification-canada-ca-staging-eks-node", node.String("principalArn"))
	assert.Len(t, m.ByType("aws:eks/accessEntry:AccessEntry"), 2)

	rules := map[string]pulumimock.Resource{}
	for _, r := range m.ByType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
		rules[r.Name] = r
	}
	require.Len(t, rules, 3)
	clusterSG := m.Get(t, "aws:eks/cluster:Cluster", "cluster-cluster").Outputs["vpcConfig"].ObjectValue()["clusterSecurityGroupId"]
	assert.Equal(t, clusterSG.StringValue(), rules["cluster-sg-control-plane-from-nodes"].String("securityGroupId"))
	assert.Equal(t, float64(443), rules["cluster-sg-control-plane-from-nodes"].Input("fromPort"))
}

func TestClusterRefusesBadArgsBeforeRegistering(t *testing.T) {
	args := argsFor(envs[0])
	args.NamePrefix = "notification-canada-ca-a-very-long-environment-name"
	args.Region = "canada"
	args.AccountID = "1"
	args.Version = "latest"
	args.KmsKeyArn = nil
	args.LogRetentionDays = 2
	args.NodeGroup = NodeGroup{DesiredSize: 9, MinSize: 1, MaxSize: 7, DiskSizeGiB: 10}
	args.ServiceAccounts["vpc-cni"] = ServiceAccountAccess{Namespace: "kube-system", ServiceAccount: "aws-node", SendSMS: true}
	args.ServiceAccounts["document-download"] = ServiceAccountAccess{Namespace: "Bad_NS", ServiceAccount: "dd"}
	args.AdminRoleArns["Bad Label"] = pulumi.String(ciRole)
	m, err := run(t, args)
	require.Error(t, err)
	for _, want := range []string{
		"longer than 64 characters", `Region: got "canada"`, `AccountID: got "1"`, `Version: got "latest"`, "KmsKeyArn: got nil",
		"LogRetentionDays: got 2", "NodeGroup.InstanceType: got empty", "desired/min/max 9/1/7", "DiskSizeGiB: got 10",
		"ServiceAccounts[vpc-cni]: the key is a built-in role", `ServiceAccounts[document-download]: got "Bad_NS"/"dd"`,
		"ServiceAccounts[document-download]: got no access", `AdminRoleArns: got label "Bad Label"`,
	} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}
