package pulumimock

import (
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Options are the resource options of a registration that Resource does not carry.
type Options struct {
	// Aliases are the former URNs, resolved the way the engine resolves alias specs.
	Aliases []string
	// IgnoreChanges are the properties whose changes are ignored.
	IgnoreChanges []string
}

// OptionMocks are Mocks that also record each resource's aliases and ignored properties, so a
// test can show that a moved resource is adopted from its former URN instead of replaced, or
// that a property is written only once.
type OptionMocks struct {
	*Mocks
	stack   string
	mu      sync.Mutex
	options map[string]Options // "type::name"
}

// NewOptionMocks returns recording mocks for a run as stack: pass them with
// pulumi.WithMocks(Project, stack, m).
func NewOptionMocks(stack string) *OptionMocks {
	return &OptionMocks{Mocks: New(), stack: stack, options: map[string]Options{}}
}

// NewResource records the options, then registers as Mocks does.
func (m *OptionMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	if rpc := args.RegisterRPC; rpc != nil {
		o := Options{IgnoreChanges: rpc.GetIgnoreChanges()}
		for _, alias := range rpc.GetAliases() {
			o.Aliases = append(o.Aliases, m.resolve(alias, args, resource.URN(rpc.GetParent())))
		}
		m.mu.Lock()
		m.options[args.TypeToken+"::"+args.Name] = o
		m.mu.Unlock()
	}
	return m.Mocks.NewResource(args)
}

// resolve turns an alias into a URN: unset name, type, stack and project default to the
// resource's own, an unset parent to its current parent.
func (m *OptionMocks) resolve(alias *pulumirpc.Alias, args pulumi.MockResourceArgs, current resource.URN) string {
	if urn := alias.GetUrn(); urn != "" {
		return urn
	}
	spec := alias.GetSpec()
	name, typ, stack, project := spec.GetName(), spec.GetType(), spec.GetStack(), spec.GetProject()
	if name == "" {
		name = args.Name
	}
	if typ == "" {
		typ = args.TypeToken
	}
	if stack == "" {
		stack = m.stack
	}
	if project == "" {
		project = Project
	}
	parent := resource.URN(spec.GetParentUrn())
	if parent == "" && !spec.GetNoParent() {
		parent = current
	}
	var parentType tokens.Type
	if parent != "" && parent.QualifiedType() != resource.RootStackType {
		parentType = parent.QualifiedType()
	}
	return string(resource.NewURN(tokens.QName(stack), tokens.PackageName(project), parentType, tokens.Type(typ), name))
}

// Options returns the recorded options of the resource of a type and logical name.
func (m *OptionMocks) Options(typ, name string) Options {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.options[typ+"::"+name]
}

// URN is the URN of a resource of type typ and logical name name under a parent of type
// parentType ("" for none; nested parents joined with $) in stack, for comparing with Aliases.
func URN(stack, parentType, typ, name string) string {
	return string(resource.NewURN(tokens.QName(stack), tokens.PackageName(Project), tokens.Type(parentType),
		tokens.Type(typ), name))
}
