package policy

var _ = addRuleCases(
	ruleCase{Rule: "backup-vault-encryption", Name: "own key", Resources: one(typeVault, map[string]any{"kmsKeyArn": "[unknown]"})},
	ruleCase{Rule: "backup-vault-encryption", Name: "default key", Fails: true, Resources: one(typeVault, map[string]any{"name": "v"})},
)
