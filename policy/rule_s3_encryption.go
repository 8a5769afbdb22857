package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "s3-encryption",
	Rationale: "Every bucket has a default encryption configuration (SSE-KMS, or SSE-S3 where AWS requires it), so no object is stored in clear.",
	Applies:   []string{typeBucket},
	Check: func(c *Context, r *render.Resource) []string {
		configs := c.Dependents(r.URN, typeBucketSSE)
		if len(configs) == 0 {
			return []string{"no default encryption configuration (" + typeBucketSSE + ") depends on the bucket"}
		}
		for _, cfg := range configs {
			for _, rule := range list(input(cfg, "rules")) {
				alg, _ := object(object(rule)["applyServerSideEncryptionByDefault"])["sseAlgorithm"].(string)
				switch alg {
				case "aws:kms", "aws:kms:dsse", "AES256":
					return nil
				}
			}
		}
		return []string{"the bucket's encryption configuration sets no default algorithm (aws:kms or AES256)"}
	},
})
