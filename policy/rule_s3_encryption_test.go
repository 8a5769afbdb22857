package policy

var _ = addRuleCases(
	ruleCase{Rule: "s3-encryption", Name: "SSE-KMS by default", Resources: bucketWith(typeBucketSSE, map[string]any{
		"rules": []any{map[string]any{"applyServerSideEncryptionByDefault": map[string]any{"sseAlgorithm": "aws:kms"}}}})},
	ruleCase{Rule: "s3-encryption", Name: "no configuration", Fails: true, Resources: bucketWith("", nil)},
	ruleCase{Rule: "s3-encryption", Name: "no algorithm", Fails: true, Resources: bucketWith(typeBucketSSE, map[string]any{
		"rules": []any{map[string]any{"bucketKeyEnabled": true}}})},
)
