package cloudsim

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// The policy language as AWS's policy engines read it: one parser and one grammar check shared by
// every policy document the program sets (IAM identity and trust policies, bucket, topic, queue
// and key policies). Each service then words the first fault its own way (rules_iam.go,
// rules_iam_resource.go).

// policyKind is what a document is for, which decides whether it must or must not name principals
// and resources.
type policyKind int

const (
	identityPolicy policyKind = iota // attached to a role or a managed policy: no Principal
	trustPolicy                      // a role's assume-role policy: a Principal, no Resource
	resourcePolicy                   // a bucket's, topic's, queue's or key's: a Principal
)

// policyFault is the first thing AWS refuses in a document, in the order IAM checks: syntax, the
// legacy parser (Effect's case), principals, actions, resources, action prefixes.
type policyFault int

const (
	faultNone           policyFault = iota
	faultJSON                       // not JSON, or not a JSON object
	faultNoStatement                // no Statement element, or an empty one
	faultSyntax                     // an unknown element, or an element of the wrong type
	faultNoEffect                   // a statement without Effect
	faultBadEffect                  // an Effect other than Allow or Deny
	faultEffectCase                 // "allow": right word, wrong case
	faultCondition                  // an unknown condition operator
	faultPrincipal                  // a Principal in an identity policy
	faultNoPrincipal                // no Principal in a trust or resource policy
	faultResource                   // a Resource in a trust policy
	faultNoAction                   // no Action or NotAction, or an empty list
	faultNoResource                 // no Resource or NotResource in an identity or resource policy
	faultNoVendor                   // an action without a service prefix ("GetObject")
	faultNotSTS                     // a trust policy action other than sts:AssumeRole*
	faultOutOfScope                 // a resource policy action of another service (SNS)
	faultLockout                    // a key policy that locks the account out (KMS)
	faultActionResource             // actions none of which applies to the statement's resources (S3)
)

// policyProblem is a fault and the value it is about (the Effect, the operator, the action).
type policyProblem struct {
	fault policyFault
	value string
}

// policyDoc is a parsed policy document.
type policyDoc struct {
	top        map[string]any
	statements []map[string]any
	// shapeErr is set when Statement is neither an object nor a list of objects.
	shapeErr bool
}

var (
	policyTopElements       = []string{"Version", "Id", "Statement"}
	policyStatementElements = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
		"Resource", "NotResource", "Condition"}
	// conditionOperators are IAM's condition operators, without the ForAnyValue:/ForAllValues:
	// set qualifiers and the IfExists suffix.
	conditionOperators = []string{"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
		"StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals",
		"NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
		"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
		"DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike",
		"ArnNotEquals", "ArnNotLike", "Null"}
	// trustActions are the actions a trust policy may grant.
	trustActions = []string{"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity",
		"sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"}
)

// errPolicyJSON is a document that is not a JSON object.
var errPolicyJSON = errors.New("policy is not a JSON object")

// policyText returns a policy input as the JSON text the provider sends: a string as given, an
// object (a PolicyDocument) marshalled. ok is false when the input is absent or unknown.
func policyText(v any) (string, bool) {
	switch p := v.(type) {
	case string:
		return p, true
	case map[string]any:
		b, err := json.Marshal(p)
		return string(b), err == nil
	}
	return "", false
}

// parsePolicy reads a policy document: Statement may be one object or a list, and Action,
// Resource and Principal values a string or a list.
func parsePolicy(text string) (*policyDoc, error) {
	var top map[string]any
	if err := json.Unmarshal([]byte(text), &top); err != nil {
		return nil, err
	}
	if top == nil {
		return nil, errPolicyJSON
	}
	d := &policyDoc{top: top}
	switch s := top["Statement"].(type) {
	case map[string]any:
		d.statements = []map[string]any{s}
	case []any:
		for _, e := range s {
			m, ok := e.(map[string]any)
			if !ok {
				d.shapeErr = true
				continue
			}
			d.statements = append(d.statements, m)
		}
	case nil:
	default:
		d.shapeErr = true
	}
	return d, nil
}

