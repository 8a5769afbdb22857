package cloudsim

import "strings"

const (
	trustDoc    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	identityDoc = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}}`
	bucketDoc   = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	topicDoc    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish","Resource":"arn:aws:sns:ca-central-1:111122223333:alert"}]}`
	keyDoc      = `{"Version":"2012-10-17","Statement":[{"Sid":"Account","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + testAccount + `:root"},"Action":"kms:*","Resource":"*"}]}`
)

// statement is identityDoc's statement with one element replaced ("" drops it).
func statement(key, value string) string {
	s := map[string]string{"Effect": `"Allow"`, "Action": `"s3:GetObject"`, "Resource": `"*"`}
	if value == "" {
		delete(s, key)
	} else {
		s[key] = value
	}
	var parts []string
	for _, k := range []string{"Effect", "Principal", "Action", "Resource", "Condition"} {
		if v, ok := s[k]; ok {
			parts = append(parts, `"`+k+`":`+v)
		}
	}
	return `{"Version":"2012-10-17","Statement":[{` + strings.Join(parts, ",") + `}]}`
}

func policyIn(doc string) map[string]any { return map[string]any{"policy": doc} }

var _ = addRuleCases(
	ruleCase{Rule: "iam.trust-policy", Name: "service may assume the role", Phase: OnCreate, Inputs: map[string]any{"assumeRolePolicy": trustDoc}},
	ruleCase{Rule: "iam.trust-policy", Name: "no principal", Phase: OnCreate, Refused: true,
		Inputs:   map[string]any{"assumeRolePolicy": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}`},
		Contains: "The passed in policy has a statement with no principals!"},
	ruleCase{Rule: "iam.trust-policy", Name: "a resource in a trust policy", Phase: OnCreate, Refused: true,
		Inputs:   map[string]any{"assumeRolePolicy": strings.Replace(trustDoc, `"sts:AssumeRole"`, `"sts:AssumeRole","Resource":"*"`, 1)},
		Contains: "MalformedPolicyDocument: Has prohibited field Resource"},
	ruleCase{Rule: "iam.trust-policy", Name: "an identity action in a trust policy", Phase: OnCreate, Refused: true,
		Inputs:   map[string]any{"assumeRolePolicy": strings.Replace(trustDoc, "sts:AssumeRole", "s3:GetObject", 1)},
		Contains: "AssumeRole policy may only specify STS AssumeRole actions."},
	ruleCase{Rule: "iam.trust-policy", Name: "invalid JSON reaching the API", Phase: OnUpdate, Refused: true,
		Inputs: map[string]any{"assumeRolePolicy": `{"Statement":`}, Olds: map[string]any{"assumeRolePolicy": trustDoc},
		Contains: "This policy contains invalid Json"},
	ruleCase{Rule: "iam.trust-policy", Name: "update that keeps the policy", Phase: OnUpdate,
		Inputs: map[string]any{"assumeRolePolicy": trustDoc}, Olds: map[string]any{"assumeRolePolicy": trustDoc}},

	ruleCase{Rule: "iam.policy-document", Name: "statement object, action list", Phase: OnCreate, Inputs: policyIn(identityDoc)},
	ruleCase{Rule: "iam.policy-document", Name: "document given as an object", Phase: OnCreate,
		Inputs: map[string]any{"policy": map[string]any{"Version": "2012-10-17",
			"Statement": []any{map[string]any{"Effect": "Deny", "NotAction": "iam:*", "NotResource": []any{"*"}}}}}},
	ruleCase{Rule: "iam.policy-document", Name: "condition with qualifier and IfExists", Phase: OnCreate,
		Inputs: policyIn(statement("Condition", `{"ForAnyValue:StringLikeIfExists":{"aws:PrincipalTag/team":["notify*"]}}`))},
	ruleCase{Rule: "iam.policy-document", Name: "a principal in an identity policy", Phase: OnCreate, Refused: true,
		Inputs: policyIn(statement("Principal", `{"AWS":"*"}`)), Contains: "Policy document should not specify a principal."},
	ruleCase{Rule: "iam.policy-document", Name: "an action without a service prefix", Phase: OnCreate, Refused: true,
		Inputs:   policyIn(statement("Action", `"GetObject"`)),
		Contains: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."},
	ruleCase{Rule: "iam.policy-document", Name: "an unknown condition operator", Phase: OnCreate, Refused: true,
		Inputs: policyIn(statement("Condition", `{"StringEqualz":{"aws:RequestedRegion":"ca-central-1"}}`)), Contains: "Syntax errors in policy."},
	ruleCase{Rule: "iam.policy-document", Name: "no Effect", Phase: OnCreate, Refused: true,
		Inputs: policyIn(statement("Effect", "")), Contains: "Syntax errors in policy."},
	ruleCase{Rule: "iam.policy-document", Name: "Effect in lowercase", Phase: OnCreate, Refused: true,
		Inputs: policyIn(statement("Effect", `"allow"`)), Contains: "The policy failed legacy parsing"},
	ruleCase{Rule: "iam.policy-document", Name: "no Action", Phase: OnCreate, Refused: true,
		Inputs: policyIn(statement("Action", "")), Contains: "Policy statement must contain actions."},
	ruleCase{Rule: "iam.policy-document", Name: "an empty action list", Phase: OnCreate, Refused: true,
		Inputs: policyIn(statement("Action", "[]")), Contains: "Policy statement must contain actions."},
	ruleCase{Rule: "iam.policy-document", Name: "no Resource", Phase: OnCreate, Refused: true,
		Inputs: policyIn(statement("Resource", "")), Contains: "Policy statement must contain resources."},
	ruleCase{Rule: "iam.policy-document", Name: "an unknown element", Phase: OnCreate, Refused: true,
		Inputs: policyIn(`{"Version":"2012-10-17","Statment":[]}`), Contains: "Syntax errors in policy."},

	ruleCase{Rule: "iam.role-policy-document", Name: "inline policy", Phase: OnCreate, Inputs: policyIn(identityDoc)},
	ruleCase{Rule: "iam.role-policy-document", Name: "a trust policy put as an inline policy", Phase: OnCreate, Refused: true,
		Inputs: policyIn(trustDoc), Contains: "MalformedPolicyDocument: Policy document should not specify a principal."},

	ruleCase{Rule: "iam.policy-json", Name: "a JSON object", Phase: OnCheck, Type: iamPolicy, Inputs: policyIn(identityDoc)},
	ruleCase{Rule: "iam.policy-json", Name: "not JSON", Phase: OnCheck, Refused: true, Type: iamPolicy, Inputs: policyIn(`{"Version":}`),
		Contains: `"policy" contains an invalid JSON policy: invalid character '}' looking for beginning of value, at byte offset 12. Examine values at 'subject.policy'.`},
	ruleCase{Rule: "iam.policy-json", Name: "a trust policy with a leading newline", Phase: OnCheck, Refused: true, Type: iamRole,
		Inputs:   map[string]any{"assumeRolePolicy": "\n" + trustDoc},
		Contains: `"assume_role_policy" contains an invalid JSON policy: leading space characters are not allowed`},
	ruleCase{Rule: "iam.policy-json", Name: "a double-encoded policy", Phase: OnCheck, Refused: true, Type: iamRolePolicy,
		Inputs: policyIn(`"{\"Version\":\"2012-10-17\"}"`), Contains: "(have you double-encoded your JSON data?)"},

	ruleCase{Rule: "s3.bucket-policy", Name: "deny insecure transport", Phase: OnCreate, Inputs: policyIn(bucketDoc)},
	ruleCase{Rule: "s3.bucket-policy", Name: "an identity policy as a bucket policy", Phase: OnCreate, Refused: true,
		Inputs: policyIn(identityDoc), Contains: "MalformedPolicy: Missing required field Principal"},
	ruleCase{Rule: "s3.bucket-policy", Name: "an action without a service prefix", Phase: OnCreate, Refused: true,
		Inputs: policyIn(strings.Replace(bucketDoc, `"s3:*"`, `"GetObject"`, 1)), Contains: "Policy has invalid action"},
	ruleCase{Rule: "s3.bucket-policy", Name: "a document that is not an object", Phase: OnCreate, Refused: true,
		Inputs: policyIn(`["s3:*"]`), Contains: "Policies must be valid JSON and the first byte must be '{'"},
	ruleCase{Rule: "s3.bucket-policy", Name: "bucket and object actions on their resources", Phase: OnCreate,
		Inputs: policyIn(`{"Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":["s3:GetBucketLocation","s3:ListBucket"],"Resource":"arn:aws:s3:::b"},` +
			`{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}`)},
	ruleCase{Rule: "s3.bucket-policy", Name: "an object action on the bucket", Phase: OnCreate, Refused: true,
		Inputs:   policyIn(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":["s3:PutObject"],"Resource":["arn:aws:s3:::b"]}]}`),
		Contains: "MalformedPolicy: Action does not apply to any resource(s) in statement"},
	ruleCase{Rule: "s3.bucket-policy", Name: "a bucket action on objects", Phase: OnCreate, Refused: true,
		Inputs:   policyIn(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::b/*"}]}`),
		Contains: "Action does not apply to any resource(s) in statement"},
	ruleCase{Rule: "s3.bucket-policy-json", Name: "JSON", Phase: OnCheck, Inputs: policyIn(bucketDoc)},
	ruleCase{Rule: "s3.bucket-policy-json", Name: "not JSON", Phase: OnCheck, Refused: true, Inputs: policyIn(`{`),
		Contains: `"policy" contains an invalid JSON: unexpected end of JSON input`},

	ruleCase{Rule: "sns.topic-policy", Name: "CloudWatch may publish", Phase: OnCreate, Inputs: policyIn(topicDoc)},
	ruleCase{Rule: "sns.topic-policy", Name: "an SQS action in a topic policy", Phase: OnCreate, Refused: true,
		Inputs:   policyIn(strings.Replace(topicDoc, "sns:Publish", "sqs:SendMessage", 1)),
		Contains: "InvalidParameter: Invalid parameter: Policy statement action out of service scope!"},
	ruleCase{Rule: "sns.topic-policy", Name: "no Effect", Phase: OnCreate, Refused: true, Type: snsTopic,
		Inputs: policyIn(strings.Replace(topicDoc, `"Effect":"Allow",`, "", 1)), Contains: "Invalid parameter: Policy Error: null"},
	ruleCase{Rule: "sns.topic-policy-json", Name: "JSON", Phase: OnCheck, Inputs: policyIn(topicDoc)},
	ruleCase{Rule: "sns.topic-policy-json", Name: "not JSON", Phase: OnCheck, Refused: true, Inputs: policyIn(`{]`)},

	ruleCase{Rule: "sqs.queue-policy", Name: "EventBridge may send", Phase: OnCreate,
		Inputs: policyIn(strings.NewReplacer("sns:Publish", "sqs:SendMessage", "cloudwatch", "events").Replace(topicDoc))},
	ruleCase{Rule: "sqs.queue-policy", Name: "no principal", Phase: OnCreate, Refused: true,
		Inputs:   policyIn(strings.Replace(identityDoc, "s3:GetObject", "sqs:SendMessage", 1)),
		Contains: "InvalidAttributeValue: Invalid value for the parameter Policy."},
	ruleCase{Rule: "sqs.queue-policy-json", Name: "JSON", Phase: OnCheck, Inputs: policyIn(topicDoc)},
	ruleCase{Rule: "sqs.queue-policy-json", Name: "not JSON", Phase: OnCheck, Refused: true, Inputs: policyIn(`policy`)},

	ruleCase{Rule: "kms.key-policy-principals", Name: "account administers the key", Phase: OnCreate, Inputs: policyIn(keyDoc)},
	ruleCase{Rule: "kms.key-policy-principals", Name: "a statement without principal", Phase: OnCreate, Refused: true,
		Inputs:   policyIn(strings.Replace(identityDoc, "s3:GetObject", "kms:Decrypt", 1)),
		Contains: "MalformedPolicyDocumentException: Policy contains a statement with one or more invalid principals."},
	ruleCase{Rule: "kms.key-policy-lockout", Name: "account may put the key policy", Phase: OnCreate, Inputs: policyIn(keyDoc)},
	ruleCase{Rule: "kms.key-policy-lockout", Name: "lockout bypassed", Phase: OnCreate,
		Inputs: map[string]any{"policy": topicDoc, "bypassPolicyLockoutSafetyCheck": true}},
	ruleCase{Rule: "kms.key-policy-lockout", Name: "only a service may use the key", Phase: OnCreate, Refused: true,
		Inputs:   policyIn(strings.NewReplacer("sns:Publish", "kms:Decrypt").Replace(topicDoc)),
		Contains: "The new key policy will not allow you to update the key policy in the future."},
	ruleCase{Rule: "kms.key-policy-lockout", Name: "another account administers the key", Phase: OnUpdate, Refused: true,
		Inputs: policyIn(strings.Replace(keyDoc, testAccount, "444455556666", 1)), Olds: policyIn(keyDoc)},
	ruleCase{Rule: "kms.key-policy-json", Name: "JSON", Phase: OnCheck, Inputs: policyIn(keyDoc)},
	ruleCase{Rule: "kms.key-policy-json", Name: "not JSON", Phase: OnCheck, Refused: true, Inputs: policyIn(`{"a":1,}`)},
)
