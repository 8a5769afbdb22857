package database

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const (
	keyArn   = "arn:aws:kms:ca-central-1:123456789012:key/main"
	topicArn = "arn:aws:sns:ca-central-1:123456789012:alert-general"
)

func argsFor(env, class string, deletionProtection bool) Args {
	return Args{
		NamePrefix:        "notification-canada-ca-" + env,
		Region:            "ca-central-1",
		InstanceClass:     class,
		AvailabilityZones: []string{"ca-central-1a", "ca-central-1b", "ca-central-1d"},
		VpcID:             pulumi.String("vpc-1"),
		SubnetIDs:         pulumi.ToStringArray([]string{"subnet-a", "subnet-b", "subnet-d"}),
		ClientSecurityGroups: map[string]pulumi.StringInput{
			"eks-nodes": pulumi.String("sg-nodes"), "eks-cluster": pulumi.String("sg-cluster"),
		},
		KmsKeyArn:          pulumi.String(keyArn),
		AlertTopicArn:      pulumi.String(topicArn),
		DeletionProtection: &deletionProtection,
		Protect:            true,
	}
}

func run(t *testing.T, args Args) (*pulumimock.OptionMocks, *Database, error) {
	return runWith(pulumimock.NewOptionMocks("test"), args)
}

func runWith(m *pulumimock.OptionMocks, args Args) (*pulumimock.OptionMocks, *Database, error) {
	var db *Database
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		var err error
		db, err = New(ctx, "database", args)
		return err
	}, pulumi.WithMocks(pulumimock.Project, "test", m))
	return m, db, err
}

const (
	clusterType  = "aws:rds/cluster:Cluster"
	secretType   = "aws:secretsmanager/secret:Secret"
	versionType  = "aws:secretsmanager/secretVersion:SecretVersion"
	instanceType = "aws:rds/clusterInstance:ClusterInstance"
	ruleType     = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
)

