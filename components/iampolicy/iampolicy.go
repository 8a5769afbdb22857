// Package iampolicy builds IAM policy documents as typed Go values, so policies are checked by
// the compiler and tests can decode and assert on them, instead of hand-written JSON strings.
package iampolicy

import (
	"encoding/json"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Document is an IAM policy document.
type Document struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one policy statement. Principal and Condition are free-form because IAM's
// grammar for them is ({"Service": ...}, {"AWS": ...}, {"StringEquals": {...}}).
type Statement struct {
	Sid       string         `json:"Sid,omitempty"`
	Effect    string         `json:"Effect"`
	Principal map[string]any `json:"Principal,omitempty"`
	Action    []string       `json:"Action"`
	Resource  []string       `json:"Resource,omitempty"`
	Condition map[string]any `json:"Condition,omitempty"`
}

// New returns a document of the given statements.
func New(statements ...Statement) Document {
	return Document{Version: "2012-10-17", Statement: statements}
}

// Allow is an Allow statement of actions on resources.
func Allow(actions []string, resources ...string) Statement {
	return Statement{Effect: "Allow", Action: actions, Resource: resources}
}

// JSON renders the document.
func (d Document) JSON() string {
	b, err := json.Marshal(d)
	if err != nil { // only maps of strings and slices: cannot fail
		panic(err)
	}
	return string(b)
}

// String renders the document as a Pulumi input.
func (d Document) String() pulumi.String { return pulumi.String(d.JSON()) }

// AssumeRole is a trust policy letting services (e.g. "lambda.amazonaws.com") assume a role.
func AssumeRole(services ...string) Document {
	return New(Statement{Effect: "Allow", Action: []string{"sts:AssumeRole"},
		Principal: map[string]any{"Service": services}})
}

// Output renders a document whose resources are only known after deployment (ARNs): build
// receives the resolved strings in the order given.
func Output(build func(values []string) Document, values ...pulumi.StringInput) pulumi.StringOutput {
	ins := make([]any, len(values))
	for i, v := range values {
		ins[i] = v
	}
	return pulumi.All(ins...).ApplyT(func(all []any) string {
		strs := make([]string, len(all))
		for i, v := range all {
			strs[i], _ = v.(string)
		}
		return build(strs).JSON()
	}).(pulumi.StringOutput)
}