// problem returns the first fault AWS finds in a document of a kind.
func (d *policyDoc) problem(kind policyKind) policyProblem {
	for k := range d.top {
		if !inList(k, policyTopElements) {
			return policyProblem{faultSyntax, k}
		}
	}
	if d.shapeErr {
		return policyProblem{faultSyntax, "Statement"}
	}
	if len(d.statements) == 0 {
		return policyProblem{faultNoStatement, ""}
	}
	checks := []func(map[string]any, policyKind) policyProblem{statementSyntax, statementEffectCase,
		statementPrincipal, statementAction, statementResource, statementVendor, statementTrustAction}
	for _, check := range checks {
		for _, s := range d.statements {
			if p := check(s, kind); p.fault != faultNone {
				return p
			}
		}
	}
	return policyProblem{}
}

func statementSyntax(s map[string]any, _ policyKind) policyProblem {
	for k := range s {
		if !inList(k, policyStatementElements) {
			return policyProblem{faultSyntax, k}
		}
	}
	effect, ok := s["Effect"]
	if !ok {
		return policyProblem{faultNoEffect, ""}
	}
	e, _ := effect.(string)
	if !strings.EqualFold(e, "Allow") && !strings.EqualFold(e, "Deny") {
		return policyProblem{faultBadEffect, fmt.Sprint(effect)}
	}
	for _, k := range []string{"Action", "NotAction", "Resource", "NotResource"} {
		if v, ok := s[k]; ok && !stringOrList(v) {
			return policyProblem{faultSyntax, k}
		}
	}
	if has(s, "Action") && has(s, "NotAction") || has(s, "Resource") && has(s, "NotResource") {
		return policyProblem{faultSyntax, "Action"}
	}
	cond, ok := s["Condition"]
	if !ok {
		return policyProblem{}
	}
	ops, isMap := cond.(map[string]any)
	if !isMap {
		return policyProblem{faultSyntax, "Condition"}
	}
	names := slices.Sorted(maps.Keys(ops))
	for _, op := range names {
		if _, ok := ops[op].(map[string]any); !ok {
			return policyProblem{faultSyntax, "Condition"}
		}
		if !inList(conditionOperator(op), conditionOperators) {
			return policyProblem{faultCondition, op}
		}
	}
	return policyProblem{}
}

// conditionOperator strips a set qualifier and the IfExists suffix.
func conditionOperator(op string) string {
	for _, q := range []string{"ForAnyValue:", "ForAllValues:"} {
		op = strings.TrimPrefix(op, q)
	}
	return strings.TrimSuffix(op, "IfExists")
}

func statementEffectCase(s map[string]any, _ policyKind) policyProblem {
	if e := s["Effect"]; e != "Allow" && e != "Deny" {
		return policyProblem{faultEffectCase, fmt.Sprint(e)}
	}
	return policyProblem{}
}

func statementPrincipal(s map[string]any, kind policyKind) policyProblem {
	named := has(s, "Principal") || has(s, "NotPrincipal")
	switch {
	case kind == identityPolicy && named:
		return policyProblem{faultPrincipal, ""}
	case kind == trustPolicy && (has(s, "Resource") || has(s, "NotResource")):
		return policyProblem{faultResource, ""}
	case kind != identityPolicy && !named:
		return policyProblem{faultNoPrincipal, ""}
	}
	return policyProblem{}
}

func statementAction(s map[string]any, _ policyKind) policyProblem {
	if len(listOf(s["Action"])) == 0 && len(listOf(s["NotAction"])) == 0 {
		return policyProblem{faultNoAction, ""}
	}
	return policyProblem{}
}

func statementResource(s map[string]any, kind policyKind) policyProblem {
	if kind != trustPolicy && len(listOf(s["Resource"])) == 0 && len(listOf(s["NotResource"])) == 0 {
		return policyProblem{faultNoResource, ""}
	}
	return policyProblem{}
}

func statementVendor(s map[string]any, _ policyKind) policyProblem {
	for _, a := range append(listOf(s["Action"]), listOf(s["NotAction"])...) {
		if a != "*" && !strings.Contains(a, ":") {
			return policyProblem{faultNoVendor, a}
		}
	}
	return policyProblem{}
}

func statementTrustAction(s map[string]any, kind policyKind) policyProblem {
	if kind != trustPolicy {
		return policyProblem{}
	}
	for _, a := range listOf(s["Action"]) {
		if a != "*" && !inList(a, trustActions) {
			return policyProblem{faultNotSTS, a}
		}
	}
	return policyProblem{}
}

func has(m map[string]any, k string) bool { _, ok := m[k]; return ok }

func stringOrList(v any) bool {
	switch t := v.(type) {
	case string:
		return true
	case []any:
		return len(strs(t)) == len(t)
	}
	return false
}

func inList(s string, list []string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
