package stacks

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/backup"
	"github.com/cds-snc/notification-pulumi/components/cache"
	"github.com/cds-snc/notification-pulumi/components/ciidentity"
	"github.com/cds-snc/notification-pulumi/components/cluster"
	"github.com/cds-snc/notification-pulumi/components/database"
	"github.com/cds-snc/notification-pulumi/components/email"
	"github.com/cds-snc/notification-pulumi/components/functions"
	"github.com/cds-snc/notification-pulumi/components/registry"
)

// appNamespace is the Kubernetes namespace the Helm charts install GC Notify into.
const appNamespace = "notification-canada-ca"

// appRepositories are the application images CI pushes, per region role; admin is only built
// for the environments that list it (production runs the image promoted from staging).
func (c Config) appRepositories() []string {
	repos := []string{"notify/api", "notify/document-download", "notify/documentation"}
	if c.Environment != "production" {
		repos = append(repos, "notify/admin")
	}
	return repos
}

// composeCompute builds the registries and the cluster.
func (env *Environment) composeCompute(ctx *pulumi.Context) error {
	cfg, p := env.Config, env.Providers
	required := functions.RequiredRepositories()
	var err error
	env.Registry, err = registry.New(ctx, "registry", registry.Args{
		Regions: map[string]registry.Region{
			cfg.Regions.Primary: {KmsKeyArn: env.Keys.MainKeyArn, Names: append(append(cfg.appRepositories(), cfg.toolRepositories()...), required[functions.RegionPrimary]...)},
			cfg.Regions.SMS:     {Provider: p.SMS, KmsKeyArn: env.Keys.SMSRegionKeyArn, Names: required[functions.RegionSMS]},
			cfg.Regions.Email:   {Provider: p.Email, KmsKeyArn: env.Keys.EmailRegionKeyArn, Names: required[functions.RegionEmail]},
		},
		ForceDelete: cfg.ForceDestroy,
	}, pulumi.Provider(p.Primary))
	if err != nil {
		return err
	}

	// The CI roles come before the cluster: the deploy and helm-apply roles get access entries,
	// which EKS only accepts for principals that exist. The cluster's ARN is derived from its
	// name for the same reason.
	// A Lambda's image must be in the function's region, so a repository name may exist in
	// several regions (notify/sns_to_sqs_sms_callbacks) or only outside the primary one
	// (notify/ses_receiving_emails): its push grant covers that name in every region of the
	// account. Depending on every region's repository keeps the roles after them.
	arns := map[string][]any{}
	for _, region := range sortedKeys(env.Registry.ARNs) {
		for name, arn := range env.Registry.ARNs[region] {
			arns[name] = append(arns[name], arn)
		}
	}
	repos := map[string]pulumi.StringInput{}
	for name, all := range arns {
		repos[name] = pulumi.All(all...).ApplyT(func([]any) string {
			return fmt.Sprintf("arn:aws:ecr:*:%s:repository/%s", cfg.AccountID, name)
		}).(pulumi.StringOutput)
	}
	env.CI, err = ciidentity.New(ctx, "ci", ciidentity.Args{
		NamePrefix: cfg.Prefix(), Environment: cfg.Environment, AccountID: cfg.AccountID,
		ECRRepositoryArns: repos,
		ClusterArn:        pulumi.Sprintf("arn:aws:eks:%s:%s:cluster/%s", cfg.Regions.Primary, cfg.AccountID, cfg.ClusterName()),
		StateBucket:       cfg.CI.StateBucket, SecretsKeyArn: pulumi.String(cfg.CI.SecretsKeyArn),
		ExistingProviderArn: cfg.Existing.GitHubOIDCProviderArn,
	}, pulumi.Provider(p.Primary))
	if err != nil {
		return err
	}
	admins := map[string]pulumi.StringInput{
		"ci-deploy":     env.CI.RoleArns["deploy"],
		"ci-helm-apply": env.CI.HelmApplyRoleArn,
	}
	for _, arn := range cfg.EKS.AdminRoleArns {
		admins[accessEntryLabel(arn)] = pulumi.String(arn)
	}
	env.Cluster, err = cluster.New(ctx, "cluster", cluster.Args{
		NamePrefix:            cfg.Prefix(),
		Region:                cfg.Regions.Primary,
		AccountID:             cfg.AccountID,
		Version:               cfg.EKS.Version,
		VpcID:                 env.Network.VpcID,
		ControlPlaneSubnetIDs: env.Network.PrivateSubnetIDs,
		K8sSubnetIDs:          env.Network.K8sSubnetIDs,
		NodeEgress:            env.Network.Egress,
		KmsKeyArn:             env.Keys.MainKeyArn,
		LogRetentionDays:      cfg.LogRetentionDays,
		NodeGroup: cluster.NodeGroup{InstanceType: cfg.EKS.InstanceType, DesiredSize: cfg.EKS.DesiredSize,
			MinSize: cfg.EKS.MinSize, MaxSize: cfg.EKS.MaxSize, ApplyDesiredSize: cfg.EKS.ApplyDesiredSize},
		ServiceAccounts: env.serviceAccounts(),
		AdminRoleArns:   admins,
		Protect:         cfg.Protect(),
	}, pulumi.Provider(p.Primary))
	return err
}

