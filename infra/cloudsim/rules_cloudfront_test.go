package cloudsim

const (
	certEast    = "arn:aws:acm:us-east-1:" + testAccount + ":certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
	certCentral = "arn:aws:acm:ca-central-1:" + testAccount + ":certificate/4d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a"
	globalACL   = "arn:aws:wafv2:us-east-1:" + testAccount + ":global/webacl/notify-cloudfront/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
	regionalACL = "arn:aws:wafv2:ca-central-1:" + testAccount + ":regional/webacl/notify-alb/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
)

// viewer is a distribution's viewer certificate input.
func viewer(arn string) map[string]any {
	return map[string]any{"acmCertificateArn": arn, "sslSupportMethod": "sni-only", "minimumProtocolVersion": "TLSv1.2_2021"}
}

// seedCertificate puts an ACM certificate with a status into the world.
func seedCertificate(arn, region, status string) func(w *store) {
	return func(w *store) {
		seedRecord(w, testAccount, region, acmCertificate, arn, "", map[string]any{"arn": arn, "status": status})
	}
}

var _ = addRuleCases(
	ruleCase{Rule: "cloudfront.viewer-certificate-region", Name: "us-east-1 certificate", Phase: OnCreate,
		Inputs: map[string]any{"viewerCertificate": viewer(certEast)}},
	ruleCase{Rule: "cloudfront.viewer-certificate-region", Name: "default CloudFront certificate", Phase: OnCreate,
		Inputs: map[string]any{"viewerCertificate": map[string]any{"cloudfrontDefaultCertificate": true}}},
	ruleCase{Rule: "cloudfront.viewer-certificate-region", Name: "certificate of the primary region", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"viewerCertificate": viewer(certCentral)}, Contains: "isn't in us-east-1 region"},

	ruleCase{Rule: "cloudfront.viewer-certificate-issued", Name: "issued certificate", Phase: OnCreate,
		Inputs: map[string]any{"viewerCertificate": viewer(certEast)}, World: seedCertificate(certEast, "us-east-1", "ISSUED")},
	ruleCase{Rule: "cloudfront.viewer-certificate-issued", Name: "certificate still pending validation", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"viewerCertificate": viewer(certEast)}, World: seedCertificate(certEast, "us-east-1", "PENDING_VALIDATION")},

	ruleCase{Rule: "cloudfront.web-acl-global", Name: "CLOUDFRONT-scope web ACL", Phase: OnCreate,
		Inputs: map[string]any{"webAclId": globalACL}},
	ruleCase{Rule: "cloudfront.web-acl-global", Name: "no web ACL", Phase: OnCreate, Inputs: map[string]any{}},
	ruleCase{Rule: "cloudfront.web-acl-global", Name: "the load balancer's regional web ACL", Phase: OnUpdate, Refused: true,
		Inputs: map[string]any{"webAclId": regionalACL}, Olds: map[string]any{"webAclId": globalACL},
		Contains: "Web ACL is not accessible by the requester."},
)
