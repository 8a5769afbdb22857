package eks

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// LogTypes are the control-plane log types, all of them.
var LogTypes = []string{"api", "audit", "authenticator", "controllerManager", "scheduler"}

// ClusterAdminPolicy is the EKS access policy given to Args.AdminRoleArns.
const ClusterAdminPolicy = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"

const awsPolicy = "arn:aws:iam::aws:policy/"

// controlPlane creates the cluster role, the log group and the cluster.
func (c *Cluster) controlPlane(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) (*eks.Cluster, error) {
	clusterName := Name(args.NamePrefix)
	role, err := iam.NewRole(ctx, name+"-cluster-role",
		iampolicy.ServiceRole(clusterName, "EKS control plane of "+clusterName, "eks.amazonaws.com"), child...)
	if err != nil {
		return nil, fmt.Errorf("cluster role: %w", err)
	}
	attach, err := iam.NewRolePolicyAttachment(ctx, name+"-cluster-role-AmazonEKSClusterPolicy", &iam.RolePolicyAttachmentArgs{
		Role: role.Name, PolicyArn: pulumi.String(awsPolicy + "AmazonEKSClusterPolicy"),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("cluster role policy: %w", err)
	}
	// Envelope encryption: the control plane wraps data keys for secrets with the key.
	keyUse, err := iam.NewRolePolicy(ctx, name+"-cluster-role-kms", &iam.RolePolicyArgs{
		Role: role.ID(),
		Policy: iampolicy.Output(func(v []string) iampolicy.Document {
			return iampolicy.New(iampolicy.Allow([]string{"kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"}, v[0]))
		}, args.KmsKeyArn),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("cluster role kms policy: %w", err)
	}
	// Created before the cluster so retention and encryption apply to its first log line
	// (EKS would otherwise create the group itself, never expiring and unencrypted).
	logPath := "/aws/eks/" + clusterName + "/cluster"
	logs, err := cloudwatch.NewLogGroup(ctx, name+"-control-plane-logs", &cloudwatch.LogGroupArgs{
		Name:            pulumi.String(logPath),
		RetentionInDays: pulumi.Int(args.LogRetentionDays),
		KmsKeyId:        args.KmsKeyArn,
		Tags:            tagging.Named(logPath),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("cluster log group: %w", err)
	}
	clusterOpts := with(child, pulumi.DependsOn([]pulumi.Resource{logs, attach, keyUse}), pulumi.Protect(args.Protect))
	cluster, err := eks.NewCluster(ctx, name+"-cluster", &eks.ClusterArgs{
		Name:    pulumi.String(clusterName),
		Version: pulumi.String(args.Version),
		RoleArn: role.Arn,
		VpcConfig: &eks.ClusterVpcConfigArgs{
			SubnetIds:             args.ControlPlaneSubnetIDs,
			EndpointPrivateAccess: pulumi.Bool(true),
			EndpointPublicAccess:  pulumi.Bool(false),
		},
		EnabledClusterLogTypes: pulumi.ToStringArray(LogTypes),
		EncryptionConfig: &eks.ClusterEncryptionConfigArgs{
			Resources: pulumi.ToStringArray([]string{"secrets"}),
			Provider:  &eks.ClusterEncryptionConfigProviderArgs{KeyArn: args.KmsKeyArn},
		},
		// Access entries only: the aws-auth ConfigMap needed kubectl through the VPN to apply.
		// The creator gets no implicit admin (it would clash with its own entry in
		// AdminRoleArns); both settings force a new cluster if changed later.
		AccessConfig: &eks.ClusterAccessConfigArgs{
			AuthenticationMode:                      pulumi.String("API"),
			BootstrapClusterCreatorAdminPermissions: pulumi.Bool(false),
		},
		// The add-ons are managed ones below, not EKS's unmanaged defaults.
		BootstrapSelfManagedAddons: pulumi.Bool(false),
		Tags:                       tagging.Named(clusterName),
	}, clusterOpts...)
	if err != nil {
		return nil, fmt.Errorf("cluster: %w", err)
	}
	c.ClusterName = cluster.Name
	c.ClusterArn = cluster.Arn
	c.Endpoint = cluster.Endpoint
	c.CertificateAuthority = cluster.CertificateAuthority.Data().Elem()
	c.ClusterSecurityGroupID = cluster.VpcConfig.ClusterSecurityGroupId().Elem()
	return cluster, nil
}

// identityProvider registers the cluster's OIDC issuer with IAM for IRSA. No thumbprint: AWS
// ignores thumbprints for EKS issuers (it trusts their CA itself) and pulumi-aws v6.83.4
// makes thumbprintLists optional.
func (c *Cluster) identityProvider(ctx *pulumi.Context, name string, args Args, cluster *eks.Cluster,
	child []pulumi.ResourceOption) (oidcProvider, error) {
	// Read without indexing: a targeted up that skips the cluster leaves the lists empty.
	issuer := cluster.Identities.ApplyT(func(ids []eks.ClusterIdentity) string {
		if len(ids) == 0 || len(ids[0].Oidcs) == 0 || ids[0].Oidcs[0].Issuer == nil {
			return ""
		}
		return *ids[0].Oidcs[0].Issuer
	}).(pulumi.StringOutput)
	provider, err := iam.NewOpenIdConnectProvider(ctx, name+"-oidc", &iam.OpenIdConnectProviderArgs{
		Url:           issuer,
		ClientIdLists: pulumi.ToStringArray([]string{"sts.amazonaws.com"}),
		Tags:          tagging.Named(Name(args.NamePrefix) + "-oidc"),
	}, child...)
	if err != nil {
		return oidcProvider{}, fmt.Errorf("cluster oidc provider: %w", err)
	}
	c.OIDCProviderArn = provider.Arn
	c.OIDCIssuer = issuer
	host := issuer.ApplyT(func(u string) string { return strings.TrimPrefix(u, "https://") }).(pulumi.StringOutput)
	return oidcProvider{Arn: provider.Arn, Host: host}, nil
}

// accessEntries gives each admin role cluster-wide admin through an access entry.
func (c *Cluster) accessEntries(ctx *pulumi.Context, name string, args Args, cluster *eks.Cluster,
	child []pulumi.ResourceOption) error {
	for _, label := range slices.Sorted(maps.Keys(args.AdminRoleArns)) {
		principal := args.AdminRoleArns[label]
		entry, err := eks.NewAccessEntry(ctx, name+"-admin-"+label, &eks.AccessEntryArgs{
			ClusterName:  cluster.Name,
			PrincipalArn: principal,
			Type:         pulumi.String("STANDARD"),
			Tags:         tagging.Named(Name(args.NamePrefix) + "-admin-" + label),
		}, child...)
		if err != nil {
			return fmt.Errorf("cluster access entry %s: %w", label, err)
		}
		if _, err := eks.NewAccessPolicyAssociation(ctx, name+"-admin-"+label, &eks.AccessPolicyAssociationArgs{
			ClusterName:  cluster.Name,
			PrincipalArn: principal,
			PolicyArn:    pulumi.String(ClusterAdminPolicy),
			AccessScope:  &eks.AccessPolicyAssociationAccessScopeArgs{Type: pulumi.String("cluster")},
		}, with(child, pulumi.DependsOn([]pulumi.Resource{entry}))...); err != nil {
			return fmt.Errorf("cluster access policy %s: %w", label, err)
		}
	}
	return nil
}
