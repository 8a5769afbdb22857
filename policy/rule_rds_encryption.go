package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "rds-encryption",
	Rationale: "Database storage, and so its snapshots and backups, is encrypted at rest.",
	Applies:   []string{typeRDSCluster},
	Check: func(c *Context, r *render.Resource) []string {
		if !isTrue(input(r, "storageEncrypted")) {
			return []string{"storageEncrypted is not true"}
		}
		return nil
	},
})
