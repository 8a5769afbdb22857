package stacks

import (
	"fmt"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/athena"
	"github.com/cds-snc/notification-pulumi/components/clientvpn"
	"github.com/cds-snc/notification-pulumi/components/databasetools"
	"github.com/cds-snc/notification-pulumi/components/reviewapps"
)

// blazerRepository is the Blazer image's repository, in the primary region.
const blazerRepository = "database-tools/blazer"

// adminRepository is the admin's image repository, which the review apps run.
const adminRepository = "notify/admin"

// composeTools builds what operators and the support team reach the private estate with: the
// Client VPN, Blazer and the admin's review apps. They come before the data stores, which admit
// their security groups.
func (env *Environment) composeTools(ctx *pulumi.Context) error {
	cfg, p := env.Config, env.Providers
	primary := pulumi.Provider(p.Primary)
	first := env.Network.PrivateSubnetIDs.Index(pulumi.Int(0))
	var err error
	if cfg.ClientVPN.On() {
		env.ClientVPN, err = clientvpn.New(ctx, "clientvpn", clientvpn.Args{
			NamePrefix: cfg.Prefix(), VpcID: env.Network.VpcID, VpcCidr: cfg.Network.VpcCidr, SubnetID: first,
			ServerCertificateArn:       env.DNS.AlbCertificateArn,
			SAMLProviderArn:            cfg.SAMLProviderArn(cfg.ClientVPN.SAMLProviderName),
			SelfServiceSAMLProviderArn: cfg.SAMLProviderArn(cfg.ClientVPN.SelfServiceSAMLProviderName),
			AccessGroupID:              cfg.ClientVPN.AccessGroupID, ClientCidr: cfg.ClientVPN.ClientCidr,
			ClusterSecurityGroupID: env.Cluster.ClusterSecurityGroupID,
			LogRetentionDays:       cfg.LogRetentionDays, LogKmsKeyArn: env.Keys.MainKeyArn,
		}, primary)
		if err != nil {
			return err
		}
	}
	repos := env.Registry.ARNs[cfg.Regions.Primary]
	urls := env.Registry.URLs[cfg.Regions.Primary]
	if cfg.DatabaseTools.On() {
		env.DatabaseTools, err = databasetools.New(ctx, "databasetools", databasetools.Args{
			NamePrefix: cfg.Prefix(), Region: cfg.Regions.Primary, BaseURL: "https://" + cfg.Domain,
			VpcID: env.Network.VpcID, VpcCidr: cfg.Network.VpcCidr, SubnetIDs: env.Network.PrivateSubnetIDs,
			RepositoryURL: urls[blazerRepository], RepositoryArn: repos[blazerRepository], ImageTag: cfg.DatabaseTools.ImageTag,
			KmsKeyArn: env.Keys.MainKeyArn, LogRetentionDays: cfg.LogRetentionDays,
			AlarmTopicArn:         env.Topics.AlertWarningTopicArn,
			DatabaseInstanceClass: cfg.DatabaseTools.InstanceClass,
			DeletionProtection:    cfg.DeletionProtection, Protect: cfg.Protect(),
		}, primary)
		if err != nil {
			return err
		}
	}
	if cfg.Features.AdminReviewApps {
		admin, ok := repos[adminRepository]
		if !ok {
			return fmt.Errorf("features.adminReviewApps: the %s repository is not built in %s", adminRepository, cfg.Environment)
		}
		env.ReviewApps, err = reviewapps.New(ctx, "reviewapps", reviewapps.Args{
			NamePrefix: cfg.Prefix(), AccountID: cfg.AccountID, Region: cfg.Regions.Primary,
			VpcID: env.Network.VpcID, VpcCidr: cfg.Network.VpcCidr, AdminRepositoryArn: admin,
			CsvUploadBucketArn: env.Storage.CsvUploadBucket.Arn, KmsKeyArn: env.Keys.MainKeyArn,
		}, primary)
		if err != nil {
			return err
		}
	}
	return nil
}

// toolClients are the tools' security groups the database admits (Blazer, operators over the
// VPN) and those the caches admit (the review apps read Redis).
func (env *Environment) toolClients() (database, cache map[string]pulumi.StringInput) {
	database, cache = map[string]pulumi.StringInput{}, map[string]pulumi.StringInput{}
	if env.DatabaseTools != nil {
		database["database-tools"] = env.DatabaseTools.SecurityGroupID
	}
	if env.ClientVPN != nil {
		database["client-vpn"] = env.ClientVPN.SecurityGroupID
	}
	if env.ReviewApps != nil {
		cache["admin-pr-review"] = env.ReviewApps.SecurityGroupID
	}
	return database, cache
}

// composeAthena builds the work groups, tables and saved queries over the Athena and load
// balancer logs buckets.
func (env *Environment) composeAthena(ctx *pulumi.Context) error {
	cfg := env.Config
	var err error
	env.Athena, err = athena.New(ctx, "athena", athena.Args{
		NamePrefix: cfg.Prefix(), AccountID: cfg.AccountID, Region: cfg.Regions.Primary,
		ResultsBucket: env.Storage.AthenaBucket.Name, AlbLogsBucket: env.Storage.AlbLogsBucket.Name,
		KmsKeyArn:                  env.Keys.MainKeyArn,
		BytesScannedCutoffPerQuery: cfg.Athena.BytesScannedCutoffGiB << 30, ForceDestroy: cfg.ForceDestroy,
	}, pulumi.Provider(env.Providers.Primary))
	return err
}

// toolRepositories are the primary region's repositories of the tools' images.
func (c Config) toolRepositories() []string {
	if c.DatabaseTools.On() {
		return []string{blazerRepository}
	}
	return nil
}

// reviewAppsAllowed reports whether the admin's image, which the review apps run, is built here.
func (c Config) reviewAppsAllowed() bool {
	return slices.Contains(c.appRepositories(), adminRepository)
}
