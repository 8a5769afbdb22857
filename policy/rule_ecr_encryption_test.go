package policy

var _ = addRuleCases(
	ruleCase{Rule: "ecr-encryption", Name: "KMS", Resources: one(typeRepository, map[string]any{
		"encryptionConfigurations": []any{map[string]any{"encryptionType": "KMS", "kmsKey": "[unknown]"}}})},
	ruleCase{Rule: "ecr-encryption", Name: "AES256", Fails: true, Resources: one(typeRepository, map[string]any{
		"encryptionConfigurations": []any{map[string]any{"encryptionType": "AES256"}}})},
)
