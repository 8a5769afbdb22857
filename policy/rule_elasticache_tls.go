package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "elasticache-tls",
	Rationale: "Clients reach the caches over TLS only.",
	Applies:   []string{typeCache},
	Check: func(c *Context, r *render.Resource) []string {
		if !isTrue(input(r, "transitEncryptionEnabled")) {
			return []string{"transitEncryptionEnabled is not true"}
		}
		if mode := str(r, "transitEncryptionMode"); mode == "preferred" {
			return []string{"transitEncryptionMode is preferred: clients may still connect without TLS"}
		}
		return nil
	},
})
