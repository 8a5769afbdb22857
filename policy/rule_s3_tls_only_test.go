package policy

const tlsOnly = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*",` +
	`"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`

const allowOnly = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},` +
	`"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}`

var _ = addRuleCases(
	ruleCase{Rule: "s3-tls-only", Name: "denies insecure transport", Resources: bucketWith(typeBucketPolicy, map[string]any{"policy": tlsOnly})},
	ruleCase{Rule: "s3-tls-only", Name: "no policy", Fails: true, Resources: bucketWith("", nil)},
	ruleCase{Rule: "s3-tls-only", Name: "policy without the deny", Fails: true, Resources: bucketWith(typeBucketPolicy, map[string]any{"policy": allowOnly})},
)
