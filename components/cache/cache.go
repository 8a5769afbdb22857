// Package cache is GC Notify's two Valkey replication groups, the main cache and the queue
// cache: multi-AZ with automatic failover, encrypted at rest with the environment's KMS key and
// in transit (TLS required), RBAC authentication, slow and engine logs in CloudWatch Logs, and
// a security group of their own.
package cache

import (
	"cmp"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
)

// Port is the Valkey port.
const Port = 6379

// Args configures the caches.
type Args struct {
	// Environment names the environment in the replication group ids
	// (notify-<env>-cluster-cache-az, notify-<env>-queue-cache). Required.
	Environment string
	// NamePrefix starts the other physical names, e.g. notification-canada-ca-dev. Required.
	NamePrefix string
	// NodeType is every node's type, e.g. cache.t3.medium. Required.
	NodeType string
	// Nodes is each group's node count, a primary and its replicas (2-6: automatic failover
	// needs a replica). Default 3.
	Nodes int
	// EngineVersion is the Valkey version: 7.2, 8.x or 9.x. Default "8.0".
	EngineVersion string
	// VpcID is the VPC of the security group. Required.
	VpcID pulumi.StringInput
	// SubnetIDs are the private subnets of the cache subnet group. Required.
	SubnetIDs pulumi.StringArrayInput
	// ClientSecurityGroups may reach Valkey, keyed by meaning (e.g. "eks-nodes"); the key names
	// the rule. Required (at least one).
	ClientSecurityGroups map[string]pulumi.StringInput
	// KmsKeyArn encrypts the data at rest and the credentials secret. Required.
	KmsKeyArn pulumi.StringInput
	// AlertTopicArn receives ElastiCache events (failovers, node replacements). It must be a
	// topic without KMS encryption: ElastiCache cannot publish to an encrypted one. Default none.
	AlertTopicArn pulumi.StringInput
	// LogRetentionDays is the slow and engine logs' retention: one of awsrule.LogRetentionDays, 0 never expires. No default of its own: the composition
	// passes the environment's logRetentionDays (default 365, stacks/defaults.go).
	LogRetentionDays int
	// LogKmsKeyArn encrypts the log groups. Default none (CloudWatch's own encryption).
	LogKmsKeyArn pulumi.StringInput
	// SnapshotRetentionDays is how long daily snapshots are kept (1-35). Default 7.
	SnapshotRetentionDays int
	// SnapshotWindow is the daily snapshot window, UTC. Default "05:00-06:00".
	SnapshotWindow string
	// MaintenanceWindow is the weekly maintenance window, UTC. Default "sun:04:00-sun:05:00".
	MaintenanceWindow string
	// Parameters override the engine defaults in the groups' parameter group. Default none.
	Parameters map[string]string
	// Protect sets Pulumi's protect flag on the replication groups. Default false (the
	// composition sets it everywhere but in ephemeral stacks).
	Protect bool
}

// Group is one replication group.
type Group struct {
	// ID is the replication group id.
	ID string
	// MemberIDs are the nodes' cache cluster ids, for alarm dimensions.
	MemberIDs []string
	// Arn is the replication group's ARN.
	Arn pulumi.StringOutput
	// PrimaryEndpoint and ReaderEndpoint are the writer's and the readers' addresses.
	PrimaryEndpoint pulumi.StringOutput
	ReaderEndpoint  pulumi.StringOutput
	// Port is the Valkey port.
	Port int
}

// Cache is the two replication groups and their access control.
type Cache struct {
	pulumi.ResourceState

	// Main and Queue are the replication groups.
	Main  *Group
	Queue *Group
	// SecurityGroupID guards both groups.
	SecurityGroupID pulumi.StringOutput
	// AuthSecretArn is the Secrets Manager secret holding the application user's credentials
	// as {"username": ..., "password": ...}.
	AuthSecretArn pulumi.StringOutput
	// AuthUserName is the application user's name.
	AuthUserName string
	// AuthPassword is the application user's password (a secret output).
	AuthPassword pulumi.StringOutput
}

// URL is the rediss:// URL of a group with the application user's credentials, a secret
// output for the secrets component (REDIS_URL and the like).
func (c *Cache) URL(g *Group) pulumi.StringOutput {
	user, port := c.AuthUserName, g.Port
	return pulumi.ToSecret(pulumi.All(c.AuthPassword, g.PrimaryEndpoint).ApplyT(func(v []any) string {
		return URL(user, v[0].(string), v[1].(string), port)
	})).(pulumi.StringOutput)
}

// Group returns the group of a purpose (Main or Queue).
func (c *Cache) Group(purpose string) *Group {
	return map[string]*Group{Main: c.Main, Queue: c.Queue}[purpose]
}

