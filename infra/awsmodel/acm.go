package awsmodel

import (
	"sort"
	"strings"
)

// ACM: certificates and their DNS validation.
func init() {
	outputFuncs["aws:acm/certificate:Certificate"] = func(o *Object) {
		o.set("arn", o.arn("acm", "certificate/"+o.uuid("cert")))
		o.set("domainValidationOptions", validationOptions(o))
		o.set("status", certificateStatus(o))
		o.set("type", "AMAZON_ISSUED")
		o.def("keyAlgorithm", "RSA_2048")
		o.def("validationMethod", "DNS")
		o.set("validationEmails", []string{})
		o.set("renewalEligibility", "INELIGIBLE")
		o.set("pendingRenewal", false)
	}
	idFuncs["aws:acm/certificateValidation:CertificateValidation"] = func(o *Object) string {
		return "0001-01-01 00:00:00 +0000 UTC " + o.hex("id", 8)
	}

}

// certificateStatus is PENDING_VALIDATION for a new certificate; an update keeps ISSUED.
func certificateStatus(o *Object) string {
	if prev := o.find(acmCertificate, o.ID); prev != nil && prev.Outputs["status"] == "ISSUED" {
		return "ISSUED"
	}
	return "PENDING_VALIDATION"
}

const acmCertificate = "aws:acm/certificate:Certificate"

// validationOptions gives one DNS validation record per domain of the certificate; a wildcard
// shares its base domain's record, as in ACM.
func validationOptions(o *Object) []map[string]any {
	domains := []string{o.str("domainName")}
	domains = append(domains, Strs(o.in("subjectAlternativeNames"))...)
	seen := map[string]bool{}
	var out []map[string]any
	for _, d := range domains {
		if d == "" || seen[d] {
			continue
		}
		seen[d] = true
		base := strings.TrimPrefix(d, "*.")
		out = append(out, map[string]any{
			"domainName":          d,
			"resourceRecordName":  "_" + HashHex(o.Seed+base, 32) + "." + base + ".",
			"resourceRecordType":  "CNAME",
			"resourceRecordValue": "_" + HashHex(o.Seed+base+"v", 32) + "." + alnumLower(HashHex(base, 20), 10) + ".acm-validations.aws.",
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i]["domainName"].(string) < out[j]["domainName"].(string) })
	return out
}
