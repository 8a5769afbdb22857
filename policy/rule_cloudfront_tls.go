package policy

import (
	"strings"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

var _ = register(&Rule{
	ID:        "cloudfront-tls",
	Rationale: "Distributions redirect viewers to HTTPS and accept TLS 1.2 or later only.",
	Applies:   []string{typeDistribution},
	Check: func(c *Context, r *render.Resource) []string {
		var out []string
		cert := object(input(r, "viewerCertificate"))
		if isTrue(cert["cloudfrontDefaultCertificate"]) {
			out = append(out, "uses the default *.cloudfront.net certificate, which allows TLS 1.0")
		} else if v, _ := cert["minimumProtocolVersion"].(string); !strings.HasPrefix(v, "TLSv1.2") && !strings.HasPrefix(v, "TLSv1.3") {
			out = append(out, "viewerCertificate.minimumProtocolVersion "+v+" is below TLSv1.2")
		}
		behaviours := append([]any{input(r, "defaultCacheBehavior")}, list(input(r, "orderedCacheBehaviors"))...)
		for _, b := range behaviours {
			if p, _ := object(b)["viewerProtocolPolicy"].(string); p != "redirect-to-https" && p != "https-only" {
				out = append(out, "a cache behaviour's viewerProtocolPolicy is "+p+", not redirect-to-https or https-only")
			}
		}
		return out
	},
})
