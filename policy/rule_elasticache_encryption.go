package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "elasticache-encryption",
	Rationale: "Cache nodes and their snapshots are encrypted at rest: they hold sessions and queued work.",
	Applies:   []string{typeCache},
	Check: func(c *Context, r *render.Resource) []string {
		if !isTrue(input(r, "atRestEncryptionEnabled")) {
			return []string{"atRestEncryptionEnabled is not true"}
		}
		return nil
	},
})
