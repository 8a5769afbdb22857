package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "backup-vault-encryption",
	Rationale: "Backup vaults use their own KMS key, apart from the data's, so one key's loss or compromise does not reach the backups.",
	Applies:   []string{typeVault},
	Check: func(c *Context, r *render.Resource) []string {
		if str(r, "kmsKeyArn") == "" {
			return []string{"kmsKeyArn is not set"}
		}
		return nil
	},
})
