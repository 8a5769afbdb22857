package policy

var _ = addRuleCases(
	ruleCase{Rule: "ebs-encryption", Name: "encrypted launch template disk", Resources: one(typeLaunchTemplate, map[string]any{
		"blockDeviceMappings": []any{map[string]any{"deviceName": "/dev/xvda", "ebs": map[string]any{"encrypted": "true", "volumeType": "gp3"}}}})},
	ruleCase{Rule: "ebs-encryption", Name: "encrypted volume", Resources: one(typeVolume, map[string]any{"encrypted": true})},
	ruleCase{Rule: "ebs-encryption", Name: "unencrypted launch template disk", Fails: true, Resources: one(typeLaunchTemplate, map[string]any{
		"blockDeviceMappings": []any{map[string]any{"deviceName": "/dev/xvda", "ebs": map[string]any{"volumeType": "gp3"}}}})},
	ruleCase{Rule: "ebs-encryption", Name: "launch template without disks", Fails: true, Resources: one(typeLaunchTemplate, nil)},
	ruleCase{Rule: "ebs-encryption", Name: "instance root disk", Fails: true, Resources: one(typeInstance, map[string]any{
		"rootBlockDevice": map[string]any{"volumeSize": 20}})},
)
