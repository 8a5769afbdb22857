package policy

var _ = addRuleCases(
	ruleCase{Rule: "secrets-encryption", Name: "own key", Resources: one(typeSecret, map[string]any{"kmsKeyId": "arn:aws:kms:ca-central-1:1:key/k"})},
	ruleCase{Rule: "secrets-encryption", Name: "AWS-managed key", Fails: true, Resources: one(typeSecret, map[string]any{"name": "s"})},
)
