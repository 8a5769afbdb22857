package policy

var _ = register(&Rule{
	ID:            "rds-deletion-protection",
	Rationale:     "The database cluster has AWS deletion protection outside ephemeral stacks: no API call or console click deletes it.",
	Applies:       []string{typeRDSCluster},
	PermanentOnly: true,
	Check:         mustBeTrue("deletionProtection"),
})
