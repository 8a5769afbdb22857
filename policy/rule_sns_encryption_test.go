package policy

var _ = addRuleCases(
	ruleCase{Rule: "sns-encryption", Name: "KMS", Resources: one(typeTopic, map[string]any{"kmsMasterKeyId": "[unknown]"})},
	ruleCase{Rule: "sns-encryption", Name: "none", Fails: true, Resources: one(typeTopic, map[string]any{"name": "t"})},
)
