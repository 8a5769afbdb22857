package email

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

type env struct {
	name, account, domain string
	custom                []string
}

var environments = []env{
	{name: "dev", account: "800095993820", domain: "dev.notification.cdssandbox.xyz"},
	{name: "staging", account: "239043911459", domain: "staging.notification.cdssandbox.xyz"},
	{name: "production", account: "296255494825", domain: "notification.canada.ca",
		custom: []string{"trvapply-vrtdemande.apps.cic.gc.ca"}},
}

const (
	callback = "arn:aws:sns:ca-central-1:123456789012:ses-callback"
	function = "arn:aws:lambda:us-east-1:123456789012:function:ses_receiving_emails"
)

func run(t *testing.T, e env, mutate func(*Args)) (*pulumimock.Mocks, []string, error) {
	var got componenttest.Capture
	m, err := pulumimock.Run(t, e.name, nil, func(ctx *pulumi.Context) error {
		primary := componenttest.Provider(ctx, "aws-ca-central-1", "ca-central-1", e.account)
		dns := componenttest.Provider(ctx, "aws-dns", "ca-central-1", e.account)
		args := Args{
			Placement:        componenttest.Placement(ctx, e.name, e.account),
			Domain:           e.domain,
			CallbackTopicArn: pulumi.String(callback), ZoneID: pulumi.String("ZONE" + e.name), DNSProvider: dns,
			CustomDomains: e.custom, Protect: true, ReceivingFunctionArn: pulumi.String(function),
		}
		if mutate != nil {
			mutate(&args)
		}
		em, err := New(ctx, "email", args, pulumi.Provider(primary))
		if err != nil {
			return err
		}
		got.Strings(ctx, "dkim", em.DkimRecordNames)
		return nil
	})
	return m, got.List("dkim"), err
}

