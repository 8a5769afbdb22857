package awsmodel

import "strings"

// CloudFront: distributions, origin access controls, functions and policies; ARNs are global.
func init() {
	outputFuncs["aws:cloudfront/distribution:Distribution"] = func(o *Object) {
		o.set("arn", o.globalArn("cloudfront", "distribution/"+o.ID))
		o.set("domainName", "d"+strings.ToLower(o.upper("domain", 13))+".cloudfront.net")
		o.set("hostedZoneId", "Z2FDTNDATAQYW2")
		o.set("status", "Deployed")
		o.set("etag", "E"+o.upper("etag", 13))
		o.set("callerReference", "terraform-"+o.hex("caller", 20))
		o.set("inProgressValidationBatches", 0)
		o.set("trustedKeyGroups", []any{map[string]any{"enabled": false, "items": []any{}}})
		o.set("trustedSigners", []any{map[string]any{"enabled": false, "items": []any{}}})
	}
	cfID := func(o *Object) string { return "E" + o.upper("id", 13) }
	idFuncs["aws:cloudfront/distribution:Distribution"] = cfID
	idFuncs["aws:cloudfront/originAccessControl:OriginAccessControl"] = cfID
	outputFuncs["aws:cloudfront/originAccessControl:OriginAccessControl"] = func(o *Object) {
		o.set("etag", "E"+o.upper("etag", 13))
		o.set("arn", o.globalArn("cloudfront", "origin-access-control/"+o.ID))
	}
	outputFuncs["aws:cloudfront/function:Function"] = func(o *Object) {
		o.set("arn", o.globalArn("cloudfront", "function/"+o.name()))
		o.set("etag", "E"+o.upper("etag", 13))
		o.set("liveStageEtag", "E"+o.upper("live", 13))
		o.set("status", "UNASSOCIATED")
	}
	for _, t := range []string{"cachePolicy:CachePolicy", "originRequestPolicy:OriginRequestPolicy", "responseHeadersPolicy:ResponseHeadersPolicy"} {
		typ := "aws:cloudfront/" + t
		idFuncs[typ] = func(o *Object) string { return o.uuid("id") }
		outputFuncs[typ] = func(o *Object) { o.set("etag", "E"+o.upper("etag", 13)) }
	}
}
