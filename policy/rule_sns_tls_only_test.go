package policy

var _ = addRuleCases(
	ruleCase{Rule: "sns-tls-only", Name: "inline policy denies insecure transport", Resources: one(typeTopic, map[string]any{"policy": tlsOnly})},
	ruleCase{Rule: "sns-tls-only", Name: "topic policy denies insecure transport", Resources: withDependent(typeTopic, typeTopicPolicy,
		map[string]any{"policy": tlsOnly})},
	ruleCase{Rule: "sns-tls-only", Name: "no policy", Fails: true, Resources: one(typeTopic, map[string]any{"name": "t"})},
	ruleCase{Rule: "sns-tls-only", Name: "policy without the deny", Fails: true, Resources: one(typeTopic, map[string]any{"policy": allowOnly})},
)
