package policy

var _ = register(&Rule{
	ID:        "sns-encryption",
	Rationale: "Topics are encrypted at rest with a KMS key: they carry delivery receipts and alerts.",
	Applies:   []string{typeTopic},
	Check:     mustBeSet("kmsMasterKeyId", ""),
})
