package stacks

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/secrets"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

var environments = []string{"dev", "staging", "production"}

// eachEnvironment runs check in a subtest per environment, over the program composed from that
// environment's stack file.
func eachEnvironment(t *testing.T, check func(t *testing.T, stack string, m *pulumimock.Mocks)) {
	for _, stack := range environments {
		t.Run(stack, func(t *testing.T) {
			m, err := pulumimock.Run(t, stack, pulumimock.StackConfig(t, stack), Program)
			require.NoError(t, err)
			check(t, stack, m)
		})
	}
}

func TestEveryEnvironmentComposesUnderMocks(t *testing.T) {
	eachEnvironment(t, func(t *testing.T, stack string, m *pulumimock.Mocks) {
		providers := m.ByType("pulumi:providers:aws")
		require.NotEmpty(t, providers)
		for _, p := range providers {
			tags := p.Input("defaultTags").(map[string]any)["tags"].(map[string]any)
			assert.Equal(t, stack, tags["Environment"], "provider %s", p.Name)
			assert.Equal(t, "notification-canada-ca-"+stack, tags["CostCenter"], "provider %s", p.Name)
			assert.NotEmpty(t, p.Input("allowedAccountIds"), "provider %s pins its account", p.Name)
		}
		for _, r := range m.Resources() {
			if r.Custom && r.Type != "pulumi:providers:aws" {
				assert.NotEmpty(t, r.Provider, "%s %s has an explicit provider", r.Type, r.Name)
			}
		}
	})
}

func TestInvalidConfigurationRegistersNothing(t *testing.T) {
	cfg := pulumimock.StackConfig(t, "dev")
	cfg["gcnotify:accountId"] = "nope"
	cfg["gcnotify:logRetentionDays"] = "11"
	m, err := pulumimock.Run(t, "dev", cfg, Program)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "gcnotify:accountId")
	assert.Contains(t, err.Error(), "gcnotify:logRetentionDays")
	assert.Empty(t, m.Resources(), "nothing is registered when the configuration is invalid")
}

func TestDNSProviderAssumesTheZoneOwnersRole(t *testing.T) {
	m, err := pulumimock.Run(t, "dev", pulumimock.StackConfig(t, "dev"), Program)
	require.NoError(t, err)
	dns := m.Get(t, "pulumi:providers:aws", "aws-dns")
	assert.Equal(t, "arn:aws:iam::239043911459:role/dev_dns_manager_role", dns.Input("assumeRole").(map[string]any)["roleArn"])
	assert.Equal(t, []any{"239043911459"}, dns.Input("allowedAccountIds"))

	m, err = pulumimock.Run(t, "staging", pulumimock.StackConfig(t, "staging"), Program)
	require.NoError(t, err)
	_, found := m.Find("pulumi:providers:aws", "aws-dns")
	assert.False(t, found, "staging owns its zone and writes it with the primary provider")
}

func TestSecretsTheChartsReadAreComposed(t *testing.T) {
	eachEnvironment(t, func(t *testing.T, stack string, m *pulumimock.Mocks) {
		names := map[string]bool{}
		for _, s := range m.ByType("aws:secretsmanager/secret:Secret") {
			names[s.String("name")] = true
		}
		versions := map[string]bool{}
		for _, v := range m.ByType("aws:secretsmanager/secretVersion:SecretVersion") {
			versions[v.Name] = true
		}
		for _, e := range secrets.Catalogue() {
			assert.True(t, names[e.Name], "secret %s exists", e.Name)
			logical := "secrets-" + strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(e.Name, "MANIFEST_"), "_", "-"))
			assert.Equal(t, e.Source == secrets.Derived, versions[logical], "%s (%s) has a version only when derived", e.Name, e.Source)
		}
		proxy := m.Get(t, "aws:rds/proxy:Proxy", "database-proxy")
		assert.Len(t, proxy.Input("auths"), 2, "the proxy accepts the master user and the application user")
	})
}

// TestProductionWaitsForItsPreSeededCertificates: production's validation records live in the
// DNS account, so none are written, but the listener and CloudFront still get issued
// certificates only (a certificate pending validation is refused by both).
func TestProductionWaitsForItsPreSeededCertificates(t *testing.T) {
	m, err := pulumimock.Run(t, "production", pulumimock.StackConfig(t, "production"), Program)
	require.NoError(t, err)
	validations := m.ByType("aws:acm/certificateValidation:CertificateValidation")
	assert.Len(t, validations, 2, "both certificates are awaited")
	for _, v := range validations {
		assert.Empty(t, v.Input("validationRecordFqdns"), "%s: the records are pre-seeded", v.Name)
	}
	for _, r := range m.ByType("aws:route53/record:Record") {
		assert.NotContains(t, r.Name, "-validation-", "no validation record is written")
	}
}

// TestCachesPublishToNoEncryptedTopic: ElastiCache cannot publish events to a KMS-encrypted
// topic, and every topic of the program is encrypted.
func TestCachesPublishToNoEncryptedTopic(t *testing.T) {
	m, err := pulumimock.Run(t, "dev", pulumimock.StackConfig(t, "dev"), Program)
	require.NoError(t, err)
	groups := m.ByType("aws:elasticache/replicationGroup:ReplicationGroup")
	require.Len(t, groups, 2)
	for _, g := range groups {
		assert.Nil(t, g.Input("notificationTopicArn"), g.Name)
	}
}

