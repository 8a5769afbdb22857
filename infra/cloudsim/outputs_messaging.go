package cloudsim

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// Computed outputs of SES, Pinpoint SMS, GuardDuty, Budgets and Security Hub.
func init() {
	outputFuncs["aws:sesv2/emailIdentity:EmailIdentity"] = func(o *object) {
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
	idFuncs["aws:sesv2/emailIdentity:EmailIdentity"] = func(o *object) string { return o.str("emailIdentity") }
	for _, t := range []string{"emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes",
		"emailIdentityFeedbackAttributes:EmailIdentityFeedbackAttributes", "emailIdentityPolicy:EmailIdentityPolicy"} {
		idFuncs["aws:sesv2/"+t] = func(o *object) string { return o.str("emailIdentity") }
	}
	outputFuncs["aws:sesv2/configurationSet:ConfigurationSet"] = func(o *object) {
		o.set("arn", o.arn("ses", "configuration-set/"+o.str("configurationSetName")))
	}
	idFuncs["aws:sesv2/configurationSet:ConfigurationSet"] = func(o *object) string { return o.str("configurationSetName") }
	idFuncs["aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination"] = func(o *object) string {
		return o.str("configurationSetName") + "|" + o.str("eventDestinationName")
	}

	outputFuncs["aws:ses/domainIdentity:DomainIdentity"] = func(o *object) {
		o.set("arn", o.arn("ses", "identity/"+o.str("domain")))
		o.set("verificationToken", base64.StdEncoding.EncodeToString([]byte(o.hex("token", 32)))[:44])
	}
	idFuncs["aws:ses/domainIdentity:DomainIdentity"] = func(o *object) string { return o.str("domain") }
	outputFuncs["aws:ses/domainDkim:DomainDkim"] = func(o *object) { o.set("dkimTokens", dkimTokens(o)) }
	for _, t := range []string{"domainDkim:DomainDkim", "mailFrom:MailFrom", "domainIdentityVerification:DomainIdentityVerification"} {
		idFuncs["aws:ses/"+t] = func(o *object) string { return o.str("domain") }
	}
	outputFuncs["aws:ses/receiptRuleSet:ReceiptRuleSet"] = func(o *object) {
		o.set("arn", o.arn("ses", "receipt-rule-set/"+o.str("ruleSetName")))
	}
	idFuncs["aws:ses/receiptRuleSet:ReceiptRuleSet"] = func(o *object) string { return o.str("ruleSetName") }
	outputFuncs["aws:ses/activeReceiptRuleSet:ActiveReceiptRuleSet"] = func(o *object) {
		o.set("arn", o.arn("ses", "receipt-rule-set/"+o.str("ruleSetName")))
	}
	idFuncs["aws:ses/activeReceiptRuleSet:ActiveReceiptRuleSet"] = func(o *object) string { return o.str("ruleSetName") }
	outputFuncs["aws:ses/receiptRule:ReceiptRule"] = func(o *object) {
		o.set("arn", o.arn("ses", fmt.Sprintf("receipt-rule-set/%s:receipt-rule/%s", o.str("ruleSetName"), o.name())))
	}
	outputFuncs["aws:ses/configurationSet:ConfigurationSet"] = func(o *object) {
		o.set("arn", o.arn("ses", "configuration-set/"+o.name()))
	}

	outputFuncs["aws:pinpoint/app:App"] = func(o *object) {
		o.set("applicationId", o.ID)
		o.set("arn", o.arn("mobiletargeting", "apps/"+o.ID))
	}
	idFuncs["aws:pinpoint/app:App"] = func(o *object) string { return o.hex("app", 32) }
	outputFuncs["aws:pinpoint/smsvoicev2ConfigurationSet:Smsvoicev2ConfigurationSet"] = func(o *object) {
		o.set("arn", o.arn("sms-voice", "configuration-set/"+o.name()))
	}
	outputFuncs["aws:pinpoint/smsvoicev2OptOutList:Smsvoicev2OptOutList"] = func(o *object) {
		o.set("arn", o.arn("sms-voice", "opt-out-list/"+o.name()))
	}
	outputFuncs["aws:pinpoint/smsvoicev2PhoneNumber:Smsvoicev2PhoneNumber"] = func(o *object) {
		o.set("arn", o.arn("sms-voice", "phone-number/"+o.ID))
		o.set("phoneNumber", "+1555"+hashDigits(o.Seed, 7))
		o.set("monthlyLeasingPrice", "1.00")
	}
	idFuncs["aws:pinpoint/smsvoicev2PhoneNumber:Smsvoicev2PhoneNumber"] = func(o *object) string { return "phone-" + o.hex("phone", 32) }

	outputFuncs["aws:guardduty/detector:Detector"] = func(o *object) {
		o.set("accountId", o.Account)
		o.set("arn", o.arn("guardduty", "detector/"+o.ID))
		o.def("enable", true)
	}
	idFuncs["aws:guardduty/detector:Detector"] = func(o *object) string { return o.hex("detector", 32) }
	idFuncs["aws:guardduty/detectorFeature:DetectorFeature"] = func(o *object) string { return o.str("detectorId") + "/" + o.str("name") }
	outputFuncs["aws:guardduty/malwareProtectionPlan:MalwareProtectionPlan"] = func(o *object) {
		o.set("arn", o.arn("guardduty", "malware-protection-plan/"+o.ID))
		o.set("status", "ACTIVE")
		o.set("createdAt", "2026-01-01T00:00:00Z")
	}
	idFuncs["aws:guardduty/malwareProtectionPlan:MalwareProtectionPlan"] = func(o *object) string { return o.hex("plan", 20) }

	outputFuncs["aws:budgets/budget:Budget"] = func(o *object) {
		o.set("arn", o.globalArn("budgets", "budget/"+o.name()))
		o.def("accountId", o.Account)
	}
	idFuncs["aws:budgets/budget:Budget"] = func(o *object) string { return o.Account + ":" + o.name() }

	outputFuncs["aws:securityhub/account:Account"] = func(o *object) {
		o.set("arn", o.arn("securityhub", "hub/default"))
	}
	idFuncs["aws:securityhub/account:Account"] = func(o *object) string { return o.Account }
}

// dkimTokens are three 32-character DKIM tokens, as SES gives for Easy DKIM.
func dkimTokens(o *object) []string {
	return []string{alnumLower(o.hex("dkim1", 64), 32), alnumLower(o.hex("dkim2", 64), 32), alnumLower(o.hex("dkim3", 64), 32)}
}
