package policy

var _ = register(&Rule{
	ID:        "sqs-tls-only",
	Rationale: "Every queue's policy refuses requests without TLS (aws:SecureTransport false).",
	Applies:   []string{typeQueue},
	Check:     mustRefusePlainHTTP(typeQueuePolicy, "queue"),
})
