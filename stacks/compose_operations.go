package stacks

import (
	"maps"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/functions"
	"github.com/cds-snc/notification-pulumi/components/loadbalancer"
	"github.com/cds-snc/notification-pulumi/components/monitoring"
	"github.com/cds-snc/notification-pulumi/components/queues"
	"github.com/cds-snc/notification-pulumi/components/storage"
	"github.com/cds-snc/notification-pulumi/components/topics"
)

// composeOperations builds the alarms, dashboards and budget.
func composeOperations(ctx *pulumi.Context, cfg Config, p Providers, core Core, data Data,
	lb *loadbalancer.LoadBalancer) (*monitoring.Monitoring, error) {
	primary := pulumi.Provider(p.Primary)
	// The primary region's queues and their dead-letter queues: the us-west-2 delivery-receipts
	// queue's metrics exist only in us-west-2, where no alarm of this component lives.
	var watched []monitoring.WatchedQueue
	west := core.Queues.UsDeliveryReceipts.Name
	for _, set := range []map[string]queues.Queue{core.Queues.Queues, core.Queues.DeadLetterQueues} {
		for _, key := range slices.Sorted(maps.Keys(set)) {
			if q := set[key]; key != "usdelivery-receipts" && q.Name != west {
				watched = append(watched, monitoring.WatchedQueue{Name: q.Name, Class: q.Class})
			}
		}
	}
	suffixes := map[string]pulumi.StringInput{}
	for key, s := range lb.TargetGroupArnSuffixes {
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
	severities := core.Topics.AlarmTopicArns[cfg.Regions.Primary]
	return monitoring.New(ctx, "monitoring", monitoring.Args{
		NamePrefix: cfg.Prefix(), Region: cfg.Regions.Primary, ClusterName: cfg.ClusterName(),
		LogRetentionDays: cfg.LogRetentionDays, LogKmsKeyArn: core.Keys.MainKeyArn,
		OkTopicArn: severities[topics.OK], WarningTopicArn: severities[topics.Warning], CriticalTopicArn: severities[topics.Critical],
		GeneralTopicArn: core.Topics.AlertGeneralTopicArn,
		Watched: monitoring.Watched{
			Queues: watched, DatabaseInstances: data.Database.InstanceIdentifiers,
			DatabaseInstanceClass:  cfg.Database.InstanceClass,
			CacheReplicationGroups: []string{data.Cache.Main.ID, data.Cache.Queue.ID}, CacheNodes: cfg.Cache.Nodes,
			SMSSpendLimitUSD: cfg.Budget.SMSMonthlySpendLimitUSD,
			LambdaFunctions:  lambdas,
			BucketSizeWarningsGiB: map[string]float64{
				cfg.Prefix() + "-" + storage.DocumentDownload: cfg.Alarms.DocumentDownloadBucketSizeGiB},
		},
		LoadBalancerArnSuffix: lb.ArnSuffix, TargetGroupArnSuffixes: suffixes,
		BudgetMonthlyUSD: cfg.Budget.MonthlyUSD, BudgetEmails: cfg.Alerts.Emails,
		SkipSecurityHub: cfg.Existing.SecurityHub,
	}, primary)
}