func TestEmailAcrossEnvironments(t *testing.T) {
	for _, e := range environments {
		t.Run(e.name, func(t *testing.T) {
			m, dkimNames, err := run(t, e, nil)
			require.NoError(t, err)
			prefix := "notification-canada-ca-" + e.name

			set := m.Get(t, "aws:sesv2/configurationSet:ConfigurationSet", "email-configuration-set")
			assert.Equal(t, prefix+"-email", set.String("configurationSetName"))
			assert.Equal(t, "arn:aws:ses:ca-central-1:"+e.account+":configuration-set/"+prefix+"-email",
				ConfigurationSetArn("ca-central-1", e.account, prefix))
			assert.Equal(t, map[string]any{"tlsPolicy": "REQUIRE"}, set.Input("deliveryOptions"))
			assert.Equal(t, map[string]any{"reputationMetricsEnabled": true}, set.Input("reputationOptions"))

			identities := map[string]pulumimock.Resource{}
			for _, id := range m.ByType("aws:sesv2/emailIdentity:EmailIdentity") {
				identities[id.String("emailIdentity")] = id
			}
			assert.Len(t, identities, 1+len(e.custom))
			for _, domain := range append([]string{e.domain}, e.custom...) {
				id, ok := identities[domain]
				require.True(t, ok, domain)
				key := "email"
				if domain != e.domain {
					key = "email-" + Slug(domain)
				}
				assert.Equal(t, key+"-identity", id.Name)
				assert.True(t, id.Protect, "losing an identity loses its DKIM verification")
				assert.Contains(t, id.Provider, "aws-ca-central-1")
				assert.Equal(t, prefix+"-email", id.String("configurationSetName"), "default configuration set")
				assert.Equal(t, IdentityArn("ca-central-1", e.account, domain), id.Outputs["arn"].StringValue(),
					"senders' policies name the identity by this ARN before it exists")
				assert.Equal(t, "RSA_2048_BIT", id.Input("dkimSigningAttributes").(map[string]any)["nextSigningKeyLength"])

				from := m.Get(t, "aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes", key+"-mail-from")
				assert.Equal(t, "bounce."+domain, from.String("mailFromDomain"))
				assert.Equal(t, "USE_DEFAULT_VALUE", from.String("behaviorOnMxFailure"))
				assert.Equal(t, domain, from.String("emailIdentity"))

				var topicURNs []string
				for _, typ := range []string{"bounce", "complaint", "delivery"} {
					n := m.Get(t, "aws:ses/identityNotificationTopic:IdentityNotificationTopic", key+"-notify-"+typ)
					assert.Equal(t, domain, n.String("identity"))
					assert.Equal(t, strings.ToUpper(typ[:1])+typ[1:], n.String("notificationType"))
					assert.Equal(t, callback, n.String("topicArn"))
					topicURNs = append(topicURNs, n.Type+"::"+n.Name)
				}
				fb := m.Get(t, "aws:sesv2/emailIdentityFeedbackAttributes:EmailIdentityFeedbackAttributes", key+"-feedback")
				assert.Equal(t, false, fb.Input("emailForwardingEnabled"))
				for _, topic := range topicURNs {
					assert.True(t, dependsOn(fb, topic), "forwarding stops only once notifications go to the topic: %s", topic)
				}
			}

			main := identities[e.domain]
			tokens := main.Outputs["dkimSigningAttributes"].ObjectValue()["tokens"].ArrayValue()
			require.Len(t, tokens, 3)
			var wantNames []string
			for i, tok := range tokens {
				r := m.Get(t, "aws:route53/record:Record", "email-dkim-"+string(rune('1'+i)))
				wantNames = append(wantNames, tok.StringValue()+"._domainkey."+e.domain)
				assert.Equal(t, wantNames[i], r.String("name"))
				assert.Equal(t, "CNAME", r.String("type"))
				assert.Equal(t, []any{tok.StringValue() + ".dkim.amazonses.com"}, r.Input("records"))
			}
			assert.Equal(t, wantNames, dkimNames)

			records := map[string]pulumimock.Resource{}
			for _, r := range m.ByType("aws:route53/record:Record") {
				assert.Contains(t, r.Provider, "aws-dns", r.Name)
				assert.Equal(t, "ZONE"+e.name, r.String("zoneId"), r.Name)
				assert.True(t, strings.HasSuffix(r.String("name"), e.domain), "%s: custom domains' records are their owners'", r.Name)
				records[r.Name] = r
			}
			assert.Len(t, records, 8)
			mx := records["email-mail-from-mx"]
			assert.Equal(t, "bounce."+e.domain, mx.String("name"))
			assert.Equal(t, []any{"10 feedback-smtp.ca-central-1.amazonses.com"}, mx.Input("records"))
			spf := records["email-mail-from-spf"]
			assert.Equal(t, "bounce."+e.domain, spf.String("name"))
			assert.Equal(t, []any{"v=spf1 include:amazonses.com ~all"}, spf.Input("records"))
			dmarc := records["email-dmarc"]
			assert.Equal(t, "_dmarc."+e.domain, dmarc.String("name"))
			assert.Equal(t, []any{DefaultDMARC}, dmarc.Input("records"))
			inbound := records["email-inbound-mx"]
			assert.Equal(t, e.domain, inbound.String("name"), "replies go to @<domain>")
			assert.Equal(t, []any{"10 inbound-smtp.us-east-1.amazonaws.com"}, inbound.Input("records"))

			recv := m.Get(t, "aws:ses/domainIdentity:DomainIdentity", "email-receiving-identity")
			assert.Equal(t, e.domain, recv.String("domain"))
			assert.Equal(t, []any{recv.Outputs["verificationToken"].StringValue()}, records["email-receiving-verification"].Input("records"))
			assert.Equal(t, "_amazonses."+e.domain, records["email-receiving-verification"].String("name"))

			ruleSet := m.Get(t, "aws:ses/receiptRuleSet:ReceiptRuleSet", "email-rule-set")
			assert.Equal(t, "main", ruleSet.String("ruleSetName"))
			active := m.Get(t, "aws:ses/activeReceiptRuleSet:ActiveReceiptRuleSet", "email-active-rule-set")
			assert.Equal(t, "main", active.String("ruleSetName"))
			perm := m.Get(t, "aws:lambda/permission:Permission", "email-receiving-invoke")
			assert.Equal(t, "ses.amazonaws.com", perm.String("principal"))
			assert.Equal(t, function, perm.String("function"))
			assert.Equal(t, e.account, perm.String("sourceAccount"))
			assert.Equal(t, "arn:aws:ses:us-east-1:"+e.account+":receipt-rule-set/main:receipt-rule/"+prefix+"-receiving-emails",
				perm.String("sourceArn"))
			rule := m.Get(t, "aws:ses/receiptRule:ReceiptRule", "email-receiving-rule")
			assert.Equal(t, prefix+"-receiving-emails", rule.String("name"))
			assert.Equal(t, []any{e.domain}, rule.Input("recipients"))
			assert.Equal(t, true, rule.Input("scanEnabled"))
			assert.Equal(t, "Require", rule.String("tlsPolicy"))
			assert.Equal(t, []any{map[string]any{"functionArn": function, "invocationType": "Event", "position": 1.0}},
				rule.Input("lambdaActions"))
			assert.True(t, dependsOn(rule, perm.Type+"::"+perm.Name), "SES checks the permission when the rule is created")
			for _, r := range []pulumimock.Resource{recv, ruleSet, active, perm, rule} {
				assert.Contains(t, r.Provider, "providers:aws::email::", r.Name)
			}

			componenttest.AssertChildren(t, m, "gcnotify:email:Email")
		})
	}
}

