package database

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// Event categories sent to the alert topic: what an operator acts on, not routine backups.
var (
	ClusterEventCategories  = []string{"deletion", "failover", "failure", "maintenance", "notification"}
	InstanceEventCategories = []string{"availability", "deletion", "failover", "failure", "low storage", "maintenance", "notification", "recovery"}
)

type securityGroups struct{ cluster, proxy *ec2.SecurityGroup }

// securityGroups gives the cluster and the proxy security groups of their own, so no data
// store depends on the EKS cluster existing. PostgreSQL is reachable from the client groups on
// both, and from the proxy on the cluster; the proxy may only talk PostgreSQL to the cluster.
func (d *Database) securityGroups(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) (securityGroups, error) {
	group := func(role, physical, description string) (*ec2.SecurityGroup, error) {
		return ec2.NewSecurityGroup(ctx, name+"-"+role+"-sg", &ec2.SecurityGroupArgs{
			Name:        pulumi.String(physical),
			Description: pulumi.String(description),
			VpcId:       args.VpcID,
			Tags:        tagging.Named(physical),
		}, child...)
	}
	var sgs securityGroups
	var err error
	if sgs.cluster, err = group("cluster", args.NamePrefix+"-database", "Aurora PostgreSQL cluster: PostgreSQL from the proxy and the clients"); err != nil {
		return sgs, fmt.Errorf("database cluster security group: %w", err)
	}
	if sgs.proxy, err = group("proxy", args.NamePrefix+"-database-proxy", "RDS Proxy: PostgreSQL from the clients, to the cluster"); err != nil {
		return sgs, fmt.Errorf("database proxy security group: %w", err)
	}
	d.SecurityGroupID = sgs.cluster.ID().ToStringOutput()
	d.ProxySecurityGroupID = sgs.proxy.ID().ToStringOutput()

	ingress := func(logical string, target *ec2.SecurityGroup, from pulumi.StringInput, description string) error {
		_, err := vpc.NewSecurityGroupIngressRule(ctx, logical, &vpc.SecurityGroupIngressRuleArgs{
			SecurityGroupId:           target.ID(),
			ReferencedSecurityGroupId: from,
			IpProtocol:                pulumi.String("tcp"),
			FromPort:                  pulumi.Int(Port),
			ToPort:                    pulumi.Int(Port),
			Description:               pulumi.String(description),
			Tags:                      tagging.Named(args.NamePrefix + strings.TrimPrefix(logical, name)),
		}, child...)
		return err
	}
	clients := make([]string, 0, len(args.ClientSecurityGroups))
	for key := range args.ClientSecurityGroups {
		clients = append(clients, key)
	}
	sort.Strings(clients)
	for _, key := range clients {
		from := args.ClientSecurityGroups[key]
		if err := ingress(name+"-cluster-from-"+key, sgs.cluster, from, "PostgreSQL from "+key); err != nil {
			return sgs, fmt.Errorf("database cluster rule from %s: %w", key, err)
		}
		if err := ingress(name+"-proxy-from-"+key, sgs.proxy, from, "PostgreSQL from "+key); err != nil {
			return sgs, fmt.Errorf("database proxy rule from %s: %w", key, err)
		}
	}
	if err := ingress(name+"-cluster-from-proxy", sgs.cluster, sgs.proxy.ID(), "PostgreSQL from the RDS Proxy"); err != nil {
		return sgs, fmt.Errorf("database cluster rule from proxy: %w", err)
	}
	if _, err := vpc.NewSecurityGroupEgressRule(ctx, name+"-proxy-to-cluster", &vpc.SecurityGroupEgressRuleArgs{
		SecurityGroupId:           sgs.proxy.ID(),
		ReferencedSecurityGroupId: sgs.cluster.ID(),
		IpProtocol:                pulumi.String("tcp"),
		FromPort:                  pulumi.Int(Port),
		ToPort:                    pulumi.Int(Port),
		Description:               pulumi.String("PostgreSQL to the cluster"),
		Tags:                      tagging.Named(args.NamePrefix + "-proxy-to-cluster"),
	}, child...); err != nil {
		return sgs, fmt.Errorf("database proxy rule to cluster: %w", err)
	}
	return sgs, nil
}

