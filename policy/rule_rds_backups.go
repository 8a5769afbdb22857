package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

// minBackupDays is the shortest automated backup retention accepted: a week and a day, so a
// problem found a week later can still be restored from before it.
const minBackupDays = 7

var _ = register(&Rule{
	ID:            "rds-backups",
	Rationale:     "The database keeps automated backups for at least 7 days and is selected by an AWS Backup plan, outside ephemeral stacks.",
	Applies:       []string{typeRDSCluster},
	PermanentOnly: true,
	Check: func(c *Context, r *render.Resource) []string {
		var out []string
		if days, ok := number(input(r, "backupRetentionPeriod")); !ok || days < minBackupDays {
			out = append(out, "backupRetentionPeriod is not set to at least 7 days")
		}
		if len(c.Dependents(r.URN, typeBackupSelection)) == 0 {
			out = append(out, "no AWS Backup selection depends on the cluster")
		}
		return out
	},
})
