package policy

var _ = addRuleCases(
	ruleCase{Rule: "kms-rotation", Name: "rotates", Resources: one(typeKey, map[string]any{"enableKeyRotation": true})},
	ruleCase{Rule: "kms-rotation", Name: "does not rotate", Fails: true, Resources: one(typeKey, map[string]any{"keySpec": "SYMMETRIC_DEFAULT"})},
)
