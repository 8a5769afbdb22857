package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "sqs-encryption",
	Rationale: "Queues are encrypted at rest (a KMS key, or SQS-managed SSE): messages carry notification content and recipients.",
	Applies:   []string{typeQueue},
	Check: func(c *Context, r *render.Resource) []string {
		if input(r, "kmsMasterKeyId") != nil && str(r, "kmsMasterKeyId") != "" || isTrue(input(r, "sqsManagedSseEnabled")) {
			return nil
		}
		return []string{"neither kmsMasterKeyId nor sqsManagedSseEnabled is set"}
	},
})
