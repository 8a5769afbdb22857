package cloudsim

import (
	"strings"
)

// Resource policies: the documents the program attaches to buckets, topics, queues and keys.
// Each service reads them with the same grammar as IAM (rules_iam_grammar.go) and answers in its
// own words.

const (
	s3BucketPolicy = "aws:s3/bucketPolicy:BucketPolicy"
	snsTopic       = "aws:sns/topic:Topic"
	snsTopicPolicy = "aws:sns/topicPolicy:TopicPolicy"
	sqsQueue       = "aws:sqs/queue:Queue"
	sqsQueuePolicy = "aws:sqs/queuePolicy:QueuePolicy"
	kmsKey         = "aws:kms/key:Key"
)

// s3PolicyMessage is S3's MalformedPolicy message for a fault. The wording is S3's as recorded by
// versitygw's S3 conformance work (versity/versitygw#645-#650, auth/bucket_policy.go) and in
// AWS users' reports ("Missing required field Principal", "Policy has invalid action").
func s3PolicyMessage(p policyProblem, _ *RuleCall) string {
	switch p.fault {
	case faultJSON:
		if strings.HasPrefix(strings.TrimSpace(p.value), "{") {
			return "This policy contains invalid Json"
		}
		return "Policies must be valid JSON and the first byte must be '{'"
	case faultNoStatement:
		return "Missing required field Statement"
	case faultNoEffect:
		return "Missing required field Effect"
	case faultBadEffect, faultEffectCase:
		return "Invalid effect: " + p.value
	case faultNoPrincipal:
		return "Missing required field Principal"
	case faultNoAction:
		return "Missing required field Action"
	case faultNoResource:
		return "Missing required field Resource"
	case faultNoVendor:
		return "Policy has invalid action"
	case faultActionResource:
		return "Action does not apply to any resource(s) in statement"
	}
	return "Invalid policy syntax."
}

// s3ActionResource finds a statement whose actions all act on objects while its resources are
// all buckets, or the other way round ("s3:ListBucket" on "bucket/*"): S3 refuses it, as
// versity/versitygw#645 and wandb/terraform-aws-wandb#156 record. Wildcard actions act on both.
func s3ActionResource(d *policyDoc, _ *RuleCall) policyProblem {
	for _, s := range d.statements {
		actions, resources := listOf(s["Action"]), listOf(s["Resource"])
		if len(actions) == 0 || len(resources) == 0 {
			continue
		}
		objects, buckets := true, true
		for _, r := range resources {
			onObject := strings.Contains(strings.TrimPrefix(r, "arn:aws:s3:::"), "/")
			objects, buckets = objects && onObject, buckets && !onObject && r != "*"
		}
		acts := map[string]bool{}
		for _, a := range actions {
			acts[s3ActionTarget(a)] = true
		}
		if objects && !acts["object"] && !acts["both"] || buckets && !acts["bucket"] && !acts["both"] {
			return policyProblem{faultActionResource, strings.Join(actions, ",")}
		}
	}
	return policyProblem{}
}

// s3ActionTarget says what an S3 action acts on: "object", "bucket", or "both" (wildcards and
// actions this model does not classify).
func s3ActionTarget(action string) string {
	a := strings.ToLower(action)
	switch {
	case strings.Contains(a, "*"):
		return "both"
	case strings.Contains(a, "object") || a == "s3:abortmultipartupload" || a == "s3:listmultipartuploadparts":
		return "object"
	case strings.Contains(a, "bucket") || strings.HasSuffix(a, "configuration"):
		return "bucket"
	}
	return "both"
}

// snsMessage is SNS's answer: an action of another service is out of its scope, and any other
// fault is SNS's opaque "Policy Error: null" (aws/aws-cli#3143, hashicorp/terraform#12740,
// aws/serverless-application-model#1591).
func snsMessage(p policyProblem, _ *RuleCall) string {
	if p.fault == faultNoVendor || p.fault == faultOutOfScope {
		return "Invalid parameter: Policy statement action out of service scope!"
	}
	return "Invalid parameter: Policy Error: null"
}

// snsScope finds an action that is not SNS's.
func snsScope(d *policyDoc, _ *RuleCall) policyProblem {
	for _, s := range d.statements {
		for _, a := range listOf(s["Action"]) {
			if a != "*" && !strings.HasPrefix(strings.ToLower(a), "sns:") {
				return policyProblem{faultOutOfScope, a}
			}
		}
	}
	return policyProblem{}
}

