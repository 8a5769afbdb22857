package policy

var _ = addRuleCases(
	ruleCase{Rule: "elasticache-tls", Name: "required", Resources: one(typeCache, map[string]any{"transitEncryptionEnabled": true, "transitEncryptionMode": "required"})},
	ruleCase{Rule: "elasticache-tls", Name: "off", Fails: true, Resources: one(typeCache, map[string]any{"transitEncryptionEnabled": false})},
	ruleCase{Rule: "elasticache-tls", Name: "preferred", Fails: true, Resources: one(typeCache, map[string]any{"transitEncryptionEnabled": true, "transitEncryptionMode": "preferred"})},
)
