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
