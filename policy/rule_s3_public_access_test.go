package policy

func block(all bool) map[string]any {
	return map[string]any{"blockPublicAcls": true, "blockPublicPolicy": all, "ignorePublicAcls": true, "restrictPublicBuckets": true}
}

var _ = addRuleCases(
	ruleCase{Rule: "s3-public-access-blocked", Name: "all four", Resources: bucketWith(typeBucketPAB, block(true))},
	ruleCase{Rule: "s3-public-access-blocked", Name: "public policies allowed", Fails: true, Resources: bucketWith(typeBucketPAB, block(false))},
	ruleCase{Rule: "s3-public-access-blocked", Name: "no block", Fails: true, Resources: bucketWith("", nil)},
)
