package policy

var _ = addRuleCases(
	ruleCase{Rule: "ses-tls", Name: "required", Resources: one(typeSESConfigSet, map[string]any{"deliveryOptions": map[string]any{"tlsPolicy": "REQUIRE"}})},
	ruleCase{Rule: "ses-tls", Name: "optional", Fails: true, Resources: one(typeSESConfigSet, map[string]any{"deliveryOptions": map[string]any{"tlsPolicy": "OPTIONAL"}})},
	ruleCase{Rule: "ses-tls", Name: "default", Fails: true, Resources: one(typeSESConfigSet, map[string]any{"configurationSetName": "c"})},
)