func TestDatabaseAcrossEnvironments(t *testing.T) {
	for _, tc := range []struct {
		env, class         string
		deletionProtection bool
	}{{"dev", "db.t3.medium", false}, {"staging", "db.r6g.xlarge", true}, {"production", "db.r6g.2xlarge", true}} {
		t.Run(tc.env, func(t *testing.T) {
			m, db, err := run(t, argsFor(tc.env, tc.class, tc.deletionProtection))
			require.NoError(t, err)
			id := "notification-canada-ca-" + tc.env + "-cluster"

			c := m.Get(t, clusterType, "database-cluster")
			assert.Equal(t, id, c.Input("clusterIdentifier"))
			assert.Equal(t, "aurora-postgresql", c.Input("engine"))
			assert.Equal(t, "16.8", c.Input("engineVersion"))
			assert.Equal(t, true, c.Input("storageEncrypted"))
			assert.Equal(t, keyArn, c.Input("kmsKeyId"))
			assert.Equal(t, true, c.Input("manageMasterUserPassword"))
			assert.Equal(t, keyArn, c.Input("masterUserSecretKmsKeyId"))
			assert.Nil(t, c.Input("masterPassword"), "the password is never in the program")
			assert.Equal(t, 8.0, c.Input("backupRetentionPeriod"))
			assert.Equal(t, "07:00-09:00", c.Input("preferredBackupWindow"))
			assert.Equal(t, "sun:04:00-sun:05:00", c.Input("preferredMaintenanceWindow"))
			assert.Equal(t, tc.deletionProtection, c.Input("deletionProtection"))
			assert.Equal(t, false, c.Input("skipFinalSnapshot"), "protected stacks always keep a final snapshot")
			assert.Equal(t, id+"-final", c.Input("finalSnapshotIdentifier"))
			assert.Equal(t, []any{"postgresql"}, c.Input("enabledCloudwatchLogsExports"))
			assert.Equal(t, "NotificationCanadaCa", c.Input("databaseName"))
			assert.Nil(t, c.Input("snapshotIdentifier"))
			assert.True(t, c.Protect)

			pg := m.Get(t, "aws:rds/clusterParameterGroup:ClusterParameterGroup", "database-parameters")
			assert.Equal(t, "aurora-postgresql16", pg.Input("family"))
			assert.ElementsMatch(t, []any{
				map[string]any{"name": "log_statement", "value": "ddl", "applyMethod": "immediate"},
				map[string]any{"name": "rds.logical_replication", "value": "1", "applyMethod": "pending-reboot"},
			}, pg.Input("parameters"))

			instances := m.ByType(instanceType)
			require.Len(t, instances, 3)
			for n, az := range []string{"ca-central-1a", "ca-central-1b", "ca-central-1d"} {
				key := []string{"instance-1", "instance-2", "instance-3"}[n]
				i := m.Get(t, instanceType, "database-"+key)
				assert.Equal(t, id+"-"+key, i.Input("identifier"))
				assert.Equal(t, tc.class, i.Input("instanceClass"))
				assert.Equal(t, az, i.Input("availabilityZone"))
				assert.Equal(t, true, i.Input("performanceInsightsEnabled"))
				assert.Equal(t, keyArn, i.Input("performanceInsightsKmsKeyId"))
				assert.Equal(t, 7.0, i.Input("performanceInsightsRetentionPeriod"))
				assert.Equal(t, false, i.Input("publiclyAccessible"))
				assert.True(t, i.Protect)
			}
			assert.Equal(t, []string{id + "-instance-1", id + "-instance-2", id + "-instance-3"}, db.InstanceIdentifiers)
			assert.Equal(t, id, db.ClusterIdentifier)
			assert.Equal(t, 5432, db.Port)

			for _, sub := range m.ByType("aws:rds/eventSubscription:EventSubscription") {
				assert.Equal(t, topicArn, sub.Input("snsTopic"), sub.Name)
			}
			m.Get(t, "aws:rds/eventSubscription:EventSubscription", "database-cluster-events")
			inst := m.Get(t, "aws:rds/eventSubscription:EventSubscription", "database-instance-events")
			assert.Equal(t, "db-instance", inst.Input("sourceType"))
			assert.Len(t, inst.Input("sourceIds"), 3)

			subnets := m.Get(t, "aws:rds/subnetGroup:SubnetGroup", "database-subnets")
			assert.Equal(t, []any{"subnet-a", "subnet-b", "subnet-d"}, subnets.Input("subnetIds"))
			componenttest.AssertChildren(t, m, "gcnotify:database:Database")
		})
	}
}

func TestDatabaseSecurityGroupsAdmitOnlyTheClientsAndTheProxy(t *testing.T) {
	m, _, err := run(t, argsFor("staging", "db.r6g.xlarge", true))
	require.NoError(t, err)
	want := map[string]string{
		"database-cluster-from-eks-nodes":   "sg-nodes",
		"database-cluster-from-eks-cluster": "sg-cluster",
		"database-proxy-from-eks-nodes":     "sg-nodes",
		"database-proxy-from-eks-cluster":   "sg-cluster",
		"database-cluster-from-proxy":       "database-proxy-sg-id",
	}
	rules := m.ByType(ruleType)
	assert.Len(t, rules, len(want))
	for _, r := range rules {
		from, ok := want[r.Name]
		if assert.True(t, ok, "unexpected rule %s", r.Name) {
			assert.Equal(t, from, r.Input("referencedSecurityGroupId"), r.Name)
			assert.Equal(t, 5432.0, r.Input("fromPort"), r.Name)
			assert.Equal(t, 5432.0, r.Input("toPort"), r.Name)
			assert.Nil(t, r.Input("cidrIpv4"), "%s: no CIDR rules", r.Name)
		}
		target := "database-cluster-sg-id"
		if strings.HasPrefix(r.Name, "database-proxy-") {
			target = "database-proxy-sg-id"
		}
		assert.Equal(t, target, r.Input("securityGroupId"), r.Name)
	}
	egress := m.Get(t, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "database-proxy-to-cluster")
	assert.Equal(t, "database-cluster-sg-id", egress.Input("referencedSecurityGroupId"))
	c := m.Get(t, clusterType, "database-cluster")
	assert.Equal(t, []any{"database-cluster-sg-id"}, c.Input("vpcSecurityGroupIds"))
}

