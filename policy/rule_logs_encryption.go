package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "logs-encryption",
	Rationale: "Log groups are encrypted with a customer-managed KMS key: logs can hold personal information.",
	Applies:   []string{typeLogGroup},
	Check: func(c *Context, r *render.Resource) []string {
		if str(r, "kmsKeyId") == "" {
			return []string{"kmsKeyId is not set"}
		}
		return nil
	},
})
