package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

func expiring(days float64) map[string]any {
	return map[string]any{"rules": []any{map[string]any{"id": "expire", "status": "Enabled",
		"filter": map[string]any{"prefix": ""}, "expiration": map[string]any{"days": days}}}}
}

var _ = addRuleCases(
	ruleCase{Rule: "s3-versioning", Name: "versioned", Resources: bucketWith(typeBucketVersion, map[string]any{
		"versioningConfiguration": map[string]any{"status": "Enabled"}})},
	ruleCase{Rule: "s3-versioning", Name: "transient bucket unversioned, kept bucket versioned", Resources: func() []render.Resource {
		kept := res(typeBucket, "kept", nil)
		versions := res(typeBucketVersion, "kept-versioning", map[string]any{
			"versioningConfiguration": map[string]any{"status": "Enabled"}}, kept.URN)
		return append(bucketWith(typeBucketLifecycle, expiring(7)), kept, versions)
	}()},
	ruleCase{Rule: "s3-versioning", Name: "kept objects, unversioned", Fails: true, Resources: bucketWith("", nil)},
	ruleCase{Rule: "s3-versioning", Name: "suspended", Fails: true, Resources: bucketWith(typeBucketVersion, map[string]any{
		"versioningConfiguration": map[string]any{"status": "Suspended"}})},
	ruleCase{Rule: "s3-versioning", Name: "prefix expiry only", Fails: true, Resources: func() []render.Resource {
		lc := expiring(7)
		object(list(lc["rules"])[0])["filter"] = map[string]any{"prefix": "tmp/"}
		return bucketWith(typeBucketLifecycle, lc)
	}()},
)
