// Package eks is GC Notify's EKS cluster: a private control plane with every log type and
// envelope-encrypted secrets, the primary managed node group on the k8s subnets, the managed
// add-ons, the OIDC provider with least-privilege roles for service accounts (IRSA), Karpenter's
// controller role and interruption queue, and access entries instead of the aws-auth ConfigMap.
package eks

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/placement"
)

// NodeGroup sizes the primary managed node group.
type NodeGroup struct {
	// InstanceType is the nodes' instance type, e.g. c7i.xlarge. Required.
	InstanceType string
	// DesiredSize, MinSize and MaxSize bound the group (awsrule.MinNodes <= min <= desired <=
	// max <= awsrule.MaxNodes, the rule the stack's eks settings are validated with).
	// Required. DesiredSize only seeds the group: the cluster autoscaler owns it afterwards.
	DesiredSize, MinSize, MaxSize int
	// ApplyDesiredSize makes this deployment set the group's desired size to DesiredSize.
	// Off, changes to DesiredSize are ignored once the group exists, and every scaling change
	// carries the desired size last deployed: EKS then refuses a MinSize above it ("Minimum
	// capacity X can't be greater than desired size Y"). Raise MinSize in a deployment with
	// ApplyDesiredSize on, then turn it off. Default false.
	ApplyDesiredSize bool
	// DiskSizeGiB is the gp3 root volume. Default 80.
	DiskSizeGiB int
	// AmiType is the EKS-optimised image family. Default AL2023_x86_64_STANDARD (AL2 ends
	// with Kubernetes 1.32).
	AmiType string
	// MaxUnavailablePercentage is how much of the group an update may replace at once.
	// Default 33.
	MaxUnavailablePercentage int
}

// AddonVersions pins the managed add-ons. Each default "" lets EKS install the default version
// for the cluster's Kubernetes version (addonVersion omitted).
type AddonVersions struct {
	CoreDNS, KubeProxy, VpcCni, EbsCsiDriver string
}

// Karpenter names the controller's service account.
type Karpenter struct {
	// Namespace and ServiceAccount of the controller. Default karpenter/karpenter.
	Namespace, ServiceAccount string
}

// Args configures the cluster.
type Args struct {
	// Placement is the environment's name prefix, account and region: NamePrefix starts every
	// physical name (the cluster is <NamePrefix>-eks-cluster), and Region and AccountID scope
	// ARNs in policies (no lookups). Required: NamePrefix, AccountID and Region.
	placement.Placement
	// Version is the Kubernetes minor version, e.g. "1.36". Required.
	Version string
	// VpcID is the network's VPC. Required.
	VpcID pulumi.StringInput
	// K8sSubnetIDs are the network's k8s subnets: nodes live there. Required.
	K8sSubnetIDs pulumi.StringArrayInput
	// ControlPlaneSubnetIDs receive the control plane's network interfaces (e.g. the private
	// subnets). Default K8sSubnetIDs.
	ControlPlaneSubnetIDs pulumi.StringArrayInput
	// NodeEgress are the k8s subnets' routes to the internet: the node group waits for them
	// (nodes pull images and join the cluster through them); the control plane does not.
	// Default none.
	NodeEgress []pulumi.Resource
	// KmsKeyArn encrypts Kubernetes secrets, the control-plane log group and node volumes.
	// Required.
	KmsKeyArn pulumi.StringInput
	// LogRetentionDays is the control-plane logs' retention: one of awsrule.LogRetentionDays, 0 never expires. No default of its own: the composition
	// passes the environment's logRetentionDays (default 365, stacks/defaults.go).
	LogRetentionDays int
	// NodeGroup sizes the primary node group. Required (see NodeGroup).
	NodeGroup NodeGroup
	// Addons pins add-on versions. Default: EKS's default for Version.
	Addons AddonVersions
	// ServiceAccounts are the application's IRSA roles keyed by role key (e.g. "api"); the
	// role is <NamePrefix>-eks-<key>. Default none. The add-ons' and Karpenter's roles are
	// built in.
	ServiceAccounts map[string]ServiceAccountAccess
	// Karpenter names the controller's service account. Default karpenter/karpenter.
	Karpenter Karpenter
	// AdminRoleArns are the roles that administer the cluster (cluster-scoped
	// AmazonEKSClusterAdminPolicy), keyed by a label such as "ci-deploy". The role that runs
	// Pulumi must be one of them: the creator gets no implicit admin. Default none.
	AdminRoleArns map[string]pulumi.StringInput
	// Protect protects the cluster from deletion. Default false (the composition sets it
	// outside ephemeral stacks).
	Protect bool
}

