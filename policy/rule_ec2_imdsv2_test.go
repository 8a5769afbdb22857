package policy

var _ = addRuleCases(
	ruleCase{Rule: "ec2-imdsv2", Name: "tokens required", Resources: one(typeLaunchTemplate, map[string]any{
		"metadataOptions": map[string]any{"httpTokens": "required", "httpPutResponseHopLimit": float64(2)}})},
	ruleCase{Rule: "ec2-imdsv2", Name: "tokens optional", Fails: true, Resources: one(typeLaunchTemplate, map[string]any{
		"metadataOptions": map[string]any{"httpTokens": "optional"}})},
	ruleCase{Rule: "ec2-imdsv2", Name: "instance default", Fails: true, Resources: one(typeInstance, map[string]any{"instanceType": "t3.micro"})},
)
