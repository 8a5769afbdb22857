// Package component holds the shape every component's constructor shares: validate the args,
// then register the component, then build its parts as its children (Register), one part after
// another (Steps).
package component

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Register registers c as a component of type typ (gcnotify:<concern>:<Type>) once validate
// finds nothing wrong, so that invalid args register nothing, and returns the options the
// component's children take (c as their parent).
func Register(ctx *pulumi.Context, typ, name string, c pulumi.ComponentResource, validate func() error,
	opts ...pulumi.ResourceOption) ([]pulumi.ResourceOption, error) {
	if err := validate(); err != nil {
		return nil, err
	}
	if err := ctx.RegisterComponentResource(typ, name, c, opts...); err != nil {
		return nil, err
	}
	return []pulumi.ResourceOption{pulumi.Parent(c)}, nil
}
