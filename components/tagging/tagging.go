// Package tagging is the program's one tagging rule: the providers carry the environment-wide
// default tags (Environment, CostCenter and any configured), and every resource that can be
// tagged adds its own Name through Named.
package tagging

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Named returns the per-resource tags: Name, plus any extra tags the resource needs (for
// example the Kubernetes discovery tags on subnets).
func Named(name string, extra ...map[string]string) pulumi.StringMap {
	tags := pulumi.StringMap{"Name": pulumi.String(name)}
	for _, m := range extra {
		for k, v := range m {
			tags[k] = pulumi.String(v)
		}
	}
	return tags
}

// Defaults returns the provider default tags of an environment: the configured tags plus
// Environment.
func Defaults(environment string, tags map[string]string) map[string]string {
	out := map[string]string{"Environment": environment}
	for k, v := range tags {
		out[k] = v
	}
	return out
}
