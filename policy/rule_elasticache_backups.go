package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:            "elasticache-backups",
	Rationale:     "Caches keep at least one daily snapshot outside ephemeral stacks, so a lost or corrupted cache can be restored.",
	Applies:       []string{typeCache},
	PermanentOnly: true,
	Check: func(c *Context, r *render.Resource) []string {
		if n, ok := number(input(r, "snapshotRetentionLimit")); !ok || n < 1 {
			return []string{"snapshotRetentionLimit is not at least 1: no automatic snapshots"}
		}
		return nil
	},
})
