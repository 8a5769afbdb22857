package stacks

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

// getter serves a stack file's config the way Pulumi hands it to the program.
func getter(cfg map[string]string) (Getter, []string) {
	var present []string
	for k := range cfg {
		if rest, ok := strings.CutPrefix(k, Namespace+":"); ok {
			present = append(present, rest)
		}
	}
	return func(key string) (string, bool) { v, ok := cfg[Namespace+":"+key]; return v, ok }, present
}

func loadStack(t *testing.T, stack string, override map[string]string) (Config, error) {
	t.Helper()
	cfg := pulumimock.StackConfig(t, stack)
	for k, v := range override {
		if v == "" {
			delete(cfg, k)
		} else {
			cfg[k] = v
		}
	}
	get, present := getter(cfg)
	return Load(stack, get, present)
}

func TestStackFilesCarryTheInventoryValues(t *testing.T) {
	for _, tc := range []struct {
		stack, account, domain, instance, dbClass, cacheType string
		desired, min, max, retention, budget, sms            int
		protect, force, malware, lock, opsgenie              bool
		waf                                                  string
	}{
		{"dev", "800095993820", "dev.notification.cdssandbox.xyz", "m7i-flex.xlarge", "db.t3.medium", "cache.t3.micro", 5, 1, 7, 14, 5000, 100, false, true, false, false, false, "block"},
		{"staging", "239043911459", "staging.notification.cdssandbox.xyz", "c7i.xlarge", "db.r6g.xlarge", "cache.t3.medium", 8, 4, 10, 365, 5000, 100, true, false, true, false, false, "block"},
		{"production", "296255494825", "notification.canada.ca", "c7i.xlarge", "db.r6g.2xlarge", "cache.t3.medium", 10, 3, 10, 0, 15000, 30000, true, false, true, true, true, "count"},
	} {
		t.Run(tc.stack, func(t *testing.T) {
			c, err := loadStack(t, tc.stack, nil)
			require.NoError(t, err)
			assert.Equal(t, tc.stack, c.Environment)
			assert.Equal(t, tc.account, c.AccountID)
			assert.Equal(t, tc.domain, c.Domain)
			assert.Equal(t, EKS{Version: "1.36", InstanceType: tc.instance, DesiredSize: tc.desired, MinSize: tc.min, MaxSize: tc.max}, c.EKS)
			share := map[string][]string{"staging": {"800095993820"}}[tc.stack] // dev restores staging's snapshots
			assert.Equal(t, Database{EngineVersion: "16.8", InstanceClass: tc.dbClass, Instances: 3, SnapshotShareAccounts: share}, c.Database)
			assert.Equal(t, Cache{NodeType: tc.cacheType, Nodes: 3}, c.Cache)
			assert.Equal(t, tc.protect, c.DeletionProtection)
			assert.Equal(t, tc.force, c.ForceDestroy)
			assert.Equal(t, tc.retention, c.LogRetentionDays)
			assert.Equal(t, Budget{MonthlyUSD: tc.budget, SMSMonthlySpendLimitUSD: tc.sms}, c.Budget)
			// The admin's review apps run in staging only, as today; production runs the admin
			// image promoted from staging.
			assert.Equal(t, Features{GuardDutyMalwareScan: tc.malware, BackupVaultLock: tc.lock, OpsGenie: tc.opsgenie,
				AdminReviewApps: tc.stack == "staging", PromotedAdminImage: tc.stack == "production"}, c.Features)
			assert.Equal(t, tc.stack != "production", slices.Contains(c.appRepositories(), "notify/admin"))
			assert.True(t, c.ClientVPN.On(), "every environment has its Client VPN today")
			assert.Equal(t, map[string]float64{"dev": 0.5, "staging": 0.5, "production": 100}[tc.stack],
				c.Alarms.DocumentDownloadBucketSizeGiB, "today's document-download bucket size warning")
			assert.True(t, c.DatabaseTools.On(), "every environment runs Blazer today")
			assert.Equal(t, tc.waf, c.WAFNewRuleMode)
			assert.Equal(t, Regions{Primary: "ca-central-1", Email: "us-east-1", SMS: "us-west-2", Backup: "ca-west-1"}, c.Regions)
			assert.Equal(t, "10.0.0.0/16", c.Network.VpcCidr)
			assert.Equal(t, "notification-canada-ca-"+tc.stack, c.Tags["CostCenter"])
			assert.True(t, c.Protect(), "permanent environments protect their stateful resources")
			assert.Equal(t, "latest", c.LambdaImageTags["default"])
		})
	}
}