func (a Args) withDefaults() Args {
	a.Nodes = cmp.Or(a.Nodes, 3)
	a.EngineVersion = cmp.Or(a.EngineVersion, "8.0")
	a.SnapshotRetentionDays = cmp.Or(a.SnapshotRetentionDays, 7)
	a.SnapshotWindow = cmp.Or(a.SnapshotWindow, "05:00-06:00")
	a.MaintenanceWindow = cmp.Or(a.MaintenanceWindow, "sun:04:00-sun:05:00")
	return a
}

var (
	label         = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	dailyWindow   = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$`)
	weeklyWindow  = regexp.MustCompile(`^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$`)
	elasticacheID = regexp.MustCompile(`^[a-z](?:-?[a-z0-9])*$`)
)

func (a Args) validate() error {
	found := problems.New("cache")
	add := found.Addf
	if !label.MatchString(a.Environment) {
		add("Environment: got %q, want a lowercase DNS label such as dev", a.Environment)
	} else {
		for _, p := range Purposes {
			// ElastiCache allows 40 characters in a replication group id.
			if id := GroupID(a.Environment, p); len(id) > 40 || !elasticacheID.MatchString(id) {
				add("Environment: gives replication group id %q (%d characters), want at most 40 lowercase letters, digits and single hyphens", id, len(id))
			}
		}
	}
	if !label.MatchString(a.NamePrefix) {
		add("NamePrefix: got %q, want a lowercase name prefix such as notification-canada-ca-dev", a.NamePrefix)
	}
	if !strings.HasPrefix(a.NodeType, "cache.") {
		add("NodeType: got %q, want a node type such as cache.t3.medium", a.NodeType)
	}
	if a.Nodes < 2 || a.Nodes > 6 {
		add("Nodes: got %d, want 2 to 6 (automatic failover needs a replica; 6 is the most without cluster mode)", a.Nodes)
	}
	if ParameterFamily(a.EngineVersion) == "" {
		add("EngineVersion: got %q, want a Valkey version: 7.2, 8.x or 9.x", a.EngineVersion)
	}
	found.DataStoreNetwork(a.VpcID, a.SubnetIDs, a.ClientSecurityGroups)
	if a.KmsKeyArn == nil {
		add("KmsKeyArn: got nil, want the environment's KMS key ARN")
	}
	found.LogRetention(a.LogRetentionDays)
	if a.SnapshotRetentionDays < 1 || a.SnapshotRetentionDays > 35 {
		add("SnapshotRetentionDays: got %d, want 1 to 35", a.SnapshotRetentionDays)
	}
	if !dailyWindow.MatchString(a.SnapshotWindow) {
		add("SnapshotWindow: got %q, want hh:mm-hh:mm (UTC)", a.SnapshotWindow)
	}
	if !weeklyWindow.MatchString(a.MaintenanceWindow) {
		add("MaintenanceWindow: got %q, want ddd:hh:mm-ddd:hh:mm (UTC, ddd in mon..sun)", a.MaintenanceWindow)
	}
	if a.KmsKeyArn != nil && label.MatchString(a.NamePrefix) {
		if err := a.credential(nil, "cache").Validate(); err != nil {
			add("credentials: %v", err)
		}
	}
	return found.Err()
}

// New creates the caches. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Cache, error) {
	args = args.withDefaults()
	c := &Cache{AuthUserName: AppUserName}
	child, err := component.Register(ctx, "gcnotify:cache:Cache", name, c, args.validate, opts...)
	if err != nil {
		return nil, err
	}
	userGroupID, err := c.auth(ctx, name, args, child)
	if err != nil {
		return nil, err
	}
	shared, err := c.shared(ctx, name, args, child)
	if err != nil {
		return nil, err
	}
	for _, purpose := range Purposes {
		g, err := c.group(ctx, name, purpose, args, shared, userGroupID, child)
		if err != nil {
			return nil, err
		}
		if purpose == Main {
			c.Main = g
		} else {
			c.Queue = g
		}
	}
	outputs := pulumi.Map{
		"securityGroupId": c.SecurityGroupID,
		"authSecretArn":   c.AuthSecretArn,
	}
	for _, purpose := range Purposes {
		g := c.Group(purpose)
		outputs[purpose+"Id"] = pulumi.String(g.ID)
		outputs[purpose+"PrimaryEndpoint"] = g.PrimaryEndpoint
		outputs[purpose+"ReaderEndpoint"] = g.ReaderEndpoint
	}
	return c, ctx.RegisterResourceOutputs(c, outputs)
}
