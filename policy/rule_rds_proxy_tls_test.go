package policy

var _ = addRuleCases(
	ruleCase{Rule: "rds-proxy-tls", Name: "required", Resources: one(typeRDSProxy, map[string]any{"requireTls": true})},
	ruleCase{Rule: "rds-proxy-tls", Name: "not required", Fails: true, Resources: one(typeRDSProxy, map[string]any{"engineFamily": "POSTGRESQL"})},
)
