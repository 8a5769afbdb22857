// Package pulumimock runs the program under recording, strict Pulumi mocks: every registered
// resource is captured with its type, logical name, parent, provider, dependencies and inputs;
// any invoke the package does not know fails with its token named; awsx components are answered
// with the outputs the real components return.
package pulumimock

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/cds-snc/notification-pulumi/infra/awsmodel"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Project is the Pulumi project name every mock run uses.
const Project = "gcnotify"

// Account is the AWS account id the mocks answer with when a provider does not pin one.
const Account = "123456789012"

// Resource is one registered resource as the program asked for it.
type Resource struct {
	Type         string
	Name         string
	URN          string
	ID           string
	Parent       string
	Provider     string
	Dependencies []string
	Protect      bool
	Custom       bool
	Inputs       resource.PropertyMap
	Outputs      resource.PropertyMap
}

// Input returns an input as plain Go values (strings, float64s, bools, []any, map[string]any);
// secrets are unwrapped and unknowns are nil.
func (r Resource) Input(key string) any {
	v, ok := r.Inputs[resource.PropertyKey(key)]
	if !ok {
		return nil
	}
	return plain(v)
}

// String returns a string input, or "" when it is absent or not a string.
func (r Resource) String(key string) string {
	s, _ := r.Input(key).(string)
	return s
}

// JSON decodes a string input that holds JSON (a policy, a redrive policy) into a plain value.
func (r Resource) JSON(key string) (any, error) {
	var out any
	if err := json.Unmarshal([]byte(r.String(key)), &out); err != nil {
		return nil, fmt.Errorf("%s %s: input %s is not JSON: %w", r.Type, r.Name, key, err)
	}
	return out, nil
}

// InvokeFunc answers one data-source call.
type InvokeFunc func(m *Mocks, args resource.PropertyMap, provider string) (resource.PropertyMap, error)

// OutputFunc adds the computed outputs of a resource type to what the mock returns.
type OutputFunc func(r Resource, region, account string) resource.PropertyMap

// Mocks records resources and answers the engine. It implements pulumi.MockResourceMonitor.
type Mocks struct {
	mu        sync.Mutex
	resources []Resource
	providers map[string]resource.PropertyMap // "urn::id" -> provider inputs
	invokes   map[string]InvokeFunc
	outputs   map[string]OutputFunc
	calls     []string
	stack     string
}

// New returns mocks that know the invokes and computed outputs of this package.
func New() *Mocks {
	m := &Mocks{providers: map[string]resource.PropertyMap{}, invokes: map[string]InvokeFunc{},
		outputs: map[string]OutputFunc{}}
	for tok, f := range defaultInvokes {
		m.invokes[tok] = f
	}
	for typ, f := range defaultOutputs {
		m.outputs[typ] = f
	}
	return m
}

// HandleInvoke answers the data source tok with f (overriding any default).
func (m *Mocks) HandleInvoke(tok string, f InvokeFunc) { m.invokes[tok] = f }

// HandleOutputs adds f's computed outputs to every resource of type typ.
func (m *Mocks) HandleOutputs(typ string, f OutputFunc) { m.outputs[typ] = f }

// NewResource records a registration and answers with an id and outputs.
func (m *Mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	rpc := args.RegisterRPC
	r := Resource{Type: args.TypeToken, Name: args.Name, Provider: args.Provider, Custom: args.Custom,
		Inputs: args.Inputs, ID: args.ID}
	if rpc != nil {
		r.Parent = rpc.GetParent()
		r.Dependencies = rpc.GetDependencies()
		r.Protect = rpc.GetProtect()
		r.Custom = rpc.GetCustom()
	}
	if r.ID == "" {
		r.ID = args.Name + "-id"
	}
	r.URN = m.urn(r.Parent, r.Type, r.Name)
	region, account := m.providerScope(args.Provider)
	outputs := args.Inputs.Copy()
	if strings.HasPrefix(args.TypeToken, "aws:") {
		outputs = modelOutputs(m, r, region, account)
	}
	if f, ok := m.outputs[args.TypeToken]; ok {
		for k, v := range f(r, region, account) {
			outputs[k] = v
		}
	}
	r.Outputs = outputs
	m.mu.Lock()
	m.resources = append(m.resources, r)
	m.mu.Unlock()
	return r.ID, outputs, nil
}

// RecordProvider remembers a provider's inputs so resources using it get its region and account.
// The mock monitor calls NewResource for providers too; this is keyed by the reference the
// engine passes to resources ("<urn>::<id>").
func (m *Mocks) providerScope(ref string) (region, account string) {
	region, account = "ca-central-1", Account
	if ref == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range m.resources {
		if !strings.HasPrefix(r.Type, "pulumi:providers:") || !strings.HasPrefix(ref, "urn:") {
			continue
		}
		if !strings.HasSuffix(ref, "::"+r.ID) || !strings.Contains(ref, "::"+r.Name+"::") {
			continue
		}
		if s, ok := plain(r.Inputs["region"]).(string); ok && s != "" {
			region = s
		}
		if ids, ok := plain(r.Inputs["allowedAccountIds"]).([]any); ok && len(ids) > 0 {
			if s, ok := ids[0].(string); ok {
				account = s
			}
		}
	}
	return
}

// Call answers an invoke; an unknown token fails with its name so a new data source cannot
// slip into the program untested.
func (m *Mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	m.mu.Lock()
	m.calls = append(m.calls, args.Token)
	f, ok := m.invokes[args.Token]
	m.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("pulumimock: invoke %s is not mocked; add a handler with HandleInvoke", args.Token)
	}
	return f(m, args.Args, args.Provider)
}

// Resources returns every recorded resource, sorted by type then name.
func (m *Mocks) Resources() []Resource {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := append([]Resource(nil), m.resources...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Type != out[j].Type {
			return out[i].Type < out[j].Type
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// ByType returns the recorded resources of one type.
func (m *Mocks) ByType(typ string) []Resource {
	var out []Resource
	for _, r := range m.Resources() {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// Find returns the resource of a type and logical name.
func (m *Mocks) Find(typ, name string) (Resource, bool) {
	for _, r := range m.Resources() {
		if r.Type == typ && r.Name == name {
			return r, true
		}
	}
	return Resource{}, false
}

// Get returns the resource of a type and logical name, failing the test when there is none.
func (m *Mocks) Get(t testing.TB, typ, name string) Resource {
	t.Helper()
	r, ok := m.Find(typ, name)
	if !ok {
		var names []string
		for _, r := range m.ByType(typ) {
			names = append(names, r.Name)
		}
		t.Fatalf("no %s named %q; registered: %v", typ, name, names)
	}
	return r
}

// Invokes returns the tokens of every invoke made, in order.
func (m *Mocks) Invokes() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.calls...)
}

// plain turns a property value into plain Go values, as the model reads them.
func plain(v resource.PropertyValue) any { return awsmodel.Plain(v) }

// urn is the URN the engine gives a resource, so recorded dependencies (URNs) can be matched
// to recorded resources.
func (m *Mocks) urn(parent, typ, name string) string {
	parentType := tokens.Type("")
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	}
	return string(resource.NewURN(tokens.QName(m.stack), tokens.PackageName(Project), parentType, tokens.Type(typ), name))
}
