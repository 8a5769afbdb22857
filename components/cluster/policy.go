package cluster

import (
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
)

// grant is one policy statement whose resources are only known after deployment: the actions
// on every ARN of arns, each mapped to resources by resources (e.g. a bucket to its objects).
type grant struct {
	sid       string
	actions   []string
	resources func(arn string) []string
	arns      pulumi.StringArrayInput
	condition map[string]any
}

func same(arn string) []string    { return []string{arn} }
func objects(arn string) []string { return []string{arn + "/*"} }

// document is a policy once the grants' ARNs are known: the fixed statements, then one
// statement per grant that has resources (IAM refuses a statement without any).
func document(fixed []iampolicy.Statement, gs []grant, resolved [][]string) iampolicy.Document {
	statements := append([]iampolicy.Statement(nil), fixed...)
	for i, g := range gs {
		var resources []string
		for _, arn := range resolved[i] {
			resources = append(resources, g.resources(arn)...)
		}
		if len(resources) == 0 {
			continue
		}
		s := iampolicy.Allow(g.actions, resources...)
		s.Sid = g.sid
		s.Condition = g.condition
		statements = append(statements, s)
	}
	return iampolicy.New(statements...)
}

// policy renders document once every grant's ARNs are known.
func policy(fixed []iampolicy.Statement, gs []grant) pulumi.StringOutput {
	lists := make([]any, len(gs))
	for i, g := range gs {
		if g.arns == nil {
			lists[i] = pulumi.StringArray{}
		} else {
			lists[i] = g.arns
		}
	}
	return pulumi.All(lists...).ApplyT(func(all []any) string {
		resolved := make([][]string, len(all))
		for i, l := range all {
			resolved[i], _ = l.([]string)
		}
		return document(fixed, gs, resolved).JSON()
	}).(pulumi.StringOutput)
}

// with returns opts plus more, never sharing opts' backing array.
func with(opts []pulumi.ResourceOption, more ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return append(append([]pulumi.ResourceOption(nil), opts...), more...)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
