package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "kms-rotation",
	Rationale: "Symmetric KMS keys rotate their key material yearly.",
	Applies:   []string{typeKey},
	Select: func(c *Context, r *render.Resource) bool {
		spec := str(r, "customerMasterKeySpec")
		if s := str(r, "keySpec"); s != "" {
			spec = s
		}
		return spec == "" || spec == "SYMMETRIC_DEFAULT"
	},
	Check: func(c *Context, r *render.Resource) []string {
		if !isTrue(input(r, "enableKeyRotation")) {
			return []string{"enableKeyRotation is not true"}
		}
		return nil
	},
})
