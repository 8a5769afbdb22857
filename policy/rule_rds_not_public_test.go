package policy

var _ = addRuleCases(
	ruleCase{Rule: "rds-not-public", Name: "private", Resources: one(typeRDSInstance, map[string]any{"publiclyAccessible": false})},
	ruleCase{Rule: "rds-not-public", Name: "public", Fails: true, Resources: one(typeRDSInstance, map[string]any{"publiclyAccessible": true})},
)
