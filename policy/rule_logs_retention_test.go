package policy

var _ = addRuleCases(
	ruleCase{Rule: "logs-retention", Name: "14 days", Resources: one(typeLogGroup, map[string]any{"retentionInDays": float64(14)})},
	ruleCase{Rule: "logs-retention", Name: "never expire, stated", Resources: one(typeLogGroup, map[string]any{"retentionInDays": float64(0)})},
	ruleCase{Rule: "logs-retention", Name: "not set", Fails: true, Resources: one(typeLogGroup, map[string]any{"name": "/x"})},
	ruleCase{Rule: "logs-retention", Name: "not a value AWS accepts", Fails: true, Resources: one(typeLogGroup, map[string]any{"retentionInDays": float64(13)})},
)
