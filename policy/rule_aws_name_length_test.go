package policy

import "strings"

var _ = addRuleCases(
	ruleCase{Rule: "aws-name-length", Name: "fits", Resources: one("aws:lb/targetGroup:TargetGroup",
		map[string]any{"name": "notification-dev-api"})},
	ruleCase{Rule: "aws-name-length", Name: "too long", Fails: true, Resources: one("aws:lb/targetGroup:TargetGroup",
		map[string]any{"name": "notification-" + strings.Repeat("x", 20)})},
)
