// Package steps runs the parts of a component's constructor that each build one concern (the
// public load balancer, then the internal one, ...) from the same context, name, args and child
// options, so the constructor lists its parts in order instead of repeating the error check
// after each.
package steps

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Step builds one part of a component with the component's child options.
type Step[A any] func(ctx *pulumi.Context, name string, args A, child []pulumi.ResourceOption) error

// Run calls the steps in order with the same arguments and returns the first error; the steps
// after a failed one are not called.
func Run[A any](ctx *pulumi.Context, name string, args A, child []pulumi.ResourceOption, steps ...Step[A]) error {
	for _, step := range steps {
		if err := step(ctx, name, args, child); err != nil {
			return err
		}
	}
	return nil
}
