package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "s3-tls-only",
	Rationale: "Every bucket's policy refuses requests without TLS (aws:SecureTransport false).",
	Applies:   []string{typeBucket},
	Check: func(c *Context, r *render.Resource) []string {
		return tlsOnlyPolicy(c, c.Dependents(r.URN, typeBucketPolicy), "policy", "bucket")
	},
})
