package policy

var _ = addRuleCases(
	ruleCase{Rule: "sqs-tls-only", Name: "inline policy denies insecure transport", Resources: one(typeQueue, map[string]any{"policy": tlsOnly})},
	ruleCase{Rule: "sqs-tls-only", Name: "queue policy denies insecure transport", Resources: withDependent(typeQueue, typeQueuePolicy,
		map[string]any{"policy": tlsOnly})},
	ruleCase{Rule: "sqs-tls-only", Name: "no policy", Fails: true, Resources: one(typeQueue, map[string]any{"name": "q"})},
	ruleCase{Rule: "sqs-tls-only", Name: "queue policy without the deny", Fails: true, Resources: withDependent(typeQueue, typeQueuePolicy,
		map[string]any{"policy": allowOnly})},
)