// TestCIPushesEveryLambdaImageInItsRegion: a Lambda's image must be in the function's region,
// so the push grants cover the repositories of every region, not the primary's only.
func TestCIPushesEveryLambdaImageInItsRegion(t *testing.T) {
	m, err := pulumimock.Run(t, "dev", pulumimock.StackConfig(t, "dev"), Program)
	require.NoError(t, err)
	var policies strings.Builder
	for _, p := range m.ByType("aws:iam/rolePolicy:RolePolicy") {
		policies.WriteString(p.String("policy"))
	}
	for _, repo := range []string{"notify/ses_receiving_emails", "notify/sns_to_sqs_sms_callbacks", "notify/pinpoint_to_sqs_sms_callbacks"} {
		assert.Contains(t, policies.String(), "arn:aws:ecr:*:800095993820:repository/"+repo)
	}
}

// TestQueueAlarmsWatchThePrimaryRegionsQueuesAndDeadLetters: alarms live in ca-central-1, so the
// us-west-2 receipts queue is not among them (its metric does not exist there), and every
// dead-letter queue of the primary region is.
func TestQueueAlarmsWatchThePrimaryRegionsQueuesAndDeadLetters(t *testing.T) {
	m, err := pulumimock.Run(t, "dev", pulumimock.StackConfig(t, "dev"), Program)
	require.NoError(t, err)
	dlqAlarms := 0
	for _, a := range m.ByType("aws:cloudwatch/metricAlarm:MetricAlarm") {
		if a.Input("namespace") != "AWS/SQS" {
			continue
		}
		dims, _ := a.Input("dimensions").(map[string]any)
		q, _ := dims["QueueName"].(string)
		assert.NotContains(t, q, "usdelivery-receipts", "%s watches a us-west-2 queue from ca-central-1", a.Name)
		if strings.Contains(q, "dlq") {
			dlqAlarms++
		}
	}
	assert.GreaterOrEqual(t, dlqAlarms, 6, "the primary region's dead-letter queues are watched")
}

// TestSSOAdminRolesGetAccessEntries: IAM Identity Center roles have upper case and underscores
// in their names; their access entries are labelled in the form the cluster accepts.
func TestSSOAdminRolesGetAccessEntries(t *testing.T) {
	cfg := pulumimock.StackConfig(t, "dev")
	sso := "arn:aws:iam::800095993820:role/aws-reserved/sso.amazonaws.com/ca-central-1/AWSReservedSSO_AdministratorAccess_0123abcd4567ef89"
	cfg["gcnotify:eks"] = `{"instanceType":"m7i-flex.xlarge","desiredSize":5,"minSize":1,"maxSize":7,"adminRoleArns":["` + sso + `"]}`
	m, err := pulumimock.Run(t, "dev", cfg, Program)
	require.NoError(t, err)
	found := false
	for _, e := range m.ByType("aws:eks/accessEntry:AccessEntry") {
		found = found || e.String("principalArn") == sso
	}
	assert.True(t, found, "the SSO role has an access entry")
	assert.Equal(t, "awsreservedsso-administratoraccess-0123abcd4567ef89", accessEntryLabel(sso))
}

// TestEachLambdaHasOneErrorAlarmPerSeverity: the primary region's functions are alarmed by
// monitoring, the other regions' by the functions component; nobody is paged twice.
func TestEachLambdaHasOneErrorAlarmPerSeverity(t *testing.T) {
	m, err := pulumimock.Run(t, "dev", pulumimock.StackConfig(t, "dev"), Program)
	require.NoError(t, err)
	seen := map[string]int{}
	for _, a := range m.ByType("aws:cloudwatch/metricAlarm:MetricAlarm") {
		if a.Input("namespace") != "AWS/Lambda" || a.Input("metricName") != "Errors" {
			continue
		}
		dims, _ := a.Input("dimensions").(map[string]any)
		key := fmt.Sprintf("%v|%s|%v", dims["FunctionName"], a.Provider, a.Input("threshold"))
		seen[key]++
	}
	require.NotEmpty(t, seen)
	for k, n := range seen {
		assert.Equal(t, 1, n, "%s has %d identical error alarms", k, n)
	}
}

// TestVPCFunctionsReachTheDataStores: system_status runs in the VPC and reads the database
// through the proxy, so the proxy's security group admits the functions' group; it reads no
// cache, so the caches do not.
func TestVPCFunctionsReachTheDataStores(t *testing.T) {
	m, err := pulumimock.Run(t, "dev", pulumimock.StackConfig(t, "dev"), Program)
	require.NoError(t, err)
	var from []string
	for _, r := range m.ByType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
		if strings.HasSuffix(r.Name, "-from-lambda-vpc") {
			from = append(from, r.Name)
		}
	}
	assert.Contains(t, from, "database-proxy-from-lambda-vpc")
	assert.NotContains(t, from, "cache-from-lambda-vpc")
}

func TestLoadBalancersWaitForTheLogBucketPolicy(t *testing.T) {
	eachEnvironment(t, func(t *testing.T, stack string, m *pulumimock.Mocks) {
		policy := m.Get(t, "aws:s3/bucketPolicy:BucketPolicy", "storage-alb-logs-policy")
		for _, name := range []string{"loadbalancer-alb", "loadbalancer-internal-alb"} {
			lb := m.Get(t, "aws:lb/loadBalancer:LoadBalancer", name)
			assert.Contains(t, lb.Dependencies, policy.URN, "%s turns access logs on once ELB may write them", name)
			assert.Equal(t, "notification-canada-ca-"+stack+"-alb-logs", lb.Input("accessLogs").(map[string]any)["bucket"])
		}
	})
}
