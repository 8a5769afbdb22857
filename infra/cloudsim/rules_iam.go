package cloudsim

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// iamMessage is IAM's MalformedPolicyDocument message for a fault. Sources: moto's IAM policy validator
// (moto/iam/policy_validation.py, written against IAM's answers) and answers quoted in
// hashicorp/terraform#13449, terraform-aws-modules/terraform-aws-iam#47 and aws/aws-cdk#7615.
func iamMessage(p policyProblem) string {
	switch p.fault {
	case faultJSON:
		return "This policy contains invalid Json"
	case faultNoStatement, faultSyntax, faultNoEffect, faultBadEffect, faultCondition:
		return "Syntax errors in policy."
	case faultEffectCase:
		return "The policy failed legacy parsing"
	case faultPrincipal:
		return "Policy document should not specify a principal."
	case faultNoPrincipal:
		return "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!"
	case faultResource:
		return "Has prohibited field Resource"
	case faultNoAction:
		return "Policy statement must contain actions."
	case faultNoResource:
		return "Policy statement must contain resources."
	case faultNoVendor:
		return "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
	case faultNotSTS:
		return "AssumeRole policy may only specify STS AssumeRole actions."
	}
	return ""
}

// policyRule judges the policy document in one input of the request: on create, and on update
// when the document changed (the provider sends it only then). extra are a service's own checks,
// made once the document is valid grammar.
func policyRule(prop string, kind policyKind, message func(p policyProblem, c *RuleCall) string,
	extra ...func(d *policyDoc, c *RuleCall) policyProblem) func(c *RuleCall) string {
	return func(c *RuleCall) string {
		text, ok := policyText(c.Obj.in(prop))
		if !ok {
			return ""
		}
		if c.Phase == OnUpdate {
			if old, _ := policyText(plain(c.Olds[resource.PropertyKey(prop)])); old == text {
				return ""
			}
		}
		doc, err := parsePolicy(text)
		if err != nil {
			return message(policyProblem{fault: faultJSON, value: text}, c)
		}
		p := doc.problem(kind)
		for _, check := range extra {
			if p.fault != faultNone {
				break
			}
			p = check(doc, c)
		}
		if p.fault != faultNone {
			return message(p, c)
		}
		return ""
	}
}

// inputRules are the rules that judge a request by its own inputs alone, without other resources
// of the world: the program test applies them to the program's resolved inputs.
var inputRules = map[string]bool{}

func registerInput(r Rule) { inputRules[register(r).ID] = true }

const (
	iamRole       = "aws:iam/role:Role"
	iamPolicy     = "aws:iam/policy:Policy"
	iamRolePolicy = "aws:iam/rolePolicy:RolePolicy"
	iamErrorsDoc  = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"
)

func init() {
	iam := func(p policyProblem, _ *RuleCall) string { return iamMessage(p) }
	registerInput(Rule{ID: "iam.trust-policy", Service: "IAM", Operation: "CreateRole", Resource: "IAM Role",
		Code:    "MalformedPolicyDocument",
		Summary: "a trust policy that is not valid policy grammar, names no principal, names a resource or grants other than sts:AssumeRole*",
		Source:  iamErrorsDoc, Types: []string{iamRole}, Phases: []Phase{OnCreate, OnUpdate},
		Check: policyRule("assumeRolePolicy", trustPolicy, iam)})
	registerInput(Rule{ID: "iam.policy-document", Service: "IAM", Operation: "CreatePolicy", Resource: "IAM Policy",
		Code:    "MalformedPolicyDocument",
		Summary: "a managed policy that is not valid policy grammar, names a principal, or lacks actions or resources",
		Source:  iamErrorsDoc, Types: []string{iamPolicy}, Phases: []Phase{OnCreate, OnUpdate},
		Check: policyRule("policy", identityPolicy, iam)})
	registerInput(Rule{ID: "iam.role-policy-document", Service: "IAM", Operation: "PutRolePolicy", Resource: "IAM Role Policy",
		Code:    "MalformedPolicyDocument",
		Summary: "an inline role policy that is not valid policy grammar, names a principal, or lacks actions or resources",
		Source:  iamErrorsDoc, Types: []string{iamRolePolicy}, Phases: []Phase{OnCreate, OnUpdate},
		Check: policyRule("policy", identityPolicy, iam)})
}

