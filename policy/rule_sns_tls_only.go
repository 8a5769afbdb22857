package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "sns-tls-only",
	Rationale: "Every topic's policy refuses publishing and subscribing without TLS (aws:SecureTransport false).",
	Applies:   []string{typeTopic},
	Check: func(c *Context, r *render.Resource) []string {
		if p := input(r, "policy"); p != nil {
			return tlsOnlyPolicy(c, []*render.Resource{r}, "policy", "topic")
		}
		return tlsOnlyPolicy(c, c.Dependents(r.URN, typeTopicPolicy), "policy", "topic")
	},
})
