package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "secrets-encryption",
	Rationale: "Secrets are encrypted with the environment's own KMS key, so access needs both the secret and the key.",
	Applies:   []string{typeSecret},
	Check: func(c *Context, r *render.Resource) []string {
		if str(r, "kmsKeyId") == "" {
			return []string{"kmsKeyId is not set (the AWS-managed key cannot be restricted)"}
		}
		return nil
	},
})
