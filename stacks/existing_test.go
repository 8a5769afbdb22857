package stacks

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

// TestProductionWritesItsRecordsThroughTheDNSAccount: the committed production file names
// the role of the account that owns notification.canada.ca, so the zone is another account's.
func TestProductionWritesItsRecordsThroughTheDNSAccount(t *testing.T) {
	c, err := loadStack(t, "production", nil)
	require.NoError(t, err)
	account, zone, ok := c.ForeignZone()
	assert.True(t, ok)
	assert.Equal(t, pulumimock.ProductionDNSAccount, account)
	assert.Equal(t, "notification.canada.ca", zone)
}

func TestDNSRoleMustBeTheZoneOwnersWhenTheZoneIsAnotherAccounts(t *testing.T) {
	own := `{"zoneName":"notification.cdssandbox.xyz","roleArn":"arn:aws:iam::800095993820:role/dev_dns_manager_role"}`
	_, err := loadStack(t, "dev", map[string]string{"gcnotify:dns": own})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `gcnotify:dns.roleArn: got "arn:aws:iam::800095993820:role/dev_dns_manager_role", want a role in the account that owns the zone notification.cdssandbox.xyz, not in this environment's account 800095993820`)

	// Staging creates its zone: no role, nothing to refuse.
	_, err = loadStack(t, "staging", nil)
	require.NoError(t, err)
}

func TestExistingSingletonsAreValidated(t *testing.T) {
	_, err := loadStack(t, "dev", map[string]string{"gcnotify:existing": `{
		"githubOidcProviderArn": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
		"snsDeliveryRoleArn": "arn:aws:iam::111122223333:role/sns-delivery-role",
		"sesReceiptRuleSet": "-main"}`})
	require.Error(t, err)
	for _, want := range []string{
		`gcnotify:existing.githubOidcProviderArn: got "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", want empty (the provider is created) or this account's GitHub OIDC provider, arn:aws:iam::800095993820:oidc-provider/token.actions.githubusercontent.com`,
		`gcnotify:existing.snsDeliveryRoleArn: got "arn:aws:iam::111122223333:role/sns-delivery-role"`,
		`gcnotify:existing.sesReceiptRuleSet: got "-main"`,
	} {
		assert.Contains(t, err.Error(), want)
	}
	_, err = loadStack(t, "dev", map[string]string{"gcnotify:existing": `{"securityHubs": true}`})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown field "securityHubs"`)
}

// TestExistingSingletonsAreUsedInsteadOfCreated is a first deployment into an account today's
// Terraform built: each singleton that exists is used, and the zone's records are taken over.
func TestExistingSingletonsAreUsedInsteadOfCreated(t *testing.T) {
	cfg := pulumimock.StackConfig(t, "production")
	oidc := "arn:aws:iam::296255494825:oidc-provider/token.actions.githubusercontent.com"
	role := "arn:aws:iam::296255494825:role/sns-delivery-role"
	cfg["gcnotify:existing"] = `{"githubOidcProviderArn":"` + oidc + `","securityHub":true,"sesReceiptRuleSet":"main",` +
		`"snsDeliveryRoleArn":"` + role + `","dnsRecords":true}`
	m, err := pulumimock.Run(t, "production", cfg, Program)
	require.NoError(t, err)

	_, found := m.Find("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "ci-github")
	assert.False(t, found, "the GitHub OIDC provider exists already")
	for _, typ := range []string{"aws:securityhub/account:Account",
		"aws:securityhub/standardsSubscription:StandardsSubscription", "aws:ses/receiptRuleSet:ReceiptRuleSet",
		"aws:ses/activeReceiptRuleSet:ActiveReceiptRuleSet"} {
		assert.Empty(t, m.ByType(typ), "%s exists already", typ)
	}
	_, found = m.Find("aws:iam/role:Role", "sms-delivery-role")
	assert.False(t, found, "sns-delivery-role exists already")
	for _, p := range m.ByType("aws:sns/smsPreferences:SmsPreferences") {
		assert.Equal(t, role, p.String("deliveryStatusIamRoleArn"))
	}
	trusted := 0
	for _, r := range m.ByType("aws:iam/role:Role") {
		if strings.Contains(r.String("assumeRolePolicy"), oidc) {
			trusted++
		}
	}
	assert.Greater(t, trusted, 2, "the CI roles trust the existing provider")
	assert.Equal(t, "main", m.Get(t, "aws:ses/receiptRule:ReceiptRule", "email-receiving-rule").String("ruleSetName"))

	overwritten := map[string]bool{}
	for _, r := range m.ByType("aws:route53/record:Record") {
		if r.Input("allowOverwrite") == true {
			overwritten[r.String("name")+" "+r.String("type")] = true
		}
	}
	for _, want := range []string{"notification.canada.ca A", "notification.canada.ca MX", "_dmarc.notification.canada.ca TXT",
		"bounce.notification.canada.ca MX"} {
		assert.True(t, overwritten[want], "%s is taken over", want)
	}
	for _, adopted := range []string{"_amazonses.notification.canada.ca TXT", "bounce.notification.canada.ca TXT",
		"api.notification.canada.ca A", "notification.prv A"} {
		assert.False(t, overwritten[adopted], "%s is not overwritten", adopted)
	}

	// Without existing: everything is created, nothing is overwritten.
	m, err = pulumimock.Run(t, "production", pulumimock.StackConfig(t, "production"), Program)
	require.NoError(t, err)
	_, found = m.Find("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "ci-github")
	assert.True(t, found)
	assert.Len(t, m.ByType("aws:securityhub/account:Account"), 1)
	assert.Len(t, m.ByType("aws:ses/receiptRuleSet:ReceiptRuleSet"), 1)
	for _, r := range m.ByType("aws:route53/record:Record") {
		assert.Nil(t, r.Input("allowOverwrite"), r.Name)
	}
}