// kmsPrincipal is KMS's answer to a statement without a principal; KMS's wording of the other
// grammar faults is not known, so this rule leaves them be.
func kmsPrincipal(p policyProblem, _ *RuleCall) string {
	if p.fault == faultNoPrincipal {
		return "Policy contains a statement with one or more invalid principals."
	}
	return ""
}

// kmsLockedOut is KMS's answer to a policy that fails the lockout safety check.
func kmsLockedOut(p policyProblem, _ *RuleCall) string {
	if p.fault == faultLockout {
		return "The new key policy will not allow you to update the key policy in the future."
	}
	return ""
}

// kmsLockout is KMS's policy lockout safety check: the new policy must still let the account (the
// principal creating the key, through IAM) call kms:PutKeyPolicy, unless the request bypasses it.
func kmsLockout(d *policyDoc, c *RuleCall) policyProblem {
	if bypass, _ := c.Obj.in("bypassPolicyLockoutSafetyCheck").(bool); bypass {
		return policyProblem{}
	}
	for _, s := range d.statements {
		if s["Effect"] == "Allow" && anyMatch(s["Action"], "kms:PutKeyPolicy") && inAccount(s["Principal"], c.Obj.Account) {
			return policyProblem{}
		}
	}
	return policyProblem{fault: faultLockout}
}

// inAccount reports whether a principal names everyone or an IAM principal of the account.
func inAccount(p any, account string) bool {
	if p == "*" {
		return true
	}
	m, _ := p.(map[string]any)
	for _, a := range listOf(m["AWS"]) {
		if a == "*" || a == account || strings.HasPrefix(a, "arn:aws:iam::"+account+":") {
			return true
		}
	}
	return false
}

func init() {
	registerInput(Rule{ID: "s3.bucket-policy", Service: "S3", Operation: "PutBucketPolicy", Resource: "S3 Bucket Policy",
		Code:    "MalformedPolicy",
		Summary: "a bucket policy that is not valid policy grammar, names no principal, has an action without a service prefix or actions that do not apply to its resources",
		Source:  "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
		Types:   []string{s3BucketPolicy}, Phases: []Phase{OnCreate, OnUpdate},
		Check: policyRule("policy", resourcePolicy, s3PolicyMessage, s3ActionResource)})
	registerInput(Rule{ID: "sns.topic-policy", Service: "SNS", Operation: "SetTopicAttributes", Resource: "SNS Topic Policy",
		Code:    "InvalidParameter",
		Summary: "a topic policy that is not valid policy grammar or grants actions outside SNS",
		Source:  "https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html",
		Types:   []string{snsTopicPolicy, snsTopic}, Phases: []Phase{OnCreate, OnUpdate},
		Check: policyRule("policy", resourcePolicy, snsMessage, snsScope)})
	registerInput(Rule{ID: "sqs.queue-policy", Service: "SQS", Operation: "SetQueueAttributes", Resource: "SQS Queue Policy",
		Code:    "InvalidAttributeValue",
		Summary: "a queue policy that is not valid policy grammar or names no principal",
		Source:  "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html",
		Types:   []string{sqsQueuePolicy, sqsQueue}, Phases: []Phase{OnCreate, OnUpdate},
		Check: policyRule("policy", resourcePolicy, func(policyProblem, *RuleCall) string {
			return "Invalid value for the parameter Policy."
		})})
	registerInput(Rule{ID: "kms.key-policy-principals", Service: "KMS", Operation: "CreateKey", Resource: "KMS Key",
		Code:    "MalformedPolicyDocumentException",
		Summary: "a key policy statement that names no principal",
		Source:  "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html",
		Types:   []string{kmsKey}, Phases: []Phase{OnCreate, OnUpdate},
		Check: policyRule("policy", resourcePolicy, kmsPrincipal)})
	registerInput(Rule{ID: "kms.key-policy-lockout", Service: "KMS", Operation: "PutKeyPolicy", Resource: "KMS Key",
		Code:    "MalformedPolicyDocumentException",
		Summary: "a key policy that no longer lets the account call kms:PutKeyPolicy (the lockout safety check)",
		Source:  "https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html",
		Types:   []string{kmsKey}, Phases: []Phase{OnCreate, OnUpdate},
		Check: policyRule("policy", resourcePolicy, kmsLockedOut, kmsLockout)})
}
