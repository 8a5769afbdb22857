package policy

var _ = addRuleCases(
	ruleCase{Rule: "eks-secrets-encryption", Name: "secrets with KMS", Resources: one(typeEKSCluster, map[string]any{
		"encryptionConfig": map[string]any{"resources": []any{"secrets"}, "provider": map[string]any{"keyArn": "[unknown]"}}})},
	ruleCase{Rule: "eks-secrets-encryption", Name: "none", Fails: true, Resources: one(typeEKSCluster, map[string]any{"name": "c"})},
)
