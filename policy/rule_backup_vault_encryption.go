package policy

var _ = register(&Rule{
	ID:        "backup-vault-encryption",
	Rationale: "Backup vaults use their own KMS key, apart from the data's, so one key's loss or compromise does not reach the backups.",
	Applies:   []string{typeVault},
	Check:     mustBeSet("kmsKeyArn", ""),
})