func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	_, err := loadStack(t, "dev", map[string]string{
		"gcnotify:accountId":        "12345",
		"gcnotify:regions":          `{"primary":"ca-central-9"}`,
		"gcnotify:domain":           "Not A Domain",
		"gcnotify:network":          `{"vpcCidr":"10.0.0.0/20","availabilityZones":["ca-central-1a","ca-central-1a"]}`,
		"gcnotify:eks":              `{"version":"1.12","instanceType":"huge","desiredSize":9,"minSize":2,"maxSize":7}`,
		"gcnotify:database":         `{"engineVersion":"15.4","instanceClass":"db.m1.small","instances":0}`,
		"gcnotify:cache":            `{"nodeType":"t3.micro","nodes":1}`,
		"gcnotify:logRetentionDays": "10",
		"gcnotify:wafNewRuleMode":   "allow",
		"gcnotify:budget":           `{"monthlyUsd":0,"smsMonthlySpendLimitUsd":-1}`,
		"gcnotify:alerts":           `{"emails":["ops-at-example"]}`,
		"gcnotify:drill":            `{"rtoMinutes":0}`,
		"gcnotify:tags":             `{"aws:owner":"x"}`,
		"gcnotify:waf":              `{"blockedCidrs":["300.1.1.1/32"]}`,
		"gcnotify:email":            `{"customSendingDomains":["-bad-"]}`,
		"gcnotify:lambdaImageTags":  `{"heartbeat":"bad tag"}`,
	})
	require.Error(t, err)
	msg := err.Error()
	for _, want := range []string{
		`gcnotify:accountId: got "12345"`, `gcnotify:regions.primary: got "ca-central-9"`,
		`gcnotify:domain: got "Not A Domain"`, `gcnotify:network.vpcCidr: got "10.0.0.0/20"`,
		`gcnotify:network.availabilityZones[0]: got "ca-central-1a"`, `gcnotify:eks.version: got "1.12"`,
		`gcnotify:eks.instanceType: got "huge"`, `gcnotify:eks.desiredSize: got "9", want at most eks.maxSize (7)`,
		`gcnotify:database.engineVersion: got "15.4"`, `gcnotify:database.instanceClass: got "db.m1.small"`,
		`gcnotify:database.instances: got "0"`, `gcnotify:cache.nodeType: got "t3.micro"`, `gcnotify:cache.nodes: got "1"`,
		`gcnotify:logRetentionDays: got "10", want one of the values CloudWatch Logs accepts`,
		`gcnotify:wafNewRuleMode: got "allow"`, `gcnotify:budget.monthlyUsd: got "0"`,
		`gcnotify:budget.smsMonthlySpendLimitUsd: got "-1"`, `gcnotify:alerts.emails[0]: got "ops-at-example"`,
		`gcnotify:drill.rtoMinutes: got "0"`, `gcnotify:tags: got "aws:owner"`,
		`gcnotify:waf.blockedCidrs[0]: got "300.1.1.1/32"`, `gcnotify:email.customSendingDomains[0]: got "-bad-"`,
		`gcnotify:lambdaImageTags.heartbeat: got "bad tag"`,
	} {
		assert.Contains(t, msg, want)
	}
	var ce *ConfigError
	assert.True(t, errors.As(err, &ce), "problems are typed ConfigErrors")
}

