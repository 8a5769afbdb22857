package stacks

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/eks"
	"github.com/cds-snc/notification-pulumi/components/email"
	"github.com/cds-snc/notification-pulumi/components/functions"
	"github.com/cds-snc/notification-pulumi/components/githubactions"
	"github.com/cds-snc/notification-pulumi/components/network"
	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/components/registry"
)

// appNamespace is the Kubernetes namespace the Helm charts install GC Notify into.
const appNamespace = "notification-canada-ca"

// appRepositories are the application images CI pushes to the primary region; the admin's only
// where it is built here (features.promotedAdminImage is false).
func (c Config) appRepositories() []string {
	repos := []string{"notify/api", "notify/document-download", "notify/documentation"}
	if !c.Features.PromotedAdminImage {
		repos = append(repos, adminRepository)
	}
	return repos
}

// Compute is the container registries, the CI roles that push to them and the EKS cluster.
type Compute struct {
	Registry *registry.Registry
	CI       *githubactions.CIIdentity
	Cluster  *eks.Cluster
}

// composeCompute builds the registries, the CI roles and the cluster.
func composeCompute(ctx *pulumi.Context, cfg Config, p Providers, place placement.Placement, core Core, net *network.Network) (Compute, error) {
	required := functions.RequiredRepositories()
	var c Compute
	var err error
	c.Registry, err = registry.New(ctx, "registry", registry.Args{
		Regions: map[string]registry.Region{
			cfg.Regions.Primary: {KmsKeyArn: core.Keys.MainKeyArn, Names: append(append(cfg.appRepositories(), cfg.toolRepositories()...), required[functions.RegionPrimary]...)},
			cfg.Regions.SMS:     {Provider: p.SMS, KmsKeyArn: core.Keys.SMSRegionKeyArn, Names: required[functions.RegionSMS]},
			cfg.Regions.Email:   {Provider: p.Email, KmsKeyArn: core.Keys.EmailRegionKeyArn, Names: required[functions.RegionEmail]},
		},
		ForceDelete: cfg.ForceDestroy,
	}, pulumi.Provider(p.Primary))
	if err != nil {
		return c, err
	}

	// The CI roles come before the cluster: the deploy and helm-apply roles get access entries,
	// which EKS only accepts for principals that exist. The cluster's ARN is derived from its
	// name for the same reason.
	// A Lambda's image must be in the function's region, so a repository name may exist in
	// several regions (notify/sns_to_sqs_sms_callbacks) or only outside the primary one
	// (notify/ses_receiving_emails): its push grant covers that name in every region of the
	// account. Depending on every region's repository keeps the roles after them.
	arns := map[string][]any{}
	for _, region := range slices.Sorted(maps.Keys(c.Registry.ARNs)) {
		for name, arn := range c.Registry.ARNs[region] {
			arns[name] = append(arns[name], arn)
		}
	}
	repos := map[string]pulumi.StringInput{}
	for name, all := range arns {
		repos[name] = pulumi.All(all...).ApplyT(func([]any) string {
			return fmt.Sprintf("arn:aws:ecr:*:%s:repository/%s", cfg.AccountID, name)
		}).(pulumi.StringOutput)
	}
	c.CI, err = githubactions.New(ctx, "ci", githubactions.Args{
		NamePrefix: cfg.Prefix(), Environment: cfg.Environment, AccountID: cfg.AccountID,
		ECRRepositoryArns: repos,
		ClusterArn:        pulumi.Sprintf("arn:aws:eks:%s:%s:cluster/%s", cfg.Regions.Primary, cfg.AccountID, cfg.ClusterName()),
		StateBucket:       cfg.CI.StateBucket, SecretsKeyArn: pulumi.String(cfg.CI.SecretsKeyArn),
		ExistingProviderArn: cfg.Existing.GitHubOIDCProviderArn,
	}, pulumi.Provider(p.Primary))
	if err != nil {
		return c, err
	}
	admins := map[string]pulumi.StringInput{
		"ci-deploy":     c.CI.RoleArns["deploy"],
		"ci-helm-apply": c.CI.HelmApplyRoleArn,
	}
	for _, arn := range cfg.EKS.AdminRoleArns {
		admins[accessEntryLabel(arn)] = pulumi.String(arn)
	}
	c.Cluster, err = eks.New(ctx, "cluster", eks.Args{
		Placement:             place,
		Version:               cfg.EKS.Version,
		VpcID:                 net.VpcID,
		ControlPlaneSubnetIDs: net.PrivateSubnetIDs,
		K8sSubnetIDs:          net.K8sSubnetIDs,
		NodeEgress:            net.Egress,
		KmsKeyArn:             core.Keys.MainKeyArn,
		LogRetentionDays:      cfg.LogRetentionDays,
		NodeGroup: eks.NodeGroup{InstanceType: cfg.EKS.InstanceType, DesiredSize: cfg.EKS.DesiredSize,
			MinSize: cfg.EKS.MinSize, MaxSize: cfg.EKS.MaxSize, ApplyDesiredSize: cfg.EKS.ApplyDesiredSize},
		ServiceAccounts: serviceAccounts(cfg, core),
		AdminRoleArns:   admins,
		Protect:         cfg.Protect(),
	}, pulumi.Provider(p.Primary))
	return c, err
}

