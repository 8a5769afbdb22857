package policy

var _ = register(&Rule{
	ID:        "elasticache-encryption",
	Rationale: "Cache nodes and their snapshots are encrypted at rest: they hold sessions and queued work.",
	Applies:   []string{typeCache},
	Check:     mustBeTrue("atRestEncryptionEnabled"),
})
