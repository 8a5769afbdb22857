package component

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Step builds one part of a component (the public load balancer, then the internal one, ...)
// from the constructor's context, name, args and child options.
type Step[A any] func(ctx *pulumi.Context, name string, args A, child []pulumi.ResourceOption) error

// Steps calls the steps in order with the same arguments and returns the first error; the steps
// after a failed one are not called.
func Steps[A any](ctx *pulumi.Context, name string, args A, child []pulumi.ResourceOption, steps ...Step[A]) error {
	for _, step := range steps {
		if err := step(ctx, name, args, child); err != nil {
			return err
		}
	}
	return nil
}
