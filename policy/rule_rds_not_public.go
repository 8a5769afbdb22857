package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "rds-not-public",
	Rationale: "Database instances have no public address.",
	Applies:   []string{typeRDSInstance, "aws:rds/instance:Instance"},
	Check: func(c *Context, r *render.Resource) []string {
		if isTrue(input(r, "publiclyAccessible")) {
			return []string{"publiclyAccessible is true"}
		}
		return nil
	},
})
