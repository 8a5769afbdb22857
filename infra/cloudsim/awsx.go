package cloudsim

import (
	"context"
	"fmt"
	"strings"

	_ "github.com/pulumi/pulumi-aws/sdk/v6/go/aws" // registers the aws provider type, so provider references resolve
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// awsxProvider simulates the awsx provider: its components are built from real aws resources
// registered through the engine (only awsx:ec2:Vpc so far).
type awsxProvider struct {
	base
}

func newAWSX(s *Sim) *awsxProvider {
	return &awsxProvider{base: newBase(s, "awsx", "2.22.0", true)}
}

func (p *awsxProvider) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

func (p *awsxProvider) Configure(ctx context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	o := p.begin(ctx, "Configure", "pulumi:providers:awsx", req.GetUrn())
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true, AcceptResources: true, AcceptOutputs: true}, o.end(nil)
}

func (p *awsxProvider) Check(ctx context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return nil, p.unsupported(ctx, "Check", req.GetUrn())
}

func (p *awsxProvider) Create(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	return nil, p.unsupported(ctx, "Create", req.GetUrn())
}

func (p *awsxProvider) unsupported(ctx context.Context, method, urn string) error {
	typ, _ := typeAndName("", "", urn)
	o := p.begin(ctx, method, typ, urn)
	return o.end(fmt.Errorf("cloudsim: the simulated awsx provider only builds awsx:ec2:Vpc, not %s", typ))
}

// Construct builds awsx:ec2:Vpc through the engine with the real aws Go SDK types.
func (p *awsxProvider) Construct(ctx context.Context, req *pulumirpc.ConstructRequest) (*pulumirpc.ConstructResponse, error) {
	urn := fmt.Sprintf("urn:pulumi:%s::%s::%s::%s", req.GetStack(), req.GetProject(), req.GetType(), req.GetName())
	o := p.begin(ctx, "Construct", req.GetType(), urn)
	if req.GetType() != "awsx:ec2:Vpc" {
		return nil, o.end(fmt.Errorf("cloudsim: the simulated awsx provider does not build %s (only awsx:ec2:Vpc)", req.GetType()))
	}
	raw, err := plugin.UnmarshalProperties(req.GetInputs(), plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true,
		KeepResources: true, KeepOutputValues: true})
	if err != nil {
		return nil, o.end(err)
	}
	region := p.sim.aws.regionOfRef(req.GetProviders()["aws"])
	o.call.Region = region
	// awsx validates its arguments before it registers anything, in previews too.
	obj := &object{Type: req.GetType(), Name: req.GetName(), URN: urn, Region: region, In: raw}
	if err := judge(&RuleCall{Phase: OnCheck, Obj: obj, World: p.sim.store}); err != nil {
		return nil, o.end(err)
	}
	plan, err := planVpc(req.GetName(), region, raw)
	if err != nil {
		return nil, o.end(err)
	}
	var engine *grpc.ClientConn
	if addr := p.engineAddr(ctx); addr != "" {
		if engine, err = grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials())); err != nil {
			return nil, o.end(err)
		}
		defer engine.Close()
	}
	resp, err := provider.Construct(o.ctx, req, engine, func(pctx *pulumi.Context, _, _ string, _ provider.ConstructInputs,
		opts pulumi.ResourceOption,
	) (*provider.ConstructResult, error) {
		c, err := buildVpc(pctx, plan, opts)
		if err != nil {
			return nil, err
		}
		return provider.NewConstructResult(c)
	})
	if resp != nil {
		o.call.URN = resp.GetUrn()
	}
	return resp, o.end(err)
}

// regionOfRef returns the region of the aws provider a reference ("urn::id") names; the
// default provider's, or ca-central-1, when unknown.
func (p *awsProvider) regionOfRef(ref string) string {
	urn := ref
	if i := strings.LastIndex(ref, "::"); i > 0 {
		urn = ref[:i]
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if cfg, ok := p.byURN[urn]; ok {
		return cfg.Region
	}
	for u, cfg := range p.byURN {
		if strings.Contains(u, "::default") {
			return cfg.Region
		}
	}
	return "ca-central-1"
}
