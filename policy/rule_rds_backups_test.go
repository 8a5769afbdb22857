package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

// backedUp is a cluster keeping days of automated backups, selected by a backup plan when
// selected is true.
func backedUp(days float64, selected bool) []render.Resource {
	db := res(typeRDSCluster, "db", map[string]any{"backupRetentionPeriod": days})
	if !selected {
		return []render.Resource{db}
	}
	return []render.Resource{db, res(typeBackupSelection, "db-backup", map[string]any{"resources": []any{render.Unknown}}, db.URN)}
}

var _ = addRuleCases(
	ruleCase{Rule: "rds-backups", Name: "8 days and a plan", Resources: backedUp(8, true)},
	ruleCase{Rule: "rds-backups", Name: "1 day", Fails: true, Resources: backedUp(1, true)},
	ruleCase{Rule: "rds-backups", Name: "no plan", Fails: true, Resources: backedUp(8, false)},
)
