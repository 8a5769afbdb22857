package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "ecr-encryption",
	Rationale: "Image repositories are encrypted with a KMS key.",
	Applies:   []string{typeRepository},
	Check: func(c *Context, r *render.Resource) []string {
		for _, e := range list(input(r, "encryptionConfigurations")) {
			if t, _ := object(e)["encryptionType"].(string); t == "KMS" {
				return nil
			}
		}
		return []string{"no encryptionConfigurations entry with encryptionType KMS"}
	},
})