// Cluster is the EKS cluster and what hangs off it.
type Cluster struct {
	pulumi.ResourceState

	ClusterName            pulumi.StringOutput
	ClusterArn             pulumi.StringOutput
	Endpoint               pulumi.StringOutput
	CertificateAuthority   pulumi.StringOutput
	OIDCProviderArn        pulumi.StringOutput
	OIDCIssuer             pulumi.StringOutput
	ClusterSecurityGroupID pulumi.StringOutput
	NodeSecurityGroupID    pulumi.StringOutput
	NodeRoleArn            pulumi.StringOutput
	NodeRoleName           pulumi.StringOutput
	// ServiceAccountRoleArns maps role key (Args.ServiceAccounts keys plus vpc-cni,
	// ebs-csi-driver and karpenter-controller) to the role's ARN, for the Helm charts'
	// eks.amazonaws.com/role-arn annotations.
	ServiceAccountRoleArns map[string]pulumi.StringOutput
	// KarpenterInterruptionQueue is the queue name Karpenter's settings.interruptionQueue takes.
	KarpenterInterruptionQueue pulumi.StringOutput
	// Description says how to reach the cluster, without credentials or a kubeconfig.
	Description pulumi.StringOutput
}

// Built-in IRSA role keys.
const (
	RoleVpcCni              = "vpc-cni"
	RoleEbsCsiDriver        = "ebs-csi-driver"
	RoleKarpenterController = "karpenter-controller"
)

// Name is the cluster's name for a prefix.
func Name(prefix string) string { return prefix + "-eks-cluster" }

func (a Args) withDefaults() Args {
	if a.ControlPlaneSubnetIDs == nil {
		a.ControlPlaneSubnetIDs = a.K8sSubnetIDs
	}
	a.NodeGroup.DiskSizeGiB = cmp.Or(a.NodeGroup.DiskSizeGiB, 80)
	a.NodeGroup.AmiType = cmp.Or(a.NodeGroup.AmiType, "AL2023_x86_64_STANDARD")
	a.NodeGroup.MaxUnavailablePercentage = cmp.Or(a.NodeGroup.MaxUnavailablePercentage, 33)
	a.Karpenter.Namespace = cmp.Or(a.Karpenter.Namespace, "karpenter")
	a.Karpenter.ServiceAccount = cmp.Or(a.Karpenter.ServiceAccount, "karpenter")
	return a
}

// New creates the cluster. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Cluster, error) {
	args = args.withDefaults()
	c := &Cluster{ServiceAccountRoleArns: map[string]pulumi.StringOutput{}}
	child, err := component.Register(ctx, "gcnotify:cluster:Cluster", name, c, args.validate, opts...)
	if err != nil {
		return nil, err
	}
	cp, err := c.controlPlane(ctx, name, args, child)
	if err != nil {
		return nil, err
	}
	oidc, err := c.identityProvider(ctx, name, args, cp, child)
	if err != nil {
		return nil, err
	}
	if err := c.nodes(ctx, name, args, cp, oidc, child); err != nil {
		return nil, err
	}
	if err := c.karpenter(ctx, name, args, oidc, child); err != nil {
		return nil, err
	}
	for _, key := range slices.Sorted(maps.Keys(args.ServiceAccounts)) {
		sa := args.ServiceAccounts[key]
		role, err := serviceAccountRole(ctx, name, args.NamePrefix, key, sa.Namespace, sa.ServiceAccount, oidc,
			nil, sa.grants(), sa.fixed(), child)
		if err != nil {
			return nil, fmt.Errorf("cluster service account role %s: %w", key, err)
		}
		c.ServiceAccountRoleArns[key] = role.Arn
	}
	if err := c.accessEntries(ctx, name, args, cp, child); err != nil {
		return nil, err
	}
	c.Description = pulumi.Sprintf("EKS %s cluster %s in %s: private endpoint %s only (reach it from inside the VPC), "+
		"authentication by EKS access entries (mode API), %d admin role(s); kubeconfig: aws eks update-kubeconfig --region %s --name %s",
		args.Version, c.ClusterName, args.Region, c.Endpoint, len(args.AdminRoleArns), args.Region, c.ClusterName)
	roles := pulumi.StringMap{}
	for k, v := range c.ServiceAccountRoleArns {
		roles[k] = v
	}
	return c, ctx.RegisterResourceOutputs(c, pulumi.Map{
		"clusterName":                c.ClusterName,
		"clusterArn":                 c.ClusterArn,
		"endpoint":                   c.Endpoint,
		"certificateAuthority":       c.CertificateAuthority,
		"oidcProviderArn":            c.OIDCProviderArn,
		"oidcIssuer":                 c.OIDCIssuer,
		"clusterSecurityGroupId":     c.ClusterSecurityGroupID,
		"nodeSecurityGroupId":        c.NodeSecurityGroupID,
		"nodeRoleArn":                c.NodeRoleArn,
		"serviceAccountRoleArns":     roles,
		"karpenterInterruptionQueue": c.KarpenterInterruptionQueue,
		"description":                c.Description,
	})
}