// serviceAccounts are the application's IAM roles for service accounts, each allowed only what
// its workload touches.
func (env *Environment) serviceAccounts() map[string]cluster.ServiceAccountAccess {
	var queueArns pulumi.StringArray
	for _, name := range sortedKeys(env.Queues.Queues) {
		queueArns = append(queueArns, env.Queues.Queues[name].Arn)
	}
	s := env.Storage
	key := pulumi.StringArray{env.Keys.MainKeyArn}
	secretsPattern := pulumi.Sprintf("arn:aws:secretsmanager:%s:%s:secret:MANIFEST_*", env.Config.Regions.Primary, env.Config.AccountID)
	identities, emailSets := env.Config.sendingArns()
	return map[string]cluster.ServiceAccountAccess{
		"api": {Namespace: appNamespace, ServiceAccount: "notify-api", SendQueueArns: queueArns, ConsumeQueueArns: queueArns,
			ReadBucketArns:  pulumi.StringArray{s.CsvUploadBucket.Arn, s.ReportsBucket.Arn, s.GcOrganisationsBucket.Arn},
			WriteBucketArns: pulumi.StringArray{s.CsvUploadBucket.Arn, s.ReportsBucket.Arn}, KmsKeyArns: key, SendSMS: true,
			PublishTopicArns:      pulumi.StringArray{env.Topics.SesCallbackTopicArn},
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

// composeDataStores builds the database, the caches and their backups. They accept the
// cluster's node and control-plane security groups, so they are created alongside the cluster
// rather than after it.
func (env *Environment) composeDataStores(ctx *pulumi.Context) error {
	cfg, p := env.Config, env.Providers
	primary := pulumi.Provider(p.Primary)
	clients := map[string]pulumi.StringInput{
		"eks-nodes":   env.Cluster.NodeSecurityGroupID,
		"eks-cluster": env.Cluster.ClusterSecurityGroupID,
	}
	// system_status queries the database (through the proxy's read-only endpoint) from inside
	// the VPC; it reads no cache, so the caches do not admit it (docs/design.md).
	databaseClients := map[string]pulumi.StringInput{"lambda-vpc": env.Functions.SecurityGroupID}
	toolDatabase, toolCache := env.toolClients()
	for _, set := range []map[string]pulumi.StringInput{clients, toolDatabase} {
		for k, v := range set {
			databaseClients[k] = v
		}
	}
	cacheClients := map[string]pulumi.StringInput{}
	for _, set := range []map[string]pulumi.StringInput{clients, toolCache} {
		for k, v := range set {
			cacheClients[k] = v
		}
	}
	var err error
	env.Database, err = database.New(ctx, "database", database.Args{
		NamePrefix: cfg.Prefix(), Region: cfg.Regions.Primary,
		EngineVersion: cfg.Database.EngineVersion, InstanceClass: cfg.Database.InstanceClass,
		Instances: cfg.Database.Instances, AvailabilityZones: cfg.Network.AvailabilityZones,
		SnapshotIdentifier: cfg.Database.SnapshotIdentifier, AllowMajorVersionUpgrade: cfg.Database.AllowMajorVersionUpgrade,
		DatabaseName: AppDatabaseName, AppUser: &database.AppUser{Name: AppDatabaseUser},
		VpcID: env.Network.VpcID, SubnetIDs: env.Network.PrivateSubnetIDs,
		ClientSecurityGroups: databaseClients, KmsKeyArn: env.Keys.MainKeyArn, LogRetentionDays: cfg.LogRetentionDays,
		AlertTopicArn:      env.Topics.AlertGeneralTopicArn,
		DeletionProtection: &cfg.DeletionProtection, Protect: cfg.Protect(),
	}, primary)
	if err != nil {
		return err
	}
	env.Cache, err = cache.New(ctx, "cache", cache.Args{
		Environment: cfg.Environment, NamePrefix: cfg.Prefix(),
		NodeType: cfg.Cache.NodeType, Nodes: cfg.Cache.Nodes,
		VpcID: env.Network.VpcID, SubnetIDs: env.Network.PrivateSubnetIDs,
		ClientSecurityGroups: cacheClients, KmsKeyArn: env.Keys.MainKeyArn, LogKmsKeyArn: env.Keys.MainKeyArn,
		// No AlertTopicArn: ElastiCache cannot publish to a KMS-encrypted topic, and every topic
		// here is encrypted. Failovers and node replacements show in the cache alarms instead.
		LogRetentionDays: cfg.LogRetentionDays, Protect: cfg.Protect(),
	}, primary)
	if err != nil {
		return err
	}
	env.Backup, err = backup.New(ctx, "backup", backup.Args{
		NamePrefix: cfg.Prefix(), KmsKeyArn: env.Keys.BackupKeyArn,
		SecondaryProvider: p.Backup, SecondaryKmsKeyArn: env.Keys.BackupSecondaryKeyArn,
		DatabaseClusterArn: env.Database.ClusterArn, AlertTopicArn: env.Topics.AlertGeneralTopicArn,
		VaultLock: cfg.Features.BackupVaultLock, ForceDestroy: cfg.Ephemeral, Protect: cfg.Protect(),
	}, primary)
	return err
}
