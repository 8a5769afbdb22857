package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

const typeBucketLifecycle = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"

var _ = register(&Rule{
	ID: "s3-versioning",
	Rationale: "Buckets whose objects are kept (no lifecycle rule expires them all) keep object versions outside " +
		"ephemeral stacks, so an overwrite or a deletion can be undone.",
	Applies:       []string{typeBucket},
	PermanentOnly: true,
	Select: func(c *Context, r *render.Resource) bool {
		return !expiresEverything(c, r)
	},
	Check: func(c *Context, r *render.Resource) []string {
		for _, v := range c.Dependents(r.URN, typeBucketVersion) {
			if str(v, "versioningConfiguration.status") == "Enabled" {
				return nil
			}
		}
		return []string{"objects never expire, and no versioning configuration with status Enabled depends on the bucket"}
	},
})

// expiresEverything reports whether a lifecycle rule of the bucket expires every object: the
// bucket holds transient files (uploads, reports, logs), not data to keep.
func expiresEverything(c *Context, bucket *render.Resource) bool {
	for _, lc := range c.Dependents(bucket.URN, typeBucketLifecycle) {
		for _, rule := range list(input(lc, "rules")) {
			m := object(rule)
			if m["status"] != "Enabled" {
				continue
			}
			if _, ok := number(object(m["expiration"])["days"]); !ok {
				continue
			}
			filter := object(m["filter"])
			if prefix, _ := filter["prefix"].(string); prefix == "" && filter["and"] == nil && filter["tag"] == nil {
				return true
			}
		}
	}
	return false
}
