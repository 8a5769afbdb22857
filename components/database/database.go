// Package database is GC Notify's Aurora PostgreSQL cluster: encrypted storage, an AWS-managed
// master password, daily backups, Performance Insights, PostgreSQL logs in CloudWatch, event
// subscriptions to the alert topic, its own security groups, and an RDS Proxy with TLS required
// and read-write and read-only endpoints.
package database

import (
	"cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
)

// Port is the PostgreSQL port of the cluster, the proxy and its endpoints.
const Port = 5432

// DefaultParameters are the cluster parameter group's settings: DDL statements logged, and
// logical replication on (a static parameter, applied at the next reboot).
var DefaultParameters = []Parameter{
	{Name: "log_statement", Value: "ddl"},
	{Name: "rds.logical_replication", Value: "1", ApplyMethod: "pending-reboot"},
}

// Parameter is one cluster parameter.
type Parameter struct {
	Name  string
	Value string
	// ApplyMethod is "immediate" or "pending-reboot". Default "immediate".
	ApplyMethod string
}

// AppUser is the application's database role, which connects through the proxy. The program
// generates its password once (a credential.Credential, secret <prefix>-database-app-user,
// the {"username", "password"} JSON the proxy reads) and never changes it afterwards. The role
// itself is created inside PostgreSQL by the application's migrations or an operator, with the
// password read from that secret (this program does not reach into the database); a rebuild
// from a snapshot that already holds the role keeps working as long as the secret survives,
// which is why it is protected with the cluster.
type AppUser struct {
	// Name is the PostgreSQL role name. Required.
	Name string
}

// Args configures the database.
type Args struct {
	// NamePrefix starts every physical name, e.g. notification-canada-ca-dev. Required.
	NamePrefix string
	// Region is the region of the cluster, for the proxy role's kms:ViaService condition.
	// Required.
	Region string
	// EngineVersion is the Aurora PostgreSQL version; its major picks the parameter group
	// family (aurora-postgresql<major>). Default "16.8".
	EngineVersion string
	// AllowMajorVersionUpgrade lets an update move the engine to EngineVersion (a new major).
	// Default false: AWS owns the minor version, upgrading it in the maintenance window, so the
	// program ignores engine version changes (sending its own minor after AWS upgraded would
	// be refused: "Cannot upgrade aurora-postgresql from 16.9 to 16.8").
	AllowMajorVersionUpgrade bool
	// InstanceClass is every instance's class, e.g. db.r6g.xlarge. Required.
	InstanceClass string
	// Instances is the number of cluster instances (one writer, the rest readers). Default 3.
	Instances int
	// AvailabilityZones spread the instances: instance n goes to zone (n-1) mod len. Default
	// none: RDS places them.
	AvailabilityZones []string
	// VpcID is the VPC of the security groups. Required.
	VpcID pulumi.StringInput
	// SubnetIDs are the private subnets of the DB subnet group and the proxy. Required.
	SubnetIDs pulumi.StringArrayInput
	// ClientSecurityGroups are the security groups allowed to reach PostgreSQL on the cluster
	// and the proxy, keyed by meaning (e.g. "eks-nodes", "eks-cluster"); the key names the rules.
	// Required (at least one).
	ClientSecurityGroups map[string]pulumi.StringInput
	// KmsKeyArn encrypts storage, Performance Insights, the managed master secret and the
	// application user's secret. Required.
	KmsKeyArn pulumi.StringInput
	// LogRetentionDays is the retention of the exported PostgreSQL log: one of awsrule.LogRetentionDays, 0 never expires. No default of its own: the composition
	// passes the environment's logRetentionDays (default 365, stacks/defaults.go).
	LogRetentionDays int
	// LogKmsKeyArn encrypts the exported PostgreSQL log. Default KmsKeyArn.
	LogKmsKeyArn pulumi.StringInput
	// AlertTopicArn receives the cluster and instance events. Required.
	AlertTopicArn pulumi.StringInput
	// DatabaseName is the database created with a new cluster. Default "NotificationCanadaCa".
	// Ignored when restoring from a snapshot.
	DatabaseName string
	// MasterUsername is the master user of a new cluster. Default "postgres". Ignored when
	// restoring from a snapshot (the snapshot's master user is kept).
	MasterUsername string
	// AppUser generates the application role's credentials and adds them to the proxy's.
	// Default none: only the master user can connect through the proxy.
	AppUser *AppUser
	// SnapshotIdentifier restores a new cluster from this snapshot (an ARN for a snapshot
	// shared by another account). Later changes are ignored, so clearing it never replaces the
	// cluster. Default empty: a new, empty cluster.
	SnapshotIdentifier string
	// DeletionProtection turns on RDS deletion protection. Default true.
	DeletionProtection *bool
	// Protect sets Pulumi's protect flag on the cluster, its instances and the application
	// user's secret. Default false (the composition sets it everywhere but in ephemeral stacks).
	Protect bool
	// FinalSnapshotIdentifier names the snapshot taken when the cluster is deleted. Default
	// <cluster>-final. The snapshot is skipped only when neither Protect nor deletion
	// protection is on (an ephemeral stack, whose data is disposable by definition). A rebuilt
	// environment deleted twice needs the previous final snapshot removed or a new identifier.
	FinalSnapshotIdentifier string
	// BackupRetentionDays is how long automated backups are kept (1-35). Default 8.
	BackupRetentionDays int
	// BackupWindow is the daily automated backup window, UTC. Default "07:00-09:00".
	BackupWindow string
	// MaintenanceWindow is the weekly maintenance window, UTC; it must not overlap the backup
	// window. Default "sun:04:00-sun:05:00" (midnight in Ottawa, before the backups).
	MaintenanceWindow string
	// PerformanceInsightsRetentionDays is 7 (free tier) or a multiple of 31 up to 731. Default 7.
	PerformanceInsightsRetentionDays int
	// Parameters are the cluster parameter group's settings. Default DefaultParameters.
	Parameters []Parameter
}