func TestLoadRefusesUnsafeAndMalformedInput(t *testing.T) {
	for name, tc := range map[string]struct {
		stack    string
		override map[string]string
		want     string
	}{
		"production without deletion protection": {"production", map[string]string{"gcnotify:deletionProtection": "false"}, `gcnotify:deletionProtection: got "false", want true in production`},
		"production with force destroy":          {"production", map[string]string{"gcnotify:forceDestroy": "true"}, `gcnotify:forceDestroy: got "true", want false in production`},
		"ephemeral permanent environment":        {"staging", map[string]string{"gcnotify:ephemeral": "true"}, `gcnotify:ephemeral: got "true"`},
		"min above desired":                      {"dev", map[string]string{"gcnotify:eks": `{"instanceType":"c7i.xlarge","desiredSize":2,"minSize":3,"maxSize":7}`}, `gcnotify:eks.desiredSize: got "2", want at least eks.minSize (3)`},
		"misspelt key":                           {"dev", map[string]string{"gcnotify:ekss": `{}`}, `gcnotify:ekss: unknown key`},
		"misspelt object field":                  {"dev", map[string]string{"gcnotify:eks": `{"instanceTypes":"c7i.xlarge"}`}, `gcnotify:eks: value`},
		"not a boolean":                          {"dev", map[string]string{"gcnotify:forceDestroy": "yes"}, `gcnotify:forceDestroy: value "yes" is not a valid boolean`},
		"zone not a parent of the domain":        {"dev", map[string]string{"gcnotify:dns": `{"zoneName":"example.org","roleArn":"arn:aws:iam::239043911459:role/x"}`}, `gcnotify:dns.zoneName: got "example.org"`},
		"foreign zone without a role":            {"dev", map[string]string{"gcnotify:dns": `{"zoneName":"notification.cdssandbox.xyz"}`}, `gcnotify:dns.roleArn: got ""`},
		"public vpc range":                       {"dev", map[string]string{"gcnotify:network": `{"vpcCidr":"8.8.0.0/16"}`}, `gcnotify:network.vpcCidr: got "8.8.0.0/16"`},
		"zone of another region":                 {"dev", map[string]string{"gcnotify:network": `{"availabilityZones":["ca-central-1a","ca-central-1b","us-east-1a"]}`}, `gcnotify:network.availabilityZones[2]: got "us-east-1a"`},
		"environment name too long":              {"dev", map[string]string{"gcnotify:environment": "development-1"}, `gcnotify:environment: got "development-1"`},
		"backup in the primary region":           {"dev", map[string]string{"gcnotify:regions": `{"backup":"ca-central-1"}`}, `gcnotify:regions.backup: got "ca-central-1"`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := loadStack(t, tc.stack, tc.override)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestMinSizeAboveMaxSizeIsReportedDirectly(t *testing.T) {
	_, err := loadStack(t, "dev", map[string]string{"gcnotify:eks": `{"instanceType":"c7i.xlarge","desiredSize":8,"minSize":9,"maxSize":7}`})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `gcnotify:eks.minSize: got "9", want at most eks.maxSize (7)`)
	assert.NotContains(t, err.Error(), "eks.desiredSize", "no desired size can fit: the bounds are the problem")
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "eks.minSize", ce.Key)
}

// TestUnreadableValuesDoNotHideOtherProblems: a misspelt key and a value of the wrong type are
// reported with every value problem of the keys that could be read, in one run; the key that
// could not be read is not also reported through its default.
func TestUnreadableValuesDoNotHideOtherProblems(t *testing.T) {
	_, err := loadStack(t, "dev", map[string]string{
		"gcnotify:ekss":             `{}`,
		"gcnotify:forceDestroy":     "yes",
		"gcnotify:eks":              `{"instanceType":"c7i.xlarge","desiredSize":"five","minSize":1,"maxSize":7}`,
		"gcnotify:logRetentionDays": "13",
		"gcnotify:wafNewRuleMode":   "allow",
	})
	require.Error(t, err)
	msg := err.Error()
	for _, want := range []string{`gcnotify:ekss: unknown key`, `gcnotify:forceDestroy: value "yes" is not a valid boolean`,
		`desiredSize: got a string`, `gcnotify:logRetentionDays: got "13"`, `gcnotify:wafNewRuleMode: got "allow"`} {
		assert.Contains(t, msg, want)
	}
	assert.NotContains(t, msg, "gcnotify:eks.", "eks could not be read: its defaults are not validated")
	var ke *KeyError
	require.ErrorAs(t, err, &ke)
	keys := map[string]bool{}
	for _, p := range flatten(err) {
		if errors.As(p, &ke) {
			keys[ke.Path()] = true
		}
	}
	assert.Equal(t, map[string]bool{"ekss": true, "forceDestroy": true, "eks.desiredSize": true}, keys,
		"each unreadable value names its key (and the object field at fault)")
}

func TestEphemeralStackIsUnprotected(t *testing.T) {
	c, err := loadStack(t, "dev", map[string]string{"gcnotify:environment": "drill1122", "gcnotify:ephemeral": "true"})
	require.NoError(t, err)
	assert.False(t, c.Protect())
	assert.Equal(t, "notification-canada-ca-drill1122", c.Prefix())
}

func TestWrongTypesAreExplainedInTheStackFilesTerms(t *testing.T) {
	for name, tc := range map[string]struct{ key, value, want string }{
		"string for a number": {"gcnotify:eks", `{"instanceType":"c7i.xlarge","desiredSize":"five","minSize":1,"maxSize":7}`,
			`desiredSize: got a string, want a whole number`},
		"unknown field": {"gcnotify:eks", `{"instanceTypes":"c7i.xlarge"}`, `unknown field "instanceTypes"`},
		"not a boolean": {"gcnotify:ephemeral", "yes", `value "yes" is not a valid boolean (true or false)`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := loadStack(t, "dev", map[string]string{tc.key: tc.value})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), "Go struct", "no Go internals in what operators read")
		})
	}
}

func TestToolsConfigurationIsValidated(t *testing.T) {
	_, err := loadStack(t, "production", map[string]string{
		"gcnotify:clientVpn":     `{"clientCidr":"10.0.8.0/22","samlProviderName":"bad name"}`,
		"gcnotify:databaseTools": `{"instanceClass":"m5.large"}`,
		"gcnotify:athena":        `{"bytesScannedCutoffGiB":0}`,
		"gcnotify:features":      `{"adminReviewApps":true,"promotedAdminImage":true}`,
	})
	require.Error(t, err)
	for _, want := range []string{"clientVpn.clientCidr", "a block outside the VPC's 10.0.0.0/16", "clientVpn.samlProviderName",
		"databaseTools.instanceClass", "athena.bytesScannedCutoffGiB", "features.adminReviewApps"} {
		assert.Contains(t, err.Error(), want)
	}
	c, err := loadStack(t, "dev", map[string]string{"gcnotify:clientVpn": `{"enabled":false}`, "gcnotify:databaseTools": `{"enabled":false}`})
	require.NoError(t, err)
	assert.False(t, c.ClientVPN.On())
	assert.False(t, c.DatabaseTools.On())
	assert.Empty(t, c.toolRepositories(), "no Blazer repository without Blazer")
}
