package policy

var _ = addRuleCases(
	ruleCase{Rule: "elasticache-backups", Name: "daily snapshots", Resources: one(typeCache, map[string]any{"snapshotRetentionLimit": float64(7)})},
	ruleCase{Rule: "elasticache-backups", Name: "none", Fails: true, Resources: one(typeCache, map[string]any{"snapshotRetentionLimit": float64(0)})},
)
