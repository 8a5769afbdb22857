package policy

func distribution(minimum, viewer string) map[string]any {
	return map[string]any{
		"viewerCertificate":     map[string]any{"acmCertificateArn": "[unknown]", "minimumProtocolVersion": minimum, "sslSupportMethod": "sni-only"},
		"defaultCacheBehavior":  map[string]any{"viewerProtocolPolicy": viewer},
		"orderedCacheBehaviors": []any{map[string]any{"viewerProtocolPolicy": "https-only"}},
		"webAclId":              "[unknown]",
	}
}

var _ = addRuleCases(
	ruleCase{Rule: "cloudfront-tls", Name: "TLS 1.2, redirect", Resources: one(typeDistribution, distribution("TLSv1.2_2021", "redirect-to-https"))},
	ruleCase{Rule: "cloudfront-tls", Name: "TLS 1", Fails: true, Resources: one(typeDistribution, distribution("TLSv1", "redirect-to-https"))},
	ruleCase{Rule: "cloudfront-tls", Name: "allow-all", Fails: true, Resources: one(typeDistribution, distribution("TLSv1.2_2021", "allow-all"))},
	ruleCase{Rule: "cloudfront-tls", Name: "default certificate", Fails: true, Resources: one(typeDistribution, map[string]any{
		"viewerCertificate":    map[string]any{"cloudfrontDefaultCertificate": true},
		"defaultCacheBehavior": map[string]any{"viewerProtocolPolicy": "https-only"}})},
)
