package policy

var _ = addRuleCases(
	ruleCase{Rule: "rds-deletion-protection", Name: "on", Resources: one(typeRDSCluster, map[string]any{"deletionProtection": true})},
	ruleCase{Rule: "rds-deletion-protection", Name: "off", Fails: true, Resources: one(typeRDSCluster, map[string]any{"deletionProtection": false})},
)
