package stacks

import (
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/cdn"
	"github.com/cds-snc/notification-pulumi/components/functions"
	"github.com/cds-snc/notification-pulumi/components/loadbalancer"
	"github.com/cds-snc/notification-pulumi/components/monitoring"
	"github.com/cds-snc/notification-pulumi/components/queues"
	"github.com/cds-snc/notification-pulumi/components/storage"
	"github.com/cds-snc/notification-pulumi/components/topics"
	"github.com/cds-snc/notification-pulumi/components/waf"
)

// composeEdge builds the load balancers, their web ACLs and the CDN.
func (env *Environment) composeEdge(ctx *pulumi.Context) error {
	cfg, p := env.Config, env.Providers
	primary := pulumi.Provider(p.Primary)
	var err error
	env.LoadBalancer, err = loadbalancer.New(ctx, "loadbalancer", loadbalancer.Args{
		NamePrefix: cfg.Prefix(), Environment: cfg.Environment, Domain: cfg.Domain,
		VpcID: env.Network.VpcID, VpcCidr: cfg.Network.VpcCidr,
		PublicSubnetIDs: env.Network.PublicSubnetIDs, PrivateSubnetIDs: env.Network.PrivateSubnetIDs,
		CertificateArn:   env.DNS.AlbCertificateArn,
		AccessLogsBucket: env.Storage.AlbLogsBucket.PolicyReadyName,
		AllowDeletion:    !cfg.DeletionProtection,
		Exposure: loadbalancer.Exposure{TargetSecurityGroupID: env.Cluster.NodeSecurityGroupID,
			ZoneID: env.DNS.ZoneID, DNSProvider: p.DNS, OverwriteApex: cfg.Existing.DNSRecords,
			PrivateZoneID: env.DNS.PrivateZoneID, PrivateZoneName: env.DNS.PrivateZoneName},
	}, primary)
	if err != nil {
		return err
	}
	env.WAF, err = waf.New(ctx, "waf", waf.Args{
		NamePrefix: cfg.Prefix(), LoadBalancerArn: env.LoadBalancer.Arn,
		NewRuleMode: waf.Mode(cfg.WAFNewRuleMode), BlockedIPv4Cidrs: cfg.WAF.BlockedCidrs,
		LogRetentionDays: cfg.LogRetentionDays, LogKmsKeyArn: env.Keys.MainKeyArn,
		CloudFrontProvider: p.Email, CloudFrontLogKmsKeyArn: env.Keys.EmailRegionKeyArn,
	}, primary)
	if err != nil {
		return err
	}
	env.CDN, err = cdn.New(ctx, "cdn", cdn.Args{
		NamePrefix: cfg.Prefix(), Domain: cfg.Domain,
		AssetBucketArn: env.Storage.AssetBucket.Arn, AssetBucketRegionalDomainName: env.Storage.AssetBucket.RegionalDomainName,
		CertificateArn: env.DNS.CloudFrontCertificateArn, WebAclArn: env.WAF.CloudFrontWebACLArn,
		ZoneID: env.DNS.ZoneID, DNSProvider: p.DNS, ForceDestroy: cfg.ForceDestroy, Protect: cfg.Protect(),
	}, primary)
	return err
}

// composeOperations builds the alarms, dashboards and budget.
func (env *Environment) composeOperations(ctx *pulumi.Context) error {
	cfg, p := env.Config, env.Providers
	primary := pulumi.Provider(p.Primary)
	// The primary region's queues and their dead-letter queues: the us-west-2 delivery-receipts
	// queue's metrics exist only in us-west-2, where no alarm of this component lives.
	var queueNames []string
	west := env.Queues.UsDeliveryReceipts.Name
	for _, set := range []map[string]queues.Queue{env.Queues.Queues, env.Queues.DeadLetterQueues} {
		for _, key := range sortedKeys(set) {
			if key != "usdelivery-receipts" && set[key].Name != west {
				queueNames = append(queueNames, set[key].Name)
			}
		}
	}
	suffixes := map[string]pulumi.StringInput{}
	for key, s := range env.LoadBalancer.TargetGroupArnSuffixes {
		if key != loadbalancer.TargetInternalNginx {
			suffixes[key] = s
		}
	}
	var lambdas []string
	for _, s := range functions.Catalog() {
		if slices.Contains(s.Regions, functions.RegionPrimary) {
			lambdas = append(lambdas, s.Name)
		}
	}
	severities := env.Topics.AlarmTopicArns[cfg.Regions.Primary]
	var err error
	env.Monitoring, err = monitoring.New(ctx, "monitoring", monitoring.Args{
		NamePrefix: cfg.Prefix(), Region: cfg.Regions.Primary, ClusterName: cfg.ClusterName(),
		LogRetentionDays: cfg.LogRetentionDays, LogKmsKeyArn: env.Keys.MainKeyArn,
		OkTopicArn: severities[topics.OK], WarningTopicArn: severities[topics.Warning], CriticalTopicArn: severities[topics.Critical],
		GeneralTopicArn: env.Topics.AlertGeneralTopicArn,
		Queues:          queueNames, DatabaseInstances: env.Database.InstanceIdentifiers,
		DatabaseInstanceClass:  cfg.Database.InstanceClass,
		CacheReplicationGroups: []string{env.Cache.Main.ID, env.Cache.Queue.ID}, CacheNodes: cfg.Cache.Nodes,
		SMSSpendLimitUSD:      cfg.Budget.SMSMonthlySpendLimitUSD,
		LoadBalancerArnSuffix: env.LoadBalancer.ArnSuffix, TargetGroupArnSuffixes: suffixes,
		LambdaFunctions: lambdas, BudgetMonthlyUSD: cfg.Budget.MonthlyUSD, BudgetEmails: cfg.Alerts.Emails,
		SkipSecurityHub: cfg.Existing.SecurityHub,
		BucketSizeWarningsGiB: map[string]float64{
			cfg.Prefix() + "-" + storage.DocumentDownload: cfg.Alarms.DocumentDownloadBucketSizeGiB},
	}, primary)
	if err != nil {
		return err
	}
	return err
}
