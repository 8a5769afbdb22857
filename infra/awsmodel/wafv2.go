package awsmodel

import "fmt"

// WAF: web ACLs, IP sets, rule groups and pattern sets, regional or CloudFront-scoped.
func init() {
	waf := func(res string) outputFunc {
		return func(o *Object) {
			scope := "regional"
			if o.str("scope") == "CLOUDFRONT" {
				scope = "global"
			}
			o.set("arn", o.arn("wafv2", fmt.Sprintf("%s/%s/%s/%s", scope, res, o.name(), o.ID)))
			o.set("lockToken", o.uuid("lock"))
		}
	}
	for t, res := range map[string]string{"webAcl:WebAcl": "webacl", "ipSet:IpSet": "ipset", "ruleGroup:RuleGroup": "rulegroup",
		"regexPatternSet:RegexPatternSet": "regexpatternset"} {
		typ := "aws:wafv2/" + t
		idFuncs[typ] = func(o *Object) string { return o.uuid("id") }
		outputFuncs[typ] = waf(res)
	}
	base := outputFuncs["aws:wafv2/webAcl:WebAcl"]
	outputFuncs["aws:wafv2/webAcl:WebAcl"] = func(o *Object) {
		base(o)
		o.set("capacity", 0)
		o.set("applicationIntegrationUrl", "")
	}
	idFuncs["aws:wafv2/webAclAssociation:WebAclAssociation"] = func(o *Object) string {
		return o.str("webAclArn") + "," + o.str("resourceArn")
	}
	idFuncs["aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"] = func(o *Object) string { return o.str("resourceArn") }
}
