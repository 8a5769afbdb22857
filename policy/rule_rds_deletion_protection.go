package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:            "rds-deletion-protection",
	Rationale:     "The database cluster has AWS deletion protection outside ephemeral stacks: no API call or console click deletes it.",
	Applies:       []string{typeRDSCluster},
	PermanentOnly: true,
	Check: func(c *Context, r *render.Resource) []string {
		if !isTrue(input(r, "deletionProtection")) {
			return []string{"deletionProtection is not true"}
		}
		return nil
	},
})
