package policy

var _ = addRuleCases(
	ruleCase{Rule: "elasticache-encryption", Name: "encrypted", Resources: one(typeCache, map[string]any{"atRestEncryptionEnabled": true})},
	ruleCase{Rule: "elasticache-encryption", Name: "default", Fails: true, Resources: one(typeCache, map[string]any{})},
)
