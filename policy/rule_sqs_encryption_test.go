package policy

var _ = addRuleCases(
	ruleCase{Rule: "sqs-encryption", Name: "KMS", Resources: one(typeQueue, map[string]any{"kmsMasterKeyId": "arn:aws:kms:ca-central-1:1:key/k"})},
	ruleCase{Rule: "sqs-encryption", Name: "SQS-managed", Resources: one(typeQueue, map[string]any{"sqsManagedSseEnabled": true})},
	ruleCase{Rule: "sqs-encryption", Name: "none", Fails: true, Resources: one(typeQueue, map[string]any{"name": "q"})},
)