// cluster creates the subnet group, the parameter group, the cluster and its instances.
func (d *Database) cluster(ctx *pulumi.Context, name string, args Args, members []Member, sgs securityGroups,
	child, stateful []pulumi.ResourceOption) (*rds.Cluster, []pulumi.Resource, error) {
	subnets, err := rds.NewSubnetGroup(ctx, name+"-subnets", &rds.SubnetGroupArgs{
		Name:        pulumi.String(args.NamePrefix + "-database"),
		Description: pulumi.String("Private subnets of the Aurora PostgreSQL cluster"),
		SubnetIds:   args.SubnetIDs,
		Tags:        tagging.Named(args.NamePrefix + "-database"),
	}, child...)
	if err != nil {
		return nil, nil, fmt.Errorf("database subnet group: %w", err)
	}
	family := "aurora-postgresql" + engineMajor(args.EngineVersion)
	var params rds.ClusterParameterGroupParameterArray
	for _, p := range args.Parameters {
		method := p.ApplyMethod
		if method == "" {
			method = "immediate"
		}
		params = append(params, rds.ClusterParameterGroupParameterArgs{
			Name: pulumi.String(p.Name), Value: pulumi.String(p.Value), ApplyMethod: pulumi.String(method),
		})
	}
	pg, err := rds.NewClusterParameterGroup(ctx, name+"-parameters", &rds.ClusterParameterGroupArgs{
		Name:        pulumi.String(args.NamePrefix + "-" + family),
		Family:      pulumi.String(family),
		Description: pulumi.String("GC Notify Aurora PostgreSQL cluster parameters"),
		Parameters:  params,
		Tags:        tagging.Named(args.NamePrefix + "-" + family),
	}, child...)
	if err != nil {
		return nil, nil, fmt.Errorf("database parameter group: %w", err)
	}

	// RDS creates the export's log group on first use, never expiring and unencrypted; created
	// first, it has the environment's retention and key.
	logPath := "/aws/rds/cluster/" + args.clusterIdentifier() + "/postgresql"
	logs, err := cloudwatch.NewLogGroup(ctx, name+"-postgresql-log", &cloudwatch.LogGroupArgs{
		Name:            pulumi.String(logPath),
		RetentionInDays: pulumi.Int(args.LogRetentionDays),
		KmsKeyId:        args.LogKmsKeyArn,
		Tags:            tagging.Named(logPath),
	}, child...)
	if err != nil {
		return nil, nil, fmt.Errorf("database log group: %w", err)
	}

	ca := &rds.ClusterArgs{
		ClusterIdentifier:            pulumi.String(args.clusterIdentifier()),
		Engine:                       pulumi.String("aurora-postgresql"),
		EngineVersion:                pulumi.String(args.EngineVersion),
		Port:                         pulumi.Int(Port),
		DbSubnetGroupName:            subnets.Name,
		DbClusterParameterGroupName:  pg.Name,
		VpcSecurityGroupIds:          pulumi.StringArray{sgs.cluster.ID()},
		StorageEncrypted:             pulumi.Bool(true),
		KmsKeyId:                     args.KmsKeyArn,
		ManageMasterUserPassword:     pulumi.Bool(true),
		MasterUserSecretKmsKeyId:     args.KmsKeyArn,
		BackupRetentionPeriod:        pulumi.Int(args.BackupRetentionDays),
		PreferredBackupWindow:        pulumi.String(args.BackupWindow),
		PreferredMaintenanceWindow:   pulumi.String(args.MaintenanceWindow),
		CopyTagsToSnapshot:           pulumi.Bool(true),
		DeletionProtection:           pulumi.Bool(*args.DeletionProtection),
		SkipFinalSnapshot:            pulumi.Bool(args.skipFinalSnapshot()),
		EnabledCloudwatchLogsExports: pulumi.ToStringArray([]string{"postgresql"}),
		Tags:                         tagging.Named(args.clusterIdentifier()),
	}
	if !args.skipFinalSnapshot() {
		ca.FinalSnapshotIdentifier = pulumi.String(args.FinalSnapshotIdentifier)
	}
	if args.SnapshotIdentifier != "" {
		ca.SnapshotIdentifier = pulumi.String(args.SnapshotIdentifier)
	} else {
		ca.DatabaseName = pulumi.String(args.DatabaseName)
		ca.MasterUsername = pulumi.String(args.MasterUsername)
	}
	// The snapshot, database name and master user only matter at creation: changing them later
	// must never replace the cluster. AWS owns the minor version (see AllowMajorVersionUpgrade).
	ignored := []string{"snapshotIdentifier", "databaseName", "masterUsername"}
	if args.AllowMajorVersionUpgrade {
		ca.AllowMajorVersionUpgrade = pulumi.Bool(true)
	} else {
		ignored = append(ignored, "engineVersion")
	}
	clusterOpts := append(append([]pulumi.ResourceOption{}, stateful...),
		pulumi.IgnoreChanges(ignored), pulumi.DependsOn([]pulumi.Resource{logs}))
	cluster, err := rds.NewCluster(ctx, name+"-cluster", ca, clusterOpts...)
	if err != nil {
		return nil, nil, fmt.Errorf("database cluster: %w", err)
	}
	d.ClusterArn = cluster.Arn
	d.Endpoint = cluster.Endpoint
	d.ReaderEndpoint = cluster.ReaderEndpoint
	// Read without indexing: a targeted up that skips the cluster leaves the list empty.
	d.MasterSecretArn = cluster.MasterUserSecrets.ApplyT(func(s []rds.ClusterMasterUserSecret) string {
		if len(s) == 0 || s[0].SecretArn == nil {
			return ""
		}
		return *s[0].SecretArn
	}).(pulumi.StringOutput)

	var instances []pulumi.Resource
	for _, m := range members {
		ia := &rds.ClusterInstanceArgs{
			Identifier:                         pulumi.String(m.Identifier),
			ClusterIdentifier:                  cluster.ID(),
			Engine:                             cluster.Engine,
			EngineVersion:                      cluster.EngineVersion,
			InstanceClass:                      pulumi.String(args.InstanceClass),
			DbSubnetGroupName:                  subnets.Name,
			PubliclyAccessible:                 pulumi.Bool(false),
			AutoMinorVersionUpgrade:            pulumi.Bool(true),
			PerformanceInsightsEnabled:         pulumi.Bool(true),
			PerformanceInsightsKmsKeyId:        args.KmsKeyArn,
			PerformanceInsightsRetentionPeriod: pulumi.Int(args.PerformanceInsightsRetentionDays),
			PreferredMaintenanceWindow:         pulumi.String(args.MaintenanceWindow),
			CopyTagsToSnapshot:                 pulumi.Bool(true),
			Tags:                               tagging.Named(m.Identifier),
		}
		if m.AvailabilityZone != "" {
			ia.AvailabilityZone = pulumi.String(m.AvailabilityZone)
		}
		instOpts := stateful
		if !args.AllowMajorVersionUpgrade {
			instOpts = append(append([]pulumi.ResourceOption{}, stateful...), pulumi.IgnoreChanges([]string{"engineVersion"}))
		}
		inst, err := rds.NewClusterInstance(ctx, name+"-"+m.Key, ia, instOpts...)
		if err != nil {
			return nil, nil, fmt.Errorf("database %s: %w", m.Key, err)
		}
		instances = append(instances, inst)
	}
	return cluster, instances, nil
}

