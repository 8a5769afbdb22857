package stacks

import (
	"fmt"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/clientvpn"
	"github.com/cds-snc/notification-pulumi/components/databasetools"
	"github.com/cds-snc/notification-pulumi/components/dns"
	"github.com/cds-snc/notification-pulumi/components/network"
	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/components/reviewapps"
)

// blazerRepository is the Blazer image's repository, in the primary region.
const blazerRepository = "database-tools/blazer"

// adminRepository is the admin's image repository, which the review apps run.
const adminRepository = "notify/admin"

// Tools are what operators and the support team reach the private estate with; each is nil
// where the configuration turns it off.
type Tools struct {
	ClientVPN     *clientvpn.ClientVPN
	DatabaseTools *databasetools.DatabaseTools
	ReviewApps    *reviewapps.ReviewApps
}

// composeTools builds the Client VPN, Blazer and the admin's review apps. They come before the
// data stores, which admit their security groups.
func composeTools(ctx *pulumi.Context, cfg Config, p Providers, place placement.Placement, core Core, net *network.Network,
	compute Compute, zone *dns.DNS) (Tools, error) {
	primary := pulumi.Provider(p.Primary)
	first := net.PrivateSubnetIDs.Index(pulumi.Int(0))
	var t Tools
	var err error
	if cfg.ClientVPN.On() {
		t.ClientVPN, err = clientvpn.New(ctx, "clientvpn", clientvpn.Args{
			NamePrefix: cfg.Prefix(), VpcID: net.VpcID, VpcCidr: cfg.Network.VpcCidr, SubnetID: first,
			ServerCertificateArn:       zone.AlbCertificateArn,
			SAMLProviderArn:            cfg.SAMLProviderArn(cfg.ClientVPN.SAMLProviderName),
			SelfServiceSAMLProviderArn: cfg.SAMLProviderArn(cfg.ClientVPN.SelfServiceSAMLProviderName),
			AccessGroupID:              cfg.ClientVPN.AccessGroupID, ClientCidr: cfg.ClientVPN.ClientCidr,
			ClusterSecurityGroupID: compute.Cluster.ClusterSecurityGroupID,
			LogRetentionDays:       cfg.LogRetentionDays, LogKmsKeyArn: core.Keys.MainKeyArn,
		}, primary)
		if err != nil {
			return t, err
		}
	}
	repos := compute.Registry.ARNs[cfg.Regions.Primary]
	urls := compute.Registry.URLs[cfg.Regions.Primary]
	if cfg.DatabaseTools.On() {
		t.DatabaseTools, err = databasetools.New(ctx, "databasetools", databasetools.Args{
			NamePrefix: cfg.Prefix(), Region: cfg.Regions.Primary, BaseURL: "https://" + cfg.Domain,
			VpcID: net.VpcID, VpcCidr: cfg.Network.VpcCidr, SubnetIDs: net.PrivateSubnetIDs,
			RepositoryURL: urls[blazerRepository], RepositoryArn: repos[blazerRepository], ImageTag: cfg.DatabaseTools.ImageTag,
			KmsKeyArn: core.Keys.MainKeyArn, LogRetentionDays: cfg.LogRetentionDays,
			AlarmTopicArn:         core.Topics.AlertWarningTopicArn,
			DatabaseInstanceClass: cfg.DatabaseTools.InstanceClass,
			DeletionProtection:    cfg.DeletionProtection, Protect: cfg.Protect(),
		}, primary)
		if err != nil {
			return t, err
		}
	}
	if cfg.Features.AdminReviewApps {
		admin, ok := repos[adminRepository]
		if !ok {
			return t, fmt.Errorf("features.adminReviewApps: the %s repository is not built in %s", adminRepository, cfg.Environment)
		}
		t.ReviewApps, err = reviewapps.New(ctx, "reviewapps", reviewapps.Args{
			Placement: place,
			VpcID:     net.VpcID, VpcCidr: cfg.Network.VpcCidr, AdminRepositoryArn: admin,
			CsvUploadBucketArn: core.Storage.CsvUploadBucket.Arn, KmsKeyArn: core.Keys.MainKeyArn,
		}, primary)
		if err != nil {
			return t, err
		}
	}
	return t, nil
}

// clients are the tools' security groups the database admits (Blazer, operators over the
// VPN) and those the caches admit (the review apps read Redis).
func (t Tools) clients() (database, cache map[string]pulumi.StringInput) {
	database, cache = map[string]pulumi.StringInput{}, map[string]pulumi.StringInput{}
	if t.DatabaseTools != nil {
		database["database-tools"] = t.DatabaseTools.SecurityGroupID
	}
	if t.ClientVPN != nil {
		database["client-vpn"] = t.ClientVPN.SecurityGroupID
	}
	if t.ReviewApps != nil {
		cache["admin-pr-review"] = t.ReviewApps.SecurityGroupID
	}
	return database, cache
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
