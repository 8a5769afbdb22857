package policy

var _ = register(&Rule{
	ID:        "rds-encryption",
	Rationale: "Database storage, and so its snapshots and backups, is encrypted at rest.",
	Applies:   []string{typeRDSCluster},
	Check:     mustBeTrue("storageEncrypted"),
})