// Database is the cluster, its instances and its proxy.
type Database struct {
	pulumi.ResourceState

	// ClusterArn is the cluster's ARN, for the backup selection.
	ClusterArn pulumi.StringOutput
	// ClusterIdentifier is the cluster's identifier, for alarm dimensions.
	ClusterIdentifier string
	// InstanceIdentifiers are the instances' identifiers, for alarm dimensions.
	InstanceIdentifiers []string
	// Endpoint and ReaderEndpoint are the cluster's writer and reader endpoints.
	Endpoint       pulumi.StringOutput
	ReaderEndpoint pulumi.StringOutput
	// ProxyEndpoint and ProxyReadOnlyEndpoint are the proxy's read-write and read-only
	// endpoints, which the application uses.
	ProxyEndpoint         pulumi.StringOutput
	ProxyReadOnlyEndpoint pulumi.StringOutput
	// ProxyName is the proxy's name, for alarm dimensions.
	ProxyName string
	// MasterSecretArn is the RDS-managed secret of the master user.
	MasterSecretArn pulumi.StringOutput
	// AppUserName is the application user's role name ("" without one).
	AppUserName string
	// AppUserSecretArn is the application user's credential secret, which the proxy reads
	// ("" without one).
	AppUserSecretArn pulumi.StringOutput
	// AppUserPassword is the application user's password, a secret output for the connection
	// URIs ("" without one).
	AppUserPassword pulumi.StringOutput
	// SecurityGroupID guards the cluster; ProxySecurityGroupID guards the proxy.
	SecurityGroupID      pulumi.StringOutput
	ProxySecurityGroupID pulumi.StringOutput
	// Port is the PostgreSQL port.
	Port int
}

func (a Args) withDefaults() Args {
	if a.LogKmsKeyArn == nil {
		a.LogKmsKeyArn = a.KmsKeyArn
	}
	a.EngineVersion = cmp.Or(a.EngineVersion, "16.8")
	a.Instances = cmp.Or(a.Instances, 3)
	a.DatabaseName = cmp.Or(a.DatabaseName, "NotificationCanadaCa")
	a.MasterUsername = cmp.Or(a.MasterUsername, "postgres")
	if a.DeletionProtection == nil {
		on := true
		a.DeletionProtection = &on
	}
	a.FinalSnapshotIdentifier = cmp.Or(a.FinalSnapshotIdentifier, a.clusterIdentifier()+"-final")
	a.BackupRetentionDays = cmp.Or(a.BackupRetentionDays, 8)
	a.BackupWindow = cmp.Or(a.BackupWindow, "07:00-09:00")
	a.MaintenanceWindow = cmp.Or(a.MaintenanceWindow, "sun:04:00-sun:05:00")
	a.PerformanceInsightsRetentionDays = cmp.Or(a.PerformanceInsightsRetentionDays, 7)
	if a.Parameters == nil {
		a.Parameters = DefaultParameters
	}
	return a
}

func (a Args) clusterIdentifier() string { return a.NamePrefix + "-cluster" }
func (a Args) proxyName() string         { return a.NamePrefix + "-proxy" }
func (a Args) readOnlyEndpointName() string {
	return a.NamePrefix + "-proxy-read-only"
}

// skipFinalSnapshot is true only for a stack whose data is disposable: not protected and
// without deletion protection.
func (a Args) skipFinalSnapshot() bool { return !a.Protect && !*a.DeletionProtection }

// New creates the database. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Database, error) {
	args = args.withDefaults()
	d := &Database{ClusterIdentifier: args.clusterIdentifier(), ProxyName: args.proxyName(), Port: Port}
	child, err := component.Register(ctx, "gcnotify:database:Database", name, d, args.validate, opts...)
	if err != nil {
		return nil, err
	}
	members := PlanMembers(args.clusterIdentifier(), args.Instances, args.AvailabilityZones)
	for _, m := range members {
		d.InstanceIdentifiers = append(d.InstanceIdentifiers, m.Identifier)
	}
	stateful := []pulumi.ResourceOption{pulumi.Parent(d), pulumi.Protect(args.Protect)}

	sgs, err := d.securityGroups(ctx, name, args, child)
	if err != nil {
		return nil, err
	}
	cluster, instances, err := d.cluster(ctx, name, args, members, sgs, child, stateful)
	if err != nil {
		return nil, err
	}
	if err := d.events(ctx, name, args, cluster, instances, child); err != nil {
		return nil, err
	}
	if err := d.proxy(ctx, name, args, cluster, instances, sgs, child); err != nil {
		return nil, err
	}
	return d, ctx.RegisterResourceOutputs(d, pulumi.Map{
		"clusterArn":            d.ClusterArn,
		"clusterIdentifier":     pulumi.String(d.ClusterIdentifier),
		"endpoint":              d.Endpoint,
		"readerEndpoint":        d.ReaderEndpoint,
		"proxyEndpoint":         d.ProxyEndpoint,
		"proxyReadOnlyEndpoint": d.ProxyReadOnlyEndpoint,
		"masterSecretArn":       d.MasterSecretArn,
		"appUserSecretArn":      d.AppUserSecretArn,
		"securityGroupId":       d.SecurityGroupID,
		"proxySecurityGroupId":  d.ProxySecurityGroupID,
		"instanceIdentifiers":   pulumi.ToStringArray(d.InstanceIdentifiers),
		"port":                  pulumi.Int(d.Port),
	})
}