// iamPolicyJSON is the provider's check of an IAM policy input (verify.ValidIAMPolicyJSON in
// terraform-provider-aws internal/verify/validate.go): a JSON object with no leading space.
func iamPolicyJSON(attr, v string) string {
	if v == "" {
		return fmt.Sprintf("%q is an empty string, which is not a valid JSON value", attr)
	}
	switch v[0] {
	case '{':
	case ' ', '\t', '\r', '\n':
		return fmt.Sprintf("%q contains an invalid JSON policy: leading space characters are not allowed", attr)
	case '"':
		hint := ""
		var content string
		var inner any
		if json.Unmarshal([]byte(v), &content) == nil {
			if strings.HasSuffix(content, ".json") {
				hint = " (have you passed a JSON-encoded filename instead of the content of that file?)"
			} else if json.Unmarshal([]byte(content), &inner) == nil {
				hint = " (have you double-encoded your JSON data?)"
			}
		}
		return fmt.Sprintf("%q contains an invalid JSON policy: contains a JSON-encoded string, not a JSON-encoded object%s", attr, hint)
	case '[':
		return fmt.Sprintf("%q contains an invalid JSON policy: contains a JSON array, not a JSON object", attr)
	default:
		return fmt.Sprintf("%q contains an invalid JSON policy: not a JSON object", attr)
	}
	if err := jsonError(v); err != "" {
		return fmt.Sprintf("%q contains an invalid JSON policy: %s", attr, err)
	}
	return ""
}

// stringIsJSON is the provider's check of a resource policy input (validation.StringIsJSON).
func stringIsJSON(attr, v string) string {
	if v == "" {
		return ""
	}
	var x any
	if err := json.Unmarshal([]byte(v), &x); err != nil {
		return fmt.Sprintf("%q contains an invalid JSON: %s", attr, err)
	}
	return ""
}

// jsonError is encoding/json's error for a document with the byte offset of a syntax error, as
// the provider words it ("" for valid JSON).
func jsonError(v string) string {
	var x any
	err := json.Unmarshal([]byte(v), &x)
	var syntax *json.SyntaxError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &syntax):
		return fmt.Sprintf("%s, at byte offset %d", err, syntax.Offset)
	}
	return err.Error()
}

// policyInputs are the policy inputs the provider checks for JSON at plan time: the Pulumi
// property, the provider's attribute and its validator.
var policyInputs = []struct {
	id, typ, prop, attr string
	valid               func(attr, v string) string
}{
	{"iam.policy-json", iamRole, "assumeRolePolicy", "assume_role_policy", iamPolicyJSON},
	{"iam.policy-json", iamPolicy, "policy", "policy", iamPolicyJSON},
	{"iam.policy-json", iamRolePolicy, "policy", "policy", iamPolicyJSON},
	{"s3.bucket-policy-json", s3BucketPolicy, "policy", "policy", stringIsJSON},
	{"sns.topic-policy-json", snsTopicPolicy, "policy", "policy", stringIsJSON},
	{"sqs.queue-policy-json", sqsQueuePolicy, "policy", "policy", stringIsJSON},
	{"kms.key-policy-json", kmsKey, "policy", "policy", stringIsJSON},
}

func init() {
	sources := map[string]string{
		"iam.policy-json": "terraform-provider-aws internal/verify/validate.go (ValidIAMPolicyJSON)",
	}
	byID := map[string][]string{}
	var ids []string
	for _, in := range policyInputs {
		if _, seen := byID[in.id]; !seen {
			ids = append(ids, in.id)
		}
		byID[in.id] = append(byID[in.id], in.typ)
	}
	for _, id := range ids {
		source, ok := sources[id]
		if !ok {
			source = "terraform-provider-aws internal/sdkv2/schema.go (IAMPolicyDocumentSchema*: validation.StringIsJSON)"
		}
		registerInput(Rule{ID: id, Service: "pulumi-aws", Operation: "Check", Resource: "policy",
			Summary: "a policy input that is not JSON (the provider's plan-time validation)",
			Source:  source, Types: byID[id], Phases: []Phase{OnCheck}, Check: policyJSON})
	}
}

func policyJSON(c *RuleCall) string {
	for _, in := range policyInputs {
		if in.typ != c.Obj.Type {
			continue
		}
		if v, ok := c.Obj.in(in.prop).(string); ok {
			if msg := in.valid(in.attr, v); msg != "" {
				return checkFailure(c, in.prop, msg)
			}
		}
	}
	return ""
}
