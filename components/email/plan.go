package email

import (
	"regexp"
	"strings"
)

// DefaultDMARC is the DMARC policy published for the sending domain: reject mail that fails
// alignment (SES signs with the domain's own DKIM key and bounces through a MAIL FROM under
// it, so GC Notify's own mail aligns) and report to the Canadian Centre for Cyber Security, as
// Government of Canada domains do.
const DefaultDMARC = "v=DMARC1; p=reject; sp=reject; pct=100; rua=mailto:dmarc@cyber.gc.ca"

// SPF is the SPF policy of the MAIL FROM domain: SES sends for it.
const SPF = "v=spf1 include:amazonses.com ~all"

// DefaultReceiptRuleSet is the receipt rule set made active in the receiving region.
const DefaultReceiptRuleSet = "main"

// NotificationTypes are the SES identity notifications sent to the callback topic.
var NotificationTypes = []string{"Bounce", "Complaint", "Delivery"}

// MailFromDomain is the custom MAIL FROM domain of a sending domain.
func MailFromDomain(domain string) string { return "bounce." + domain }

// BounceMX is the MX value of the MAIL FROM domain in the sending region.
func BounceMX(region string) string { return "10 feedback-smtp." + region + ".amazonses.com" }

// InboundMX is the MX value that delivers a domain's mail to SES receiving in region.
func InboundMX(region string) string { return "10 inbound-smtp." + region + ".amazonaws.com" }

// DkimRecord returns the name and value of an Easy DKIM CNAME for a token.
func DkimRecord(token, domain string) (name, value string) {
	return token + "._domainkey." + domain, token + ".dkim.amazonses.com"
}

// Slug turns a domain into a logical-name key: dots become dashes.
func Slug(domain string) string { return strings.ReplaceAll(domain, ".", "-") }

// ConfigurationSetName is the name of the environment's configuration set, the default one of
// every sending identity.
func ConfigurationSetName(namePrefix string) string { return namePrefix + "-email" }

// IdentityArn is the ARN of a sending identity (a domain) in region. IAM checks ses:SendEmail and
// ses:SendRawEmail on it: a sender's policy can name it before the identity exists.
func IdentityArn(region, account, domain string) string {
	return "arn:aws:ses:" + region + ":" + account + ":identity/" + domain
}

// ConfigurationSetArn is the ARN of the environment's configuration set in region. Mail sent
// with a configuration set (explicitly, or as the identity's default) needs ses:SendEmail and
// ses:SendRawEmail on it as well as on the identity.
func ConfigurationSetArn(region, account, namePrefix string) string {
	return "arn:aws:ses:" + region + ":" + account + ":configuration-set/" + ConfigurationSetName(namePrefix)
}

// ReceiptRuleSourceArn is the ARN SES presents when a receipt rule invokes a function.
func ReceiptRuleSourceArn(region, account, ruleSet, rule string) string {
	return "arn:aws:ses:" + region + ":" + account + ":receipt-rule-set/" + ruleSet + ":receipt-rule/" + rule
}

var (
	// ruleNameRE is what SES accepts for receipt rule set and rule names.
	ruleNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}[A-Za-z0-9]$`)
	// configSetRE is what SES accepts for configuration set names.
	configSetRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
)