func TestDatabaseProxyReadsTheManagedSecretOverTLS(t *testing.T) {
	args := argsFor("production", "db.r6g.2xlarge", true)
	args.AppUser = &AppUser{Name: "notify_app"}
	m, db, err := run(t, args)
	require.NoError(t, err)
	secrets := m.Get(t, clusterType, "database-cluster").Outputs["masterUserSecrets"].ArrayValue()
	require.Len(t, secrets, 1)
	master := secrets[0].ObjectValue()["secretArn"].StringValue()
	assert.Regexp(t, `^arn:aws:secretsmanager:ca-central-1:123456789012:secret:rds!cluster-[0-9a-f-]{36}-[A-Za-z0-9]{6}$`, master,
		"the secret RDS manages for the master user")

	p := m.Get(t, "aws:rds/proxy:Proxy", "database-proxy")
	assert.Equal(t, "notification-canada-ca-production-proxy", p.Input("name"))
	assert.Equal(t, "POSTGRESQL", p.Input("engineFamily"))
	assert.Equal(t, true, p.Input("requireTls"))
	assert.Equal(t, []any{"database-proxy-sg-id"}, p.Input("vpcSecurityGroupIds"))
	auths := p.Input("auths").([]any)
	require.Len(t, auths, 2)
	assert.Equal(t, master, auths[0].(map[string]any)["secretArn"])
	assert.Equal(t, "SECRETS", auths[0].(map[string]any)["authScheme"])

	appSecret := m.Get(t, secretType, "database-app-user-secret")
	appArn := appSecret.Outputs["arn"].StringValue()
	assert.Regexp(t, `^arn:aws:secretsmanager:ca-central-1:123456789012:secret:notification-canada-ca-production-database-app-user-[A-Za-z0-9]{6}$`, appArn)
	assert.Equal(t, "notification-canada-ca-production-database-app-user", appSecret.Input("name"))
	assert.Equal(t, keyArn, appSecret.Input("kmsKeyId"))
	assert.Equal(t, 0.0, appSecret.Input("recoveryWindowInDays"))
	assert.True(t, appSecret.Protect, "the only copy of the role's password")
	assert.Contains(t, appSecret.Parent, "gcnotify:database:Database$gcnotify:credential:Credential::database-app-user")
	appVersion := m.Get(t, versionType, "database-app-user-version")
	assert.Equal(t, []string{"secretString"}, m.Options(versionType, appVersion.Name).IgnoreChanges)
	var stored map[string]string
	require.NoError(t, json.Unmarshal([]byte(appVersion.String("secretString")), &stored))
	assert.Len(t, stored, 2)
	assert.Equal(t, "notify_app", stored["username"])
	assert.Regexp(t, `^[A-Za-z0-9]{32}$`, stored["password"])
	assert.Equal(t, stored["password"], pulumimock.Await(t, db.AppUserPassword))
	assert.Equal(t, appArn, pulumimock.Await(t, db.AppUserSecretArn))
	assert.Equal(t, "notify_app", db.AppUserName)
	assert.Equal(t, appArn, auths[1].(map[string]any)["secretArn"], "the proxy reads the generated credential")
	assert.Equal(t, "application user notify_app", auths[1].(map[string]any)["description"])
	// Before the credential component, both were children of the database named
	// database-app-user: existing stacks adopt them from there.
	for typ, name := range map[string]string{secretType: appSecret.Name, versionType: appVersion.Name} {
		assert.Equal(t, []string{pulumimock.URN("test", "gcnotify:database:Database", typ, "database-app-user")},
			m.Options(typ, name).Aliases, typ)
	}

	policy, err := m.Get(t, "aws:iam/rolePolicy:RolePolicy", "database-proxy-policy").JSON("policy")
	require.NoError(t, err)
	stmts := policy.(map[string]any)["Statement"].([]any)
	require.Len(t, stmts, 2)
	read := stmts[0].(map[string]any)
	assert.Equal(t, []any{"secretsmanager:GetSecretValue"}, read["Action"])
	assert.Equal(t, []any{master, appArn}, read["Resource"])
	decrypt := stmts[1].(map[string]any)
	assert.Equal(t, []any{keyArn}, decrypt["Resource"])
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{"kms:ViaService": "secretsmanager.ca-central-1.amazonaws.com"}},
		decrypt["Condition"])

	ro := m.Get(t, "aws:rds/proxyEndpoint:ProxyEndpoint", "database-proxy-read-only")
	assert.Equal(t, "READ_ONLY", ro.Input("targetRole"))
	target := m.Get(t, "aws:rds/proxyTarget:ProxyTarget", "database-proxy-target")
	assert.Equal(t, "notification-canada-ca-production-cluster", target.Input("dbClusterIdentifier"))
	m.Get(t, "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup", "database-proxy-target-group")
}

