// Package render produces an environment's whole resource graph without any cloud, engine or
// credentials: the program runs in-process, in preview (dry-run) mode, under a recording mock
// resource monitor, so values computed by the cloud stay unknown exactly as in `pulumi preview`.
package render

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/infra/awsmodel"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
	"github.com/cds-snc/notification-pulumi/stacks"
)

// Graph is the rendered resource graph of one stack. Its JSON form is a documented contract
// (docs/notifyctl.md): do not rename fields.
type Graph struct {
	Stack     string     `json:"stack"`
	Resources []Resource `json:"resources"`
}

// Resource is one resource the program registers.
type Resource struct {
	URN  string `json:"urn"`
	Type string `json:"type"`
	Name string `json:"name"`
	// Parent is the parent's URN; empty for resources parented to the stack itself.
	Parent string `json:"parent"`
	// Dependencies are the URNs this resource depends on, sorted, without duplicates.
	Dependencies []string `json:"dependencies"`
	// Provider is the URN of the explicit provider, empty for providers and components.
	Provider string `json:"provider"`
	// Inputs are the inputs as plain JSON; secrets are "[secret]", values not known until
	// deployment are "[unknown]".
	Inputs map[string]any `json:"inputs"`
	// Protect is Pulumi's protect flag: the engine refuses to delete the resource. Omitted when
	// false.
	Protect bool `json:"protect,omitempty"`

	custom bool
}

// Options say what to render.
type Options struct {
	// Stack is the stack (environment) name. Required.
	Stack string
	// ProjectDir holds Pulumi.yaml and the stack files. Required.
	ProjectDir string
	// Program is the program to run. Default stacks.Program.
	Program pulumi.RunFunc
}

// Render loads and validates the stack's configuration (errors are the stackfile package's typed
// errors) and runs the program under the recording monitor. Several renders may run at once.
func Render(ctx context.Context, opts Options) (*Graph, error) {
	f, err := stackfile.Load(opts.ProjectDir, opts.Stack)
	if err != nil {
		return nil, err
	}
	program := opts.Program
	if program == nil {
		program = stacks.Program
	}
	project := string(f.Project.Name)
	rec := &recorder{stack: opts.Stack, project: project}
	pctx, err := pulumi.NewContext(ctx, pulumi.RunInfo{
		Project:          project,
		Stack:            opts.Stack,
		Config:           f.Values,
		ConfigSecretKeys: f.SecretKeys,
		DryRun:           true,
		Parallel:         32,
		Mocks:            rec,
	})
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", opts.Stack, err)
	}
	masked := func(ctx *pulumi.Context) error {
		if err := ctx.RegisterStackTransformation(unsecretStrings); err != nil {
			return err
		}
		return program(ctx)
	}
	if err := pulumi.RunWithContext(pctx, masked); err != nil {
		return nil, fmt.Errorf("render %s: program failed: %w", opts.Stack, err)
	}
	return rec.graph(), nil
}

// recorder is the mock monitor: it records every registration and answers like a preview does
// (inputs echoed as outputs, ids and computed outputs unknown). Invokes whose arguments are all
// known are answered from the model of AWS (infra/awsmodel) over a world that holds only what
// exists outside the stack; invokes over unknown values are never made in a preview.
type recorder struct {
	stack, project string

	mu        sync.Mutex
	resources []Resource
}

