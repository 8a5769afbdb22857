package stacks

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

// TestDevRestoresStagingsSharedSnapshot: staging's main key encrypts its cluster and so its
// snapshots; dev can restore one only if that key lets dev's RDS decrypt it, and dev's cluster
// is then encrypted with dev's own key.
func TestDevRestoresStagingsSharedSnapshot(t *testing.T) {
	m, err := pulumimock.Run(t, "staging", pulumimock.StackConfig(t, "staging"), Program)
	require.NoError(t, err)
	policy := m.Get(t, "aws:kms/key:Key", "keys-main").String("policy")
	assert.Contains(t, policy, `"Sid":"OtherAccountsRestoreSnapshots"`)
	assert.Contains(t, policy, "arn:aws:iam::800095993820:root", "dev's account may use staging's main key")

	shared := "arn:aws:rds:ca-central-1:239043911459:cluster-snapshot:notification-canada-ca-staging-for-dev"
	cfg := pulumimock.StackConfig(t, "dev")
	cfg["gcnotify:database"] = `{"instanceClass":"db.t3.medium","snapshotIdentifier":"` + shared + `"}`
	m, err = pulumimock.Run(t, "dev", cfg, Program)
	require.NoError(t, err)
	cluster := m.Get(t, "aws:rds/cluster:Cluster", "database-cluster")
	assert.Equal(t, shared, cluster.String("snapshotIdentifier"))
	key := m.Get(t, "aws:kms/key:Key", "keys-main")
	assert.Equal(t, key.Outputs["arn"].StringValue(), cluster.String("kmsKeyId"), "RDS re-encrypts the restore with dev's key")
	assert.NotContains(t, key.String("policy"), "OtherAccountsRestoreSnapshots", "dev shares with nobody")

	for name, bad := range map[string]string{
		"another region": "arn:aws:rds:us-east-1:239043911459:cluster-snapshot:x",
		"not a cluster":  "arn:aws:rds:ca-central-1:239043911459:snapshot:x",
		"own account":    `{"instanceClass":"db.t3.medium","snapshotShareAccounts":["800095993820"]}`,
	} {
		t.Run(name, func(t *testing.T) {
			value := `{"instanceClass":"db.t3.medium","snapshotIdentifier":"` + bad + `"}`
			key := "database.snapshotIdentifier"
			if strings.HasPrefix(bad, "{") {
				value, key = bad, "database.snapshotShareAccounts[0]"
			}
			_, err := loadStack(t, "dev", map[string]string{"gcnotify:database": value})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "gcnotify:"+key+": got")
		})
	}
}

// TestEmailIsDeliveredAsToday: GC Notify sends with SES's opportunistic TLS today; requiring
// TLS would bounce every notification to a mail server without STARTTLS.
func TestEmailIsDeliveredAsToday(t *testing.T) {
	eachEnvironment(t, func(t *testing.T, stack string, m *pulumimock.Mocks) {
		set := m.Get(t, "aws:sesv2/configurationSet:ConfigurationSet", "email-configuration-set")
		assert.Equal(t, map[string]any{"tlsPolicy": "OPTIONAL"}, set.Input("deliveryOptions"))
	})
}

// TestPrivateZoneNamesTheInternalLoadBalancer: notification.prv holds, as today, its apex
// aliased to the internal load balancer and a wildcard to the apex.
func TestPrivateZoneNamesTheInternalLoadBalancer(t *testing.T) {
	eachEnvironment(t, func(t *testing.T, stack string, m *pulumimock.Mocks) {
		zone := m.Get(t, "aws:route53/zone:Zone", "dns-private-zone")
		apex := m.Get(t, "aws:route53/record:Record", "loadbalancer-internal-alias")
		wildcard := m.Get(t, "aws:route53/record:Record", "loadbalancer-internal-wildcard")
		for _, r := range []struct {
			rec        pulumimock.Resource
			name, kind string
		}{{apex, "notification.prv", "A"}, {wildcard, "*.notification.prv", "CNAME"}} {
			assert.Equal(t, zone.Outputs["zoneId"].StringValue(), r.rec.String("zoneId"), "%s is in the private zone", r.name)
			assert.Equal(t, r.name, r.rec.String("name"))
			assert.Equal(t, r.kind, r.rec.String("type"))
			assert.NotContains(t, r.rec.Provider, "aws-dns", "the private zone is the environment's own")
		}
		internal := m.Get(t, "aws:lb/loadBalancer:LoadBalancer", "loadbalancer-internal-alb")
		assert.Equal(t, internal.Outputs["dnsName"].StringValue(), apex.Input("aliases").([]any)[0].(map[string]any)["name"])
	})
}

// TestScanVerdictsReachTheAPI: where documents are scanned, the verdict rule posts to the
// API's callback with the token the operator set; without the token it is left out, with a
// warning, rather than sending verdicts the API would refuse.
func TestScanVerdictsReachTheAPI(t *testing.T) {
	cfg := pulumimock.StackConfig(t, "production")
	cfg["gcnotify:"+ScanVerdictTokenKey] = "token-from-pulumi-config"
	m, err := pulumimock.Run(t, "production", cfg, Program)
	require.NoError(t, err)
	dest := m.Get(t, "aws:cloudwatch/eventApiDestination:EventApiDestination", "storage-scan-verdict")
	assert.Equal(t, "https://api.notification.canada.ca/templates/scan-verdict-callback", dest.String("invocationEndpoint"))
	conn := m.Get(t, "aws:cloudwatch/eventConnection:EventConnection", "storage-scan-verdict")
	assert.Equal(t, "token-from-pulumi-config", conn.Input("authParameters").(map[string]any)["apiKey"].(map[string]any)["value"])
	rule := m.Get(t, "aws:cloudwatch/eventRule:EventRule", "storage-scan-verdict")
	assert.Contains(t, rule.String("eventPattern"), "notification-canada-ca-production-document-download-scan-files")

	m, err = pulumimock.Run(t, "production", pulumimock.StackConfig(t, "production"), Program)
	require.NoError(t, err)
	assert.Empty(t, m.ByType("aws:cloudwatch/eventConnection:EventConnection"), "no token, no callback")

	cfg = pulumimock.StackConfig(t, "dev")
	cfg["gcnotify:"+ScanVerdictTokenKey] = "token"
	m, err = pulumimock.Run(t, "dev", cfg, Program)
	require.NoError(t, err)
	assert.Empty(t, m.ByType("aws:cloudwatch/eventConnection:EventConnection"), "dev scans nothing")
}
