package iampolicy

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Grant is one Allow statement whose resources are only known after deployment: Actions on
// every ARN of Arns, each mapped to resources by Resources (Same, Objects, or the caller's).
type Grant struct {
	Sid       string
	Actions   []string
	Resources func(arn string) []string
	// Arns may be nil: a grant without ARNs grants nothing and renders no statement.
	Arns      pulumi.StringArrayInput
	Condition map[string]any
}

// Same maps an ARN to itself.
func Same(arn string) []string { return []string{arn} }

// Objects maps a bucket's ARN to its objects.
func Objects(arn string) []string { return []string{arn + "/*"} }

// Resolve is the document once the grants' ARNs are known (resolved[i] for gs[i]): the fixed
// statements, then one statement per grant that has resources (IAM refuses a statement
// without any).
func Resolve(fixed []Statement, gs []Grant, resolved [][]string) Document {
	statements := append([]Statement(nil), fixed...)
	for i, g := range gs {
		var resources []string
		for _, arn := range resolved[i] {
			resources = append(resources, g.Resources(arn)...)
		}
		if len(resources) == 0 {
			continue
		}
		s := Allow(g.Actions, resources...)
		s.Sid = g.Sid
		s.Condition = g.Condition
		statements = append(statements, s)
	}
	return New(statements...)
}

// Granted renders Resolve's document once every grant's ARNs are known.
func Granted(fixed []Statement, gs []Grant) pulumi.StringOutput {
	lists := make([]any, len(gs))
	for i, g := range gs {
		if g.Arns == nil {
			lists[i] = pulumi.StringArray{}
		} else {
			lists[i] = g.Arns
		}
	}
	return pulumi.All(lists...).ApplyT(func(all []any) string {
		resolved := make([][]string, len(all))
		for i, l := range all {
			resolved[i], _ = l.([]string)
		}
		return Resolve(fixed, gs, resolved).JSON()
	}).(pulumi.StringOutput)
}
