package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "ses-tls",
	Rationale: "Email configuration sets require TLS to the receiving mail server (tlsPolicy REQUIRE).",
	Applies:   []string{typeSESConfigSet},
	Check: func(c *Context, r *render.Resource) []string {
		if p := str(r, "deliveryOptions.tlsPolicy"); p != "REQUIRE" {
			if p == "" {
				p = "OPTIONAL (the default)"
			}
			return []string{"deliveryOptions.tlsPolicy is " + p + ": mail goes in clear to servers without STARTTLS"}
		}
		return nil
	},
})
