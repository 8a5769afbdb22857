package awsmodel

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// SES (v1 and v2): email identities with Easy DKIM, configuration sets and receipt rules.
func init() {
	outputFuncs["aws:sesv2/emailIdentity:EmailIdentity"] = func(o *Object) {
		id := o.str("emailIdentity")
		o.set("arn", o.arn("ses", "identity/"+id))
		if strings.Contains(id, "@") {
			o.set("identityType", "EMAIL_ADDRESS")
		} else {
			o.set("identityType", "DOMAIN")
		}
		dkim := map[string]any{}
		if m, ok := o.in("dkimSigningAttributes").(map[string]any); ok {
			dkim = m
		}
		dkim["tokens"] = dkimTokens(o)
		dkim["currentSigningKeyLength"] = "RSA_2048_BIT"
		dkim["signingAttributesOrigin"] = "AWS_SES"
		dkim["status"] = "PENDING"
		if _, ok := dkim["nextSigningKeyLength"]; !ok {
			dkim["nextSigningKeyLength"] = "RSA_2048_BIT"
		}
		o.set("dkimSigningAttributes", dkim)
		o.set("verifiedForSendingStatus", false)
	}
	idFuncs["aws:sesv2/emailIdentity:EmailIdentity"] = func(o *Object) string { return o.str("emailIdentity") }
	for _, t := range []string{"emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes",
		"emailIdentityFeedbackAttributes:EmailIdentityFeedbackAttributes", "emailIdentityPolicy:EmailIdentityPolicy"} {
		idFuncs["aws:sesv2/"+t] = func(o *Object) string { return o.str("emailIdentity") }
	}
	outputFuncs["aws:sesv2/configurationSet:ConfigurationSet"] = func(o *Object) {
		o.set("arn", o.arn("ses", "configuration-set/"+o.str("configurationSetName")))
	}
	idFuncs["aws:sesv2/configurationSet:ConfigurationSet"] = func(o *Object) string { return o.str("configurationSetName") }
	idFuncs["aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination"] = func(o *Object) string {
		return o.str("configurationSetName") + "|" + o.str("eventDestinationName")
	}

	outputFuncs["aws:ses/domainIdentity:DomainIdentity"] = func(o *Object) {
		o.set("arn", o.arn("ses", "identity/"+o.str("domain")))
		o.set("verificationToken", base64.StdEncoding.EncodeToString([]byte(o.hex("token", 32)))[:44])
	}
	idFuncs["aws:ses/domainIdentity:DomainIdentity"] = func(o *Object) string { return o.str("domain") }
	outputFuncs["aws:ses/domainDkim:DomainDkim"] = func(o *Object) { o.set("dkimTokens", dkimTokens(o)) }
	for _, t := range []string{"domainDkim:DomainDkim", "mailFrom:MailFrom", "domainIdentityVerification:DomainIdentityVerification"} {
		idFuncs["aws:ses/"+t] = func(o *Object) string { return o.str("domain") }
	}
	outputFuncs["aws:ses/receiptRuleSet:ReceiptRuleSet"] = func(o *Object) {
		o.set("arn", o.arn("ses", "receipt-rule-set/"+o.str("ruleSetName")))
	}
	idFuncs["aws:ses/receiptRuleSet:ReceiptRuleSet"] = func(o *Object) string { return o.str("ruleSetName") }
	outputFuncs["aws:ses/activeReceiptRuleSet:ActiveReceiptRuleSet"] = func(o *Object) {
		o.set("arn", o.arn("ses", "receipt-rule-set/"+o.str("ruleSetName")))
	}
	idFuncs["aws:ses/activeReceiptRuleSet:ActiveReceiptRuleSet"] = func(o *Object) string { return o.str("ruleSetName") }
	outputFuncs["aws:ses/receiptRule:ReceiptRule"] = func(o *Object) {
		o.set("arn", o.arn("ses", fmt.Sprintf("receipt-rule-set/%s:receipt-rule/%s", o.str("ruleSetName"), o.name())))
	}
	outputFuncs["aws:ses/configurationSet:ConfigurationSet"] = func(o *Object) {
		o.set("arn", o.arn("ses", "configuration-set/"+o.name()))
	}
}

// dkimTokens are three 32-character DKIM tokens, as SES gives for Easy DKIM.
func dkimTokens(o *Object) []string {
	return []string{alnumLower(o.hex("dkim1", 64), 32), alnumLower(o.hex("dkim2", 64), 32), alnumLower(o.hex("dkim3", 64), 32)}
}