// events subscribes the alert topic to the cluster's and the instances' events.
func (d *Database) events(ctx *pulumi.Context, name string, args Args, cluster *rds.Cluster, instances []pulumi.Resource,
	child []pulumi.ResourceOption) error {
	// A subscription names its sources, which must exist first.
	sources := pulumi.DependsOn(append([]pulumi.Resource{cluster}, instances...))
	for _, sub := range []struct {
		role, sourceType string
		categories       []string
		ids              pulumi.StringArrayInput
	}{
		{"cluster", "db-cluster", ClusterEventCategories, pulumi.StringArray{cluster.ClusterIdentifier}},
		{"instance", "db-instance", InstanceEventCategories, pulumi.ToStringArray(d.InstanceIdentifiers)},
	} {
		physical := args.NamePrefix + "-" + sub.role + "-events"
		if _, err := rds.NewEventSubscription(ctx, name+"-"+sub.role+"-events", &rds.EventSubscriptionArgs{
			Name:            pulumi.String(physical),
			SnsTopic:        args.AlertTopicArn,
			SourceType:      pulumi.String(sub.sourceType),
			SourceIds:       sub.ids,
			EventCategories: pulumi.ToStringArray(sub.categories),
			Tags:            tagging.Named(physical),
		}, append([]pulumi.ResourceOption{sources}, child...)...); err != nil {
			return fmt.Errorf("database %s event subscription: %w", sub.role, err)
		}
	}
	return nil
}
