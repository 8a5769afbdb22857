package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "sns-encryption",
	Rationale: "Topics are encrypted at rest with a KMS key: they carry delivery receipts and alerts.",
	Applies:   []string{typeTopic},
	Check: func(c *Context, r *render.Resource) []string {
		if str(r, "kmsMasterKeyId") == "" {
			return []string{"kmsMasterKeyId is not set"}
		}
		return nil
	},
})
