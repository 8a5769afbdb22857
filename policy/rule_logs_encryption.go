package policy

var _ = register(&Rule{
	ID:        "logs-encryption",
	Rationale: "Log groups are encrypted with a customer-managed KMS key: logs can hold personal information.",
	Applies:   []string{typeLogGroup},
	Check:     mustBeSet("kmsKeyId", ""),
})
