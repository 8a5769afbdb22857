package policy

var _ = addRuleCases(
	ruleCase{Rule: "logs-encryption", Name: "KMS", Resources: one(typeLogGroup, map[string]any{"kmsKeyId": "[unknown]"})},
	ruleCase{Rule: "logs-encryption", Name: "none", Fails: true, Resources: one(typeLogGroup, map[string]any{"retentionInDays": 14})},
)
