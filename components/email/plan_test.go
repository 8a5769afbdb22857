package email

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
	"github.com/cds-snc/notification-pulumi/components/placement"
)

func TestRecordValues(t *testing.T) {
	assert.Equal(t, "bounce.notification.canada.ca", MailFromDomain("notification.canada.ca"))
	assert.Equal(t, "10 feedback-smtp.ca-central-1.amazonses.com", BounceMX("ca-central-1"))
	assert.Equal(t, "10 inbound-smtp.us-east-1.amazonaws.com", InboundMX("us-east-1"))
	name, value := DkimRecord("abc123", "notification.canada.ca")
	assert.Equal(t, "abc123._domainkey.notification.canada.ca", name)
	assert.Equal(t, "abc123.dkim.amazonses.com", value)
	assert.Equal(t, "trvapply-vrtdemande-apps-cic-gc-ca", Slug("trvapply-vrtdemande.apps.cic.gc.ca"))
	assert.Equal(t, "arn:aws:ses:us-east-1:296255494825:receipt-rule-set/main:receipt-rule/r",
		ReceiptRuleSourceArn("us-east-1", "296255494825", "main", "r"))
}

func TestNameLimits(t *testing.T) {
	for d, want := range map[string]bool{"notification.canada.ca": true, "a.bc": true, "UPPER.ca": false, "nodot": false, "a..b": false} {
		assert.Equal(t, want, awsrule.ValidDomain(d), d)
	}
	ok := Args{Placement: placement.Placement{NamePrefix: "notification-canada-ca-production"}}
	assert.Regexp(t, configSetRE, ok.configurationSetName())
	assert.Regexp(t, ruleNameRE, ok.receiptRuleName())
	assert.NotRegexp(t, configSetRE, "has.dot")
	assert.NotRegexp(t, ruleNameRE, "-leading-dash")
}
