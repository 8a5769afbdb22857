package cache

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/credential"
	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const (
	keyArn      = "arn:aws:kms:ca-central-1:123456789012:key/main"
	topicArn    = "arn:aws:sns:ca-central-1:123456789012:alert-general"
	rgType      = "aws:elasticache/replicationGroup:ReplicationGroup"
	secretType  = "aws:secretsmanager/secret:Secret"
	versionType = "aws:secretsmanager/secretVersion:SecretVersion"
)

func argsFor(env, nodeType string, retention int) Args {
	return Args{
		Environment:          env,
		NamePrefix:           "notification-canada-ca-" + env,
		NodeType:             nodeType,
		VpcID:                pulumi.String("vpc-1"),
		SubnetIDs:            pulumi.ToStringArray([]string{"subnet-a", "subnet-b", "subnet-d"}),
		ClientSecurityGroups: map[string]pulumi.StringInput{"eks-nodes": pulumi.String("sg-nodes")},
		KmsKeyArn:            pulumi.String(keyArn),
		AlertTopicArn:        pulumi.String(topicArn),
		LogRetentionDays:     retention,
		Protect:              true,
	}
}

// run creates the caches and resolves the main group's URL.
func run(t *testing.T, args Args) (*pulumimock.OptionMocks, *Cache, string, error) {
	var c *Cache
	var url string
	var wg sync.WaitGroup
	m := pulumimock.NewOptionMocks("test")
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		var err error
		if c, err = New(ctx, "cache", args); err != nil {
			return err
		}
		wg.Add(1)
		c.URL(c.Main).ApplyT(func(u string) string { url = u; wg.Done(); return u })
		return nil
	}, pulumi.WithMocks(pulumimock.Project, "test", m))
	if err == nil {
		wg.Wait()
	}
	return m, c, url, err
}

func TestCacheAcrossEnvironments(t *testing.T) {
	for _, tc := range []struct {
		env, nodeType string
		retention     int
	}{{"dev", "cache.t3.micro", 14}, {"staging", "cache.t3.medium", 365}, {"production", "cache.t3.medium", 0}} {
		t.Run(tc.env, func(t *testing.T) {
			m, c, _, err := run(t, argsFor(tc.env, tc.nodeType, tc.retention))
			require.NoError(t, err)
			groups := m.ByType(rgType)
			require.Len(t, groups, 2)
			for purpose, id := range map[string]string{
				"main": "notify-" + tc.env + "-cluster-cache-az", "queue": "notify-" + tc.env + "-queue-cache",
			} {
				rg := m.Get(t, rgType, "cache-"+purpose)
				assert.Equal(t, id, rg.Input("replicationGroupId"))
				assert.Equal(t, "valkey", rg.Input("engine"))
				assert.Equal(t, "8.0", rg.Input("engineVersion"))
				assert.Equal(t, tc.nodeType, rg.Input("nodeType"))
				assert.Equal(t, 3.0, rg.Input("numCacheClusters"))
				assert.Equal(t, true, rg.Input("multiAzEnabled"))
				assert.Equal(t, true, rg.Input("automaticFailoverEnabled"))
				assert.Equal(t, true, rg.Input("atRestEncryptionEnabled"))
				assert.Equal(t, keyArn, rg.Input("kmsKeyId"))
				assert.Equal(t, true, rg.Input("transitEncryptionEnabled"))
				assert.Equal(t, "required", rg.Input("transitEncryptionMode"))
				assert.Nil(t, rg.Input("authToken"), "RBAC, not an AUTH token")
				assert.Equal(t, []any{"notify-" + tc.env + "-cache-users"}, rg.Input("userGroupIds"))
				assert.Equal(t, []any{"cache-sg-id"}, rg.Input("securityGroupIds"))
				assert.Equal(t, "notification-canada-ca-"+tc.env+"-valkey8", rg.Input("parameterGroupName"))
				assert.Equal(t, 7.0, rg.Input("snapshotRetentionLimit"))
				assert.Equal(t, topicArn, rg.Input("notificationTopicArn"))
				assert.True(t, rg.Protect)
				var logTypes []any
				for _, l := range rg.Input("logDeliveryConfigurations").([]any) {
					lc := l.(map[string]any)
					logTypes = append(logTypes, lc["logType"])
					assert.Equal(t, "/aws/elasticache/"+id+"/"+lc["logType"].(string), lc["destination"])
					assert.Equal(t, "cloudwatch-logs", lc["destinationType"])
				}
				assert.ElementsMatch(t, []any{"slow-log", "engine-log"}, logTypes)
				assert.Equal(t, id, c.Group(purpose).ID)
				assert.Equal(t, []string{id + "-001", id + "-002", id + "-003"}, c.Group(purpose).MemberIDs)
			}
			logGroups := m.ByType("aws:cloudwatch/logGroup:LogGroup")
			assert.Len(t, logGroups, 4)
			for _, lg := range logGroups {
				assert.Equal(t, float64(tc.retention), lg.Input("retentionInDays"), lg.Name)
			}
			pg := m.Get(t, "aws:elasticache/parameterGroup:ParameterGroup", "cache-parameters")
			assert.Equal(t, "valkey8", pg.Input("family"))
			rule := m.Get(t, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "cache-from-eks-nodes")
			assert.Equal(t, "sg-nodes", rule.Input("referencedSecurityGroupId"))
			assert.Equal(t, 6379.0, rule.Input("fromPort"))
			assert.Len(t, m.ByType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), 1)
			componenttest.AssertChildren(t, m, "gcnotify:cache:Cache")
		})
	}
}

