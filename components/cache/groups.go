package cache

import (
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/elasticache"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// LogTypes are the logs each group delivers to CloudWatch Logs.
var LogTypes = []string{"slow-log", "engine-log"}

type sharedResources struct {
	securityGroup  *ec2.SecurityGroup
	subnetGroup    *elasticache.SubnetGroup
	parameterGroup *elasticache.ParameterGroup
}

// shared creates what both groups use: the security group (Valkey from the clients only, so
// the caches do not depend on the EKS cluster existing), the subnet group and the parameter
// group.
func (c *Cache) shared(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) (sharedResources, error) {
	var s sharedResources
	var err error
	physical := args.NamePrefix + "-cache"
	s.securityGroup, err = ec2.NewSecurityGroup(ctx, name+"-sg", &ec2.SecurityGroupArgs{
		Name:        pulumi.String(physical),
		Description: pulumi.String("Valkey replication groups: Valkey from the clients"),
		VpcId:       args.VpcID,
		Tags:        tagging.Named(physical),
	}, child...)
	if err != nil {
		return s, fmt.Errorf("cache security group: %w", err)
	}
	c.SecurityGroupID = s.securityGroup.ID().ToStringOutput()
	for _, key := range slices.Sorted(maps.Keys(args.ClientSecurityGroups)) {
		if _, err := vpc.NewSecurityGroupIngressRule(ctx, name+"-from-"+key, &vpc.SecurityGroupIngressRuleArgs{
			SecurityGroupId:           s.securityGroup.ID(),
			ReferencedSecurityGroupId: args.ClientSecurityGroups[key],
			IpProtocol:                pulumi.String("tcp"),
			FromPort:                  pulumi.Int(Port),
			ToPort:                    pulumi.Int(Port),
			Description:               pulumi.String("Valkey from " + key),
			Tags:                      tagging.Named(physical + "-from-" + key),
		}, child...); err != nil {
			return s, fmt.Errorf("cache rule from %s: %w", key, err)
		}
	}
	s.subnetGroup, err = elasticache.NewSubnetGroup(ctx, name+"-subnets", &elasticache.SubnetGroupArgs{
		Name:        pulumi.String(physical),
		Description: pulumi.String("Private subnets of the Valkey replication groups"),
		SubnetIds:   args.SubnetIDs,
		Tags:        tagging.Named(physical),
	}, child...)
	if err != nil {
		return s, fmt.Errorf("cache subnet group: %w", err)
	}
	family := ParameterFamily(args.EngineVersion)
	var params elasticache.ParameterGroupParameterArray
	for _, k := range slices.Sorted(maps.Keys(args.Parameters)) {
		params = append(params, elasticache.ParameterGroupParameterArgs{Name: pulumi.String(k), Value: pulumi.String(args.Parameters[k])})
	}
	s.parameterGroup, err = elasticache.NewParameterGroup(ctx, name+"-parameters", &elasticache.ParameterGroupArgs{
		Name:        pulumi.String(args.NamePrefix + "-" + family),
		Family:      pulumi.String(family),
		Description: pulumi.String("GC Notify Valkey parameters"),
		Parameters:  params,
		Tags:        tagging.Named(args.NamePrefix + "-" + family),
	}, child...)
	if err != nil {
		return s, fmt.Errorf("cache parameter group: %w", err)
	}
	return s, nil
}

// group creates one replication group and its log groups.
func (c *Cache) group(ctx *pulumi.Context, name, purpose string, args Args, s sharedResources, userGroupID pulumi.StringInput,
	child []pulumi.ResourceOption) (*Group, error) {
	id := GroupID(args.Environment, purpose)
	var logs elasticache.ReplicationGroupLogDeliveryConfigurationArray
	for _, logType := range LogTypes {
		path := "/aws/elasticache/" + id + "/" + logType
		lg, err := cloudwatch.NewLogGroup(ctx, name+"-"+purpose+"-"+logType, &cloudwatch.LogGroupArgs{
			Name:            pulumi.String(path),
			RetentionInDays: pulumi.Int(args.LogRetentionDays),
			KmsKeyId:        args.LogKmsKeyArn,
			Tags:            tagging.Named(path),
		}, child...)
		if err != nil {
			return nil, fmt.Errorf("cache %s %s log group: %w", purpose, logType, err)
		}
		logs = append(logs, elasticache.ReplicationGroupLogDeliveryConfigurationArgs{
			Destination:     lg.Name,
			DestinationType: pulumi.String("cloudwatch-logs"),
			LogFormat:       pulumi.String("json"),
			LogType:         pulumi.String(logType),
		})
	}
	rg, err := elasticache.NewReplicationGroup(ctx, name+"-"+purpose, &elasticache.ReplicationGroupArgs{
		ReplicationGroupId:        pulumi.String(id),
		Description:               pulumi.String(fmt.Sprintf("GC Notify %s cache (%s)", purpose, args.Environment)),
		Engine:                    pulumi.String("valkey"),
		EngineVersion:             pulumi.String(args.EngineVersion),
		ParameterGroupName:        s.parameterGroup.Name,
		NodeType:                  pulumi.String(args.NodeType),
		NumCacheClusters:          pulumi.Int(args.Nodes),
		Port:                      pulumi.Int(Port),
		SubnetGroupName:           s.subnetGroup.Name,
		SecurityGroupIds:          pulumi.StringArray{s.securityGroup.ID()},
		MultiAzEnabled:            pulumi.Bool(true),
		AutomaticFailoverEnabled:  pulumi.Bool(true),
		AtRestEncryptionEnabled:   pulumi.Bool(true),
		KmsKeyId:                  args.KmsKeyArn,
		TransitEncryptionEnabled:  pulumi.Bool(true),
		TransitEncryptionMode:     pulumi.String("required"),
		UserGroupIds:              pulumi.StringArray{userGroupID},
		AutoMinorVersionUpgrade:   pulumi.Bool(true),
		SnapshotRetentionLimit:    pulumi.Int(args.SnapshotRetentionDays),
		SnapshotWindow:            pulumi.String(args.SnapshotWindow),
		MaintenanceWindow:         pulumi.String(args.MaintenanceWindow),
		NotificationTopicArn:      args.AlertTopicArn,
		LogDeliveryConfigurations: logs,
		Tags:                      tagging.Named(id),
	}, append([]pulumi.ResourceOption{pulumi.Protect(args.Protect)}, child...)...)
	if err != nil {
		return nil, fmt.Errorf("cache %s replication group: %w", purpose, err)
	}
	return &Group{
		ID:              id,
		MemberIDs:       MemberIDs(id, args.Nodes),
		Arn:             rg.Arn,
		PrimaryEndpoint: rg.PrimaryEndpointAddress,
		ReaderEndpoint:  rg.ReaderEndpointAddress,
		Port:            Port,
	}, nil
}
