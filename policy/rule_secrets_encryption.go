package policy

var _ = register(&Rule{
	ID:        "secrets-encryption",
	Rationale: "Secrets are encrypted with the environment's own KMS key, so access needs both the secret and the key.",
	Applies:   []string{typeSecret},
	Check:     mustBeSet("kmsKeyId", " (the AWS-managed key cannot be restricted)"),
})