func TestCacheUserReadsTheStoredPassword(t *testing.T) {
	m, c, url, err := run(t, argsFor("staging", "cache.t3.medium", 365))
	require.NoError(t, err)
	arn := pulumimock.Await(t, c.AuthSecretArn)
	secret := m.Get(t, secretType, "cache-credentials-secret")
	assert.Equal(t, "notification-canada-ca-staging-cache-credentials", secret.Input("name"))
	assert.Equal(t, keyArn, secret.Input("kmsKeyId"))
	assert.Equal(t, 0.0, secret.Input("recoveryWindowInDays"))
	assert.False(t, secret.Protect)
	assert.Contains(t, secret.Parent, "gcnotify:cache:Cache$gcnotify:credential:Credential::cache-credentials")
	version := m.Get(t, versionType, "cache-credentials-version")
	assert.Equal(t, []string{"secretString"}, m.Options(versionType, version.Name).IgnoreChanges)
	var stored credential.Value
	require.NoError(t, json.Unmarshal([]byte(version.String("secretString")), &stored))
	assert.Equal(t, "notify", stored.Username)
	assert.Regexp(t, `^[A-Za-z0-9]{32}$`, stored.Password)
	assert.Equal(t, "notify", c.AuthUserName)
	assert.Regexp(t, `^arn:aws:secretsmanager:ca-central-1:123456789012:secret:notification-canada-ca-staging-cache-credentials-[A-Za-z0-9]{6}$`, arn)
	assert.Equal(t, secret.Outputs["arn"].StringValue(), arn)
	// Before the credential component, both were children of the cache named cache-credentials:
	// existing stacks adopt them from there.
	for typ, name := range map[string]string{secretType: secret.Name, versionType: version.Name} {
		assert.Equal(t, []string{pulumimock.URN("test", "gcnotify:cache:Cache", typ, "cache-credentials")},
			m.Options(typ, name).Aliases, typ)
	}

	app := m.Get(t, "aws:elasticache/user:User", "cache-app-user")
	assert.Equal(t, "on ~* &* +@all", app.Input("accessString"))
	assert.Equal(t, map[string]any{"type": "password", "passwords": []any{stored.Password}}, app.Input("authenticationMode"),
		"the user gets the password that was stored")
	def := m.Get(t, "aws:elasticache/user:User", "cache-default-user")
	assert.Equal(t, "default", def.Input("userName"))
	assert.Equal(t, "off -@all", def.Input("accessString"), "the default user is switched off")
	assert.NotEqual(t, []any{stored.Password}, def.Input("authenticationMode").(map[string]any)["passwords"])
	group := m.Get(t, "aws:elasticache/userGroup:UserGroup", "cache-users")
	assert.Equal(t, []any{"notify-staging-default", "notify-staging-app"}, group.Input("userIds"))

	assert.Regexp(t, `^rediss://notify:`+stored.Password+`@master\.notify-staging-cluster-cache-az\.[0-9a-f]{6}\.cac1\.cache\.amazonaws\.com:6379$`, url)
}

func TestURLEscapesCredentials(t *testing.T) {
	assert.Equal(t, "rediss://u:p%40ss%2Fw@h:6379", URL("u", "p@ss/w", "h", 6379))
}

func TestParameterFamily(t *testing.T) {
	for version, want := range map[string]string{"8.0": "valkey8", "8.1": "valkey8", "7.2": "valkey7", "9.0": "valkey9",
		"7.1": "", "6.2": "", "8": "", "8.0.1": ""} {
		assert.Equal(t, want, ParameterFamily(version), version)
	}
}

func TestCacheRefusesBadArgsBeforeRegistering(t *testing.T) {
	args := argsFor("a-very-long-drill-environment-name", "t3.micro", -1)
	args.Nodes = 1
	args.EngineVersion = "7.0"
	args.KmsKeyArn = nil
	args.ClientSecurityGroups = map[string]pulumi.StringInput{"EKS": pulumi.String("sg-1")}
	args.MaintenanceWindow = "sunday 4am"
	m, _, _, err := run(t, args)
	require.Error(t, err)
	for _, want := range []string{"notify-a-very-long-drill-environment-name-cluster-cache-az", `NodeType: got "t3.micro"`,
		"Nodes: got 1", `EngineVersion: got "7.0"`, "KmsKeyArn", `got key "EKS"`, "LogRetentionDays: got -1",
		`MaintenanceWindow: got "sunday 4am"`} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}

// TestCacheUsesThePasswordStoredEarlier plays a second run: the secret version answers with the
// password stored by the first run (its input is ignored), and the user and the URL must follow
// the stored password, not the one generated in this run.
func TestCacheUsesThePasswordStoredEarlier(t *testing.T) {
	m := pulumimock.New()
	m.HandleOutputs("aws:secretsmanager/secretVersion:SecretVersion", func(r pulumimock.Resource, _, _ string) resource.PropertyMap {
		return resource.PropertyMap{"secretString": resource.MakeSecret(resource.NewStringProperty(`{"username":"notify","password":"storedEarlier"}`))}
	})
	var url string
	var wg sync.WaitGroup
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		c, err := New(ctx, "cache", argsFor("dev", "cache.t3.micro", 14))
		if err != nil {
			return err
		}
		wg.Add(1)
		c.URL(c.Queue).ApplyT(func(u string) string { url = u; wg.Done(); return u })
		return nil
	}, pulumi.WithMocks(pulumimock.Project, "test", m))
	require.NoError(t, err)
	wg.Wait()
	app := m.Get(t, "aws:elasticache/user:User", "cache-app-user")
	assert.Equal(t, []any{"storedEarlier"}, app.Input("authenticationMode").(map[string]any)["passwords"])
	assert.Regexp(t, `^rediss://notify:storedEarlier@master\.notify-dev-queue-cache\.[0-9a-f]{6}\.cac1\.cache\.amazonaws\.com:6379$`, url)
}
