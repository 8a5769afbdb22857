package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID: "explicit-provider",
	Rationale: "Every AWS resource names its provider (region, account, assumed role), so none lands in " +
		"the default region or in whichever account the caller's credentials reach.",
	Applies: []string{"aws:*"},
	Check: func(c *Context, r *render.Resource) []string {
		if r.Provider == "" {
			return []string{"no explicit provider: the default provider's region and credentials would decide where it is created"}
		}
		return nil
	},
})
