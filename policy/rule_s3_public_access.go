package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "s3-public-access-blocked",
	Rationale: "Every bucket blocks public ACLs and policies (all four public access block settings); public content goes through CloudFront.",
	Applies:   []string{typeBucket},
	Check: func(c *Context, r *render.Resource) []string {
		blocks := c.Dependents(r.URN, typeBucketPAB)
		if len(blocks) == 0 {
			return []string{"no public access block depends on the bucket"}
		}
		var out []string
		for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
			if !isTrue(input(blocks[0], k)) {
				out = append(out, blocks[0].Name+": "+k+" is not true")
			}
		}
		return out
	},
})
