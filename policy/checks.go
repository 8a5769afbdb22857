package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

// mustBeSet is the check of a rule that asks one input of a resource to hold a non-empty string
// (a KMS key, most often): it finds "<field> is not set", followed by why when why is given.
func mustBeSet(field, why string) func(*Context, *render.Resource) []string {
	return func(c *Context, r *render.Resource) []string {
		if str(r, field) == "" {
			return []string{field + " is not set" + why}
		}
		return nil
	}
}

// mustBeTrue is the check of a rule that asks one boolean input of a resource to be true (an
// encryption or protection switch): it finds "<field> is not true".
func mustBeTrue(field string) func(*Context, *render.Resource) []string {
	return func(c *Context, r *render.Resource) []string {
		if !isTrue(input(r, field)) {
			return []string{field + " is not true"}
		}
		return nil
	}
}

// mustRefusePlainHTTP is the check of a rule that asks a resource's policy to deny requests
// without TLS: its own policy input when it has one (SNS and SQS accept one inline), else a
// policy resource of type policyType that depends on it. what names the resource in findings.
func mustRefusePlainHTTP(policyType, what string) func(*Context, *render.Resource) []string {
	return func(c *Context, r *render.Resource) []string {
		if input(r, "policy") != nil {
			return tlsOnlyPolicy(c, []*render.Resource{r}, "policy", what)
		}
		return tlsOnlyPolicy(c, c.Dependents(r.URN, policyType), "policy", what)
	}
}