func TestDatabaseRestoresFromASharedSnapshotAndSkipsTheFinalSnapshotOnlyWhenDisposable(t *testing.T) {
	args := argsFor("dev", "db.t3.medium", false)
	args.SnapshotIdentifier = "arn:aws:rds:ca-central-1:239043911459:cluster-snapshot:shared-with-dev"
	args.Protect = false
	m, _, err := run(t, args)
	require.NoError(t, err)
	c := m.Get(t, clusterType, "database-cluster")
	assert.Equal(t, args.SnapshotIdentifier, c.Input("snapshotIdentifier"))
	assert.Nil(t, c.Input("databaseName"), "a restored cluster keeps the snapshot's database")
	assert.Nil(t, c.Input("masterUsername"), "a restored cluster keeps the snapshot's master user")
	assert.Equal(t, true, c.Input("skipFinalSnapshot"))
	assert.Nil(t, c.Input("finalSnapshotIdentifier"))
	assert.False(t, c.Protect)
}

func TestDatabaseRefusesBadArgsBeforeRegistering(t *testing.T) {
	args := argsFor("dev", "r6g.large", false)
	args.NamePrefix = "notification-canada-ca-a-very-long-environment-name-for-a-drill"
	args.Instances = 17
	args.KmsKeyArn = nil
	args.ClientSecurityGroups = nil
	args.MaintenanceWindow = "mon:07:30-mon:08:30"
	args.PerformanceInsightsRetentionDays = 30
	args.AppUser = &AppUser{Name: "postgres"}
	m, _, err := run(t, args)
	require.Error(t, err)
	for _, want := range []string{"NamePrefix (cluster identifier)", `InstanceClass: got "r6g.large"`, "Instances: got 17",
		"KmsKeyArn", "ClientSecurityGroups: got none", "overlaps BackupWindow", "PerformanceInsightsRetentionDays: got 30",
		`AppUser.Name: got "postgres"`} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}

