package policy

var _ = register(&Rule{
	ID:        "sns-tls-only",
	Rationale: "Every topic's policy refuses publishing and subscribing without TLS (aws:SecureTransport false).",
	Applies:   []string{typeTopic},
	Check:     mustRefusePlainHTTP(typeTopicPolicy, "topic"),
})