func (r *recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	res := Resource{Type: args.TypeToken, Name: args.Name, Provider: providerURN(args.Provider),
		custom: args.Custom}
	// The mock monitor drops unknown values from args.Inputs; the raw request keeps them.
	inputs := args.Inputs
	var raw *structpb.Struct
	var deps []string
	switch {
	case args.RegisterRPC != nil:
		raw = args.RegisterRPC.GetObject()
		res.Parent = args.RegisterRPC.GetParent()
		res.custom = args.RegisterRPC.GetCustom()
		res.Protect = args.RegisterRPC.GetProtect()
		deps = args.RegisterRPC.GetDependencies()
		for _, pd := range args.RegisterRPC.GetPropertyDependencies() {
			deps = append(deps, pd.GetUrns()...)
		}
	case args.ReadRPC != nil:
		raw = args.ReadRPC.GetProperties()
		res.Parent = args.ReadRPC.GetParent()
		deps = args.ReadRPC.GetDependencies()
		res.custom = true
	}
	if raw != nil {
		full, err := plugin.UnmarshalProperties(raw, plugin.MarshalOptions{
			KeepUnknowns: true, KeepSecrets: true, KeepResources: true, KeepOutputValues: true})
		if err != nil {
			return "", nil, fmt.Errorf("%s %s: inputs: %w", args.TypeToken, args.Name, err)
		}
		inputs = full
	}
	res.Inputs = plainMap(inputs)
	if key, ok := secretInputs[args.TypeToken]; ok {
		if v, set := res.Inputs[key]; set && v != Unknown {
			res.Inputs[key] = Secret
		}
	}
	res.URN = urnOf(r.stack, r.project, res.Parent, res.Type, res.Name)
	if isRoot(res.Parent) {
		res.Parent = ""
	}
	res.Dependencies = sortedUnique(deps)
	r.mu.Lock()
	r.resources = append(r.resources, res)
	r.mu.Unlock()
	// A provider needs a known id so resources can reference it; everything else is unknown
	// until deployment, as in a real preview.
	id := ""
	if strings.HasPrefix(args.TypeToken, "pulumi:providers:") {
		id = "preview"
	}
	return id, args.Inputs, nil
}

// secretInputs are inputs the provider's schema marks secret that the program may set from
// values known only after deployment. The SDK's mock monitor cannot read an unknown secret
// input in a preview ("malformed RPC secret: missing value"), so unsecretStrings hands them
// over unsecreted and the recorder masks them again: they are "[secret]" in every rendering
// when known, "[unknown]" when not.
var secretInputs = map[string]string{"aws:secretsmanager/secretVersion:SecretVersion": "secretString"}

func unsecretStrings(args *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
	v, ok := args.Props.(*secretsmanager.SecretVersionArgs)
	if !ok || v.SecretString == nil {
		return nil
	}
	plain := *v
	plain.SecretString = pulumi.Unsecret(v.SecretString.ToStringPtrOutput()).(pulumi.StringPtrOutput)
	return &pulumi.ResourceTransformationResult{Props: &plain, Opts: args.Opts}
}

// Call answers the data sources a preview reads with known arguments. Any other fails with its
// token named, so a new data source cannot slip into the program unrendered.
func (r *recorder) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	switch args.Token {
	case "aws:route53/getZone:getZone":
		return awsmodel.GetExternalZone(r.account(args.Provider), args.Args)
	}
	return nil, fmt.Errorf("render: data source %s has no offline answer (known: aws:route53/getZone:getZone)", args.Token)
}

// account is the account a provider reference pins (its first allowedAccountIds), or
// DefaultAccount.
func (r *recorder) account(ref string) string {
	urn := providerURN(ref)
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, res := range r.resources {
		if res.URN != urn {
			continue
		}
		if ids, ok := res.Inputs["allowedAccountIds"].([]any); ok && len(ids) > 0 {
			if s, ok := ids[0].(string); ok {
				return s
			}
		}
	}
	return DefaultAccount
}

// DefaultAccount is the account of a provider that pins none (AWS's documentation account).
const DefaultAccount = "123456789012"

func (r *recorder) graph() *Graph {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]Resource(nil), r.resources...)
	sort.Slice(out, func(i, j int) bool { return out[i].URN < out[j].URN })
	return &Graph{Stack: r.stack, Resources: out}
}

func urnOf(stack, project, parent, typ, name string) string {
	parentType := tokens.Type("")
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	}
	return string(resource.NewURN(tokens.QName(stack), tokens.PackageName(project), parentType, tokens.Type(typ), name))
}

func isRoot(parent string) bool {
	return parent != "" && resource.URN(parent).QualifiedType() == resource.RootStackType
}

// providerURN strips the "::<id>" the engine appends to provider references.
func providerURN(ref string) string {
	if i := strings.LastIndex(ref, "::"); i > 0 && strings.HasPrefix(ref, "urn:") {
		return ref[:i]
	}
	return ref
}

func sortedUnique(in []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