func TestEmailRefusesBadArgsBeforeRegistering(t *testing.T) {
	m, _, err := run(t, environments[0], func(a *Args) {
		a.AccountID = "abc"
		a.Domain = "not a domain"
		a.CustomDomains = []string{"dup.example.ca", "dup.example.ca"}
		a.TLSPolicy = "SOMETIMES"
		a.EmailRegion = "east"
		a.CallbackTopicArn = nil
		a.ReceivingFunctionArn = nil
		a.NamePrefix = strings.Repeat("x", 60)
	})
	require.Error(t, err)
	for _, want := range []string{`AccountID: got "abc"`, `Domain: got "not a domain"`, `CustomDomains: got "dup.example.ca"`,
		`TLSPolicy: got "SOMETIMES"`, `EmailRegion: got "east"`, "CallbackTopicArn: got nil", "ReceivingFunctionArn: got nil",
		"NamePrefix: got"} {
		assert.Contains(t, err.Error(), want)
	}
	componenttest.AssertOnlyProviders(t, m, 4, "the primary, SMS, email and DNS providers")
}

// dependsOn reports whether r depends on the resource of "<type>::<name>" (the mocks record
// dependencies as URNs).
func dependsOn(r pulumimock.Resource, typeAndName string) bool {
	for _, d := range r.Dependencies {
		if strings.HasSuffix(d, "$"+typeAndName) || strings.HasSuffix(d, "::"+typeAndName) {
			return true
		}
	}
	return false
}

// TestEmailJoinsAnExistingRuleSetAndOverwritesOnlyIdenticalRecords is a first deployment into
// production's account as today's Terraform left it: the active rule set main exists and the
// zone already holds the SES records.
func TestEmailJoinsAnExistingRuleSetAndOverwritesOnlyIdenticalRecords(t *testing.T) {
	e := environments[2]
	m, _, err := run(t, e, func(a *Args) { a.ReceiptRuleSetExists, a.OverwriteRecords = true, true })
	require.NoError(t, err)
	assert.Empty(t, m.ByType("aws:ses/receiptRuleSet:ReceiptRuleSet"), "the existing set is not created again")
	assert.Empty(t, m.ByType("aws:ses/activeReceiptRuleSet:ActiveReceiptRuleSet"), "it is already active")
	rule := m.Get(t, "aws:ses/receiptRule:ReceiptRule", "email-receiving-rule")
	assert.Equal(t, "main", rule.String("ruleSetName"))
	perm := m.Get(t, "aws:lambda/permission:Permission", "email-receiving-invoke")
	assert.Equal(t, ReceiptRuleSourceArn("us-east-1", e.account, "main", "notification-canada-ca-production-receiving-emails"),
		perm.String("sourceArn"))

	overwritten := map[string]bool{}
	for _, r := range m.ByType("aws:route53/record:Record") {
		if r.Input("allowOverwrite") == true {
			overwritten[strings.TrimPrefix(r.Name, "email-")] = true
		}
	}
	assert.Equal(t, map[string]bool{"inbound-mx": true, "mail-from-mx": true, "dmarc": true,
		"dkim-1": true, "dkim-2": true, "dkim-3": true}, overwritten,
		"_amazonses and the MAIL FROM SPF differ from today's values: adopted, never overwritten")

	m, _, err = run(t, e, nil)
	require.NoError(t, err)
	for _, r := range m.ByType("aws:route53/record:Record") {
		assert.Nil(t, r.Input("allowOverwrite"), "a new zone is never overwritten: %s", r.Name)
	}
}
