package policy

var _ = addRuleCases(
	ruleCase{Rule: "rds-encryption", Name: "encrypted", Resources: one(typeRDSCluster, map[string]any{"storageEncrypted": true})},
	ruleCase{Rule: "rds-encryption", Name: "not encrypted", Fails: true, Resources: one(typeRDSCluster, map[string]any{"storageEncrypted": false})},
)
