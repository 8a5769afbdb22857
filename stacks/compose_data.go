package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/backup"
	"github.com/cds-snc/notification-pulumi/components/cache"
	"github.com/cds-snc/notification-pulumi/components/database"
	"github.com/cds-snc/notification-pulumi/components/eks"
	"github.com/cds-snc/notification-pulumi/components/functions"
	"github.com/cds-snc/notification-pulumi/components/network"
)

// Data is the database, the caches and their backups.
type Data struct {
	Database *database.Database
	Cache    *cache.Cache
	Backup   *backup.Backup
}

// composeData builds the database, the caches and their backups. They admit the cluster's node
// and control-plane security groups, the VPC functions' (the database only) and the tools'.
func composeData(ctx *pulumi.Context, cfg Config, p Providers, core Core, net *network.Network,
	k8s *eks.Cluster, fns *functions.Functions, tools Tools) (Data, error) {
	primary := pulumi.Provider(p.Primary)
	clients := map[string]pulumi.StringInput{
		"eks-nodes":   k8s.NodeSecurityGroupID,
		"eks-cluster": k8s.ClusterSecurityGroupID,
	}
	// system_status queries the database (through the proxy's read-only endpoint) from inside
	// the VPC; it reads no cache, so the caches do not admit it (docs/design.md).
	databaseClients := map[string]pulumi.StringInput{"lambda-vpc": fns.SecurityGroupID}
	toolDatabase, toolCache := tools.clients()
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
	var d Data
	var err error
	d.Database, err = database.New(ctx, "database", database.Args{
		NamePrefix: cfg.Prefix(), Region: cfg.Regions.Primary,
		EngineVersion: cfg.Database.EngineVersion, InstanceClass: cfg.Database.InstanceClass,
		Instances: cfg.Database.Instances, AvailabilityZones: cfg.Network.AvailabilityZones,
		SnapshotIdentifier: cfg.Database.SnapshotIdentifier, AllowMajorVersionUpgrade: cfg.Database.AllowMajorVersionUpgrade,
		DatabaseName: AppDatabaseName, AppUser: &database.AppUser{Name: AppDatabaseUser},
		VpcID: net.VpcID, SubnetIDs: net.PrivateSubnetIDs,
		ClientSecurityGroups: databaseClients, KmsKeyArn: core.Keys.MainKeyArn, LogRetentionDays: cfg.LogRetentionDays,
		AlertTopicArn:      core.Topics.AlertGeneralTopicArn,
		DeletionProtection: &cfg.DeletionProtection, Protect: cfg.Protect(),
	}, primary)
	if err != nil {
		return d, err
	}
	d.Cache, err = cache.New(ctx, "cache", cache.Args{
		Environment: cfg.Environment, NamePrefix: cfg.Prefix(),
		NodeType: cfg.Cache.NodeType, Nodes: cfg.Cache.Nodes,
		VpcID: net.VpcID, SubnetIDs: net.PrivateSubnetIDs,
		ClientSecurityGroups: cacheClients, KmsKeyArn: core.Keys.MainKeyArn, LogKmsKeyArn: core.Keys.MainKeyArn,
		// No AlertTopicArn: ElastiCache cannot publish to a KMS-encrypted topic, and every topic
		// here is encrypted. Failovers and node replacements show in the cache alarms instead.
		LogRetentionDays: cfg.LogRetentionDays, Protect: cfg.Protect(),
	}, primary)
	if err != nil {
		return d, err
	}
	d.Backup, err = backup.New(ctx, "backup", backup.Args{
		NamePrefix: cfg.Prefix(), KmsKeyArn: core.Keys.BackupKeyArn,
		SecondaryProvider: p.Backup, SecondaryKmsKeyArn: core.Keys.BackupSecondaryKeyArn,
		DatabaseClusterArn: d.Database.ClusterArn, AlertTopicArn: core.Topics.AlertGeneralTopicArn,
		VaultLock: cfg.Features.BackupVaultLock, ForceDestroy: cfg.Ephemeral, Protect: cfg.Protect(),
	}, primary)
	return d, err
}