// serviceAccounts are the application's IAM roles for service accounts, each allowed only what
// its workload touches.
func serviceAccounts(cfg Config, core Core) map[string]eks.ServiceAccountAccess {
	var queueArns pulumi.StringArray
	for _, name := range slices.Sorted(maps.Keys(core.Queues.Queues)) {
		queueArns = append(queueArns, core.Queues.Queues[name].Arn)
	}
	s := core.Storage
	key := pulumi.StringArray{core.Keys.MainKeyArn}
	secretsPattern := pulumi.Sprintf("arn:aws:secretsmanager:%s:%s:secret:MANIFEST_*", cfg.Regions.Primary, cfg.AccountID)
	identities, emailSets := cfg.sendingArns()
	return map[string]eks.ServiceAccountAccess{
		"api": {Namespace: appNamespace, ServiceAccount: "notify-api", SendQueueArns: queueArns, ConsumeQueueArns: queueArns,
			ReadBucketArns:  pulumi.StringArray{s.CsvUploadBucket.Arn, s.ReportsBucket.Arn, s.GcOrganisationsBucket.Arn},
			WriteBucketArns: pulumi.StringArray{s.CsvUploadBucket.Arn, s.ReportsBucket.Arn}, KmsKeyArns: key, SendSMS: true,
			PublishTopicArns:      pulumi.StringArray{core.Topics.SesCallbackTopicArn},
			SendEmailIdentityArns: identities, SendEmailConfigurationSetArns: emailSets},
		"admin": {Namespace: appNamespace, ServiceAccount: "notify-admin", SendQueueArns: queueArns,
			ReadBucketArns:  pulumi.StringArray{s.CsvUploadBucket.Arn, s.AssetBucket.Arn, s.ReportsBucket.Arn, s.GcOrganisationsBucket.Arn},
			WriteBucketArns: pulumi.StringArray{s.CsvUploadBucket.Arn, s.AssetBucket.Arn}, KmsKeyArns: key},
		"document-download": {Namespace: appNamespace, ServiceAccount: "notify-document-download",
			ReadBucketArns:  pulumi.StringArray{s.DocumentDownloadBucket.Arn, s.DocumentDownloadScanBucket.Arn},
			WriteBucketArns: pulumi.StringArray{s.DocumentDownloadBucket.Arn, s.DocumentDownloadScanBucket.Arn}, KmsKeyArns: key},
		"celery": {Namespace: appNamespace, ServiceAccount: "notify-celery", SendQueueArns: queueArns, ConsumeQueueArns: queueArns,
			ReadBucketArns:  pulumi.StringArray{s.CsvUploadBucket.Arn, s.ReportsBucket.Arn},
			WriteBucketArns: pulumi.StringArray{s.ReportsBucket.Arn}, KmsKeyArns: key, SendSMS: true,
			SendEmailIdentityArns: identities, SendEmailConfigurationSetArns: emailSets},
		"secrets-csi": {Namespace: appNamespace, ServiceAccount: "secrets-store-csi", SecretArns: pulumi.StringArray{secretsPattern},
			KmsKeyArns: key},
	}
}

// sendingArns are what the senders of email (the API and the Celery workers, through SES in the
// primary region) may send from: the environment's domain and the custom sending domains, and
// the configuration set every identity sends with by default. The email component is composed
// after the cluster, so the ARNs are derived from the names it gives them, as AWS forms them.
func (c Config) sendingArns() (identities, sets pulumi.StringArray) {
	for _, d := range append([]string{c.Domain}, c.Email.CustomSendingDomains...) {
		identities = append(identities, pulumi.String(email.IdentityArn(c.Regions.Primary, c.AccountID, d)))
	}
	return identities, pulumi.StringArray{pulumi.String(email.ConfigurationSetArn(c.Regions.Primary, c.AccountID, c.Prefix()))}
}

// roleName is the last path segment of an IAM role ARN.
func roleName(arn string) string { return arn[strings.LastIndex(arn, "/")+1:] }

// accessEntryLabel is a role's label among the cluster's access entries (part of logical
// names): its name in lower case with anything but letters and digits as single dashes, so
// AWSReservedSSO_AdministratorAccess_0123abcd becomes awsreservedsso-administratoraccess-0123abcd.
func accessEntryLabel(arn string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(roleName(arn)) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else if s := b.String(); s != "" && !strings.HasSuffix(s, "-") {
			b.WriteByte('-')
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
