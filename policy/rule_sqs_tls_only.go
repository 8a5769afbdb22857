package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "sqs-tls-only",
	Rationale: "Every queue's policy refuses requests without TLS (aws:SecureTransport false).",
	Applies:   []string{typeQueue},
	Check: func(c *Context, r *render.Resource) []string {
		if p := input(r, "policy"); p != nil {
			return tlsOnlyPolicy(c, []*render.Resource{r}, "policy", "queue")
		}
		return tlsOnlyPolicy(c, c.Dependents(r.URN, typeQueuePolicy), "policy", "queue")
	},
})