// TestDatabaseAppUserKeepsThePasswordStoredEarlier plays a second run: the secret version
// answers with the value stored by the first run (its input is ignored, as it is for a stack
// whose secret held a password from configuration), and AppUserPassword must follow it.
func TestDatabaseAppUserKeepsThePasswordStoredEarlier(t *testing.T) {
	m := pulumimock.NewOptionMocks("test")
	m.HandleOutputs(versionType, func(pulumimock.Resource, string, string) resource.PropertyMap {
		return resource.PropertyMap{"secretString": resource.MakeSecret(resource.NewStringProperty(`{"username":"notify_app","password":"storedEarlier"}`))}
	})
	args := argsFor("staging", "db.r6g.xlarge", true)
	args.AppUser = &AppUser{Name: "notify_app"}
	_, db, err := runWith(m, args)
	require.NoError(t, err)
	assert.Equal(t, "storedEarlier", pulumimock.Await(t, db.AppUserPassword))
	assert.NotContains(t, m.Get(t, versionType, "database-app-user-version").String("secretString"), "storedEarlier")
}

func TestDatabaseWithoutAppUserHasOnlyTheMasterUser(t *testing.T) {
	m, db, err := run(t, argsFor("dev", "db.t3.medium", false))
	require.NoError(t, err)
	assert.Empty(t, m.ByType(secretType))
	assert.Empty(t, m.ByType("gcnotify:credential:Credential"))
	assert.Len(t, m.Get(t, "aws:rds/proxy:Proxy", "database-proxy").Input("auths"), 1)
	assert.Equal(t, "", pulumimock.Await(t, db.AppUserSecretArn))
	assert.Equal(t, "", pulumimock.Await(t, db.AppUserPassword))
	assert.Equal(t, "", db.AppUserName)
}

// TestPostgreSQLLogGroupIsCreatedFirst: RDS would create the export's log group itself, never
// expiring and unencrypted; the component creates it with the retention and key it is given,
// before the cluster starts exporting.
func TestPostgreSQLLogGroupIsCreatedFirst(t *testing.T) {
	for env, retention := range map[string]int{"dev": 14, "staging": 365, "production": 0} {
		t.Run(env, func(t *testing.T) {
			a := argsFor(env, "db.r6g.xlarge", true)
			a.LogRetentionDays = retention
			m, _, err := run(t, a)
			require.NoError(t, err)
			lg := m.Get(t, "aws:cloudwatch/logGroup:LogGroup", "database-postgresql-log")
			assert.Equal(t, "/aws/rds/cluster/notification-canada-ca-"+env+"-cluster/postgresql", lg.String("name"))
			assert.EqualValues(t, retention, lg.Input("retentionInDays"))
			assert.NotEmpty(t, lg.String("kmsKeyId"), "encrypted with the database's key by default")
			cluster := m.Get(t, "aws:rds/cluster:Cluster", "database-cluster")
			found := false
			for _, d := range cluster.Dependencies {
				found = found || strings.HasSuffix(d, "$aws:cloudwatch/logGroup:LogGroup::database-postgresql-log")
			}
			assert.True(t, found, "the log group exists before the cluster exports to it: %v", cluster.Dependencies)
		})
	}
}

// AWS upgrades the minor version in the maintenance window; sending the program's older minor
// afterwards would be refused, so engine version changes are ignored unless a major upgrade is
// asked for explicitly.
func TestDatabaseLeavesTheMinorVersionToAWS(t *testing.T) {
	for _, allow := range []bool{false, true} {
		args := argsFor("dev", "db.t3.medium", false)
		args.AllowMajorVersionUpgrade = allow
		m, _, err := run(t, args)
		require.NoError(t, err)
		c := m.Get(t, clusterType, "database-cluster")
		clusterIgnored := m.Options(clusterType, c.Name).IgnoreChanges
		if allow {
			assert.NotContains(t, clusterIgnored, "engineVersion")
			assert.Equal(t, true, c.Input("allowMajorVersionUpgrade"))
		} else {
			assert.Contains(t, clusterIgnored, "engineVersion")
			assert.Nil(t, c.Input("allowMajorVersionUpgrade"))
		}
		for _, i := range m.ByType(instanceType) {
			assert.Equal(t, !allow, slices.Contains(m.Options(instanceType, i.Name).IgnoreChanges, "engineVersion"), i.Name)
		}
	}
}
