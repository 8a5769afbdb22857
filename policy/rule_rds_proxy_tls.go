package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "rds-proxy-tls",
	Rationale: "The database proxy, the applications' way to the database, requires TLS.",
	Applies:   []string{typeRDSProxy},
	Check: func(c *Context, r *render.Resource) []string {
		if !isTrue(input(r, "requireTls")) {
			return []string{"requireTls is not true"}
		}
		return nil
	},
})
