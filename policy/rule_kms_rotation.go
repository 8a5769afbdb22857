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
	Check: mustBeTrue("enableKeyRotation"),
})
