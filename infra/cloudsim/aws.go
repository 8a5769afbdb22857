package cloudsim

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// awsProvider simulates the aws provider (pulumi-aws v6.83.4's resource types).
type awsProvider struct {
	base
}

func newAWS(s *Sim) *awsProvider {
	return &awsProvider{base: newBase(s, "aws", "6.83.4", false)}
}

func (p *awsProvider) DiffConfig(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := oldInputs(req)
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	delete(olds, "version")
	delete(news, "version")
	return diff("pulumi:providers:aws", olds, news, req.GetIgnoreChanges()), nil
}

func init() { replaceProps["pulumi:providers:aws"] = []string{"region"} }

// Configure reads the provider's region, pinned account and default tags.
func (p *awsProvider) Configure(ctx context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	o := p.begin(ctx, "Configure", "pulumi:providers:aws", req.GetUrn())
	cfg, err := parseConfig(req)
	if err == nil {
		p.mu.Lock()
		p.connOf(ctx).cfg = &cfg
		if cfg.URN != "" {
			p.byURN[cfg.URN] = &cfg
		}
		p.mu.Unlock()
		o.call.Region = cfg.Region
		p.announce(ctx, cfg)
	}
	if err := o.end(err); err != nil {
		return nil, err
	}
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true, AcceptResources: true}, nil
}

// announce tells the engine, once per provider, that it talks to a simulation: the notice
// shows in the CLI's diagnostics of every preview and update.
func (p *awsProvider) announce(ctx context.Context, cfg providerConfig) {
	addr := p.engineAddr(ctx)
	if addr == "" || cfg.URN == "" {
		return
	}
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return
	}
	defer conn.Close()
	lctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	_, _ = pulumirpc.NewEngineClient(conn).Log(lctx, &pulumirpc.LogRequest{Severity: pulumirpc.LogSeverity_INFO, Urn: cfg.URN,
		Message: fmt.Sprintf("cloudsim: SIMULATED aws provider (region %s, account %s), not AWS: nothing is created in any AWS account",
			cfg.Region, cfg.Account)})
}

func parseConfig(req *pulumirpc.ConfigureRequest) (providerConfig, error) {
	cfg := providerConfig{URN: req.GetUrn(), DefaultTags: map[string]string{}}
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return cfg, err
	}
	unknownRegion := args["region"].ContainsUnknowns()
	cfg.Region = str(args, "region")
	accounts := strs(plain(args["allowedAccountIds"]))
	if tags, ok := plain(args["defaultTags"]).(map[string]any); ok {
		cfg.DefaultTags = stringMap(tags["tags"])
	}
	roleArn := ""
	if ar, ok := plain(args["assumeRole"]).(map[string]any); ok {
		roleArn, _ = ar["roleArn"].(string)
	}
	// Older engines send only variables ("aws:config:region" or "aws:region"; lists as JSON).
	for k, v := range req.GetVariables() {
		key := k[strings.LastIndex(k, ":")+1:]
		switch key {
		case "region":
			if cfg.Region == "" {
				cfg.Region = v
			}
		case "allowedAccountIds":
			if len(accounts) == 0 {
				_ = json.Unmarshal([]byte(v), &accounts)
			}
		case "defaultTags":
			if len(cfg.DefaultTags) == 0 {
				var dt struct{ Tags map[string]string }
				_ = json.Unmarshal([]byte(v), &dt)
				cfg.DefaultTags = dt.Tags
			}
		}
	}
	switch {
	case len(accounts) > 0:
		cfg.Account = accounts[0]
	case strings.Count(roleArn, ":") >= 5:
		cfg.Account = strings.Split(roleArn, ":")[4]
	default:
		cfg.Account = defaultAccount
	}
	if cfg.Region == "" {
		if !unknownRegion {
			return cfg, fmt.Errorf("cloudsim (simulated aws provider): missing required configuration: region")
		}
		cfg.Region = "ca-central-1"
	}
	return cfg, nil
}

func typeAndName(typ, name, urn string) (string, string) {
	parts := strings.Split(urn, "::")
	if typ == "" && len(parts) >= 4 {
		types := strings.Split(parts[2], "$")
		typ = types[len(types)-1]
	}
	if name == "" && len(parts) >= 4 {
		name = parts[3]
	}
	return typ, name
}

func (p *awsProvider) Check(ctx context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	typ, name := typeAndName(req.GetType(), req.GetName(), req.GetUrn())
	o := p.begin(ctx, "Check", typ, req.GetUrn())
	olds, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, o.end(err)
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, o.end(err)
	}
	failures := checkInputs(typ, name, olds, news, req.GetRandomSeed())
	if err := judge(&RuleCall{Phase: OnCheck, Obj: p.object(ctx, typ, name, req.GetUrn(), news), World: p.sim.store}); err != nil {
		failures = append(failures, &pulumirpc.CheckFailure{Reason: err.Error()})
	}
	inputs, err := marshal(news)
	return &pulumirpc.CheckResponse{Inputs: inputs, Failures: failures}, o.end(err)
}

func (p *awsProvider) Diff(ctx context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	typ, _ := typeAndName(req.GetType(), req.GetName(), req.GetUrn())
	o := p.begin(ctx, "Diff", typ, req.GetUrn())
	olds, err := oldInputs(req)
	if err != nil {
		return nil, o.end(err)
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, o.end(err)
	}
	return diff(typ, olds, news, req.GetIgnoreChanges()), o.end(nil)
}

// object builds the object an operation works on, under the calling connection's configuration.
func (p *awsProvider) object(ctx context.Context, typ, name, urn string, in resource.PropertyMap) *object {
	cfg := p.config(ctx)
	return &object{Type: typ, Name: name, URN: urn, Region: cfg.Region, Account: cfg.Account, In: in,
		DefaultTags: cfg.DefaultTags, state: p.scope(cfg)}
}

// scope is the simulated world as a provider configuration sees it: its account and region.
func (p *awsProvider) scope(cfg providerConfig) *scopeView {
	return &scopeView{st: p.sim.store, account: cfg.Account, region: cfg.Region}
}

// work injects faults and waits the simulated time of an operation.
func (p *awsProvider) work(o *op, typ, urn, what string) error {
	if err := p.sim.faults.apply(o.ctx, o.rpc, typ, urn, what); err != nil {
		return err
	}
	if err := sleep(o.ctx, latency(typ, what, urn, p.sim.opts.LatencyFactor)); err != nil {
		return fmt.Errorf("cloudsim: %s of %s %s: %w", what, typ, urn, err)
	}
	return nil
}

func (p *awsProvider) save(obj *object) error {
	in, err := toWire(obj.In)
	if err != nil {
		return err
	}
	out, err := toWire(obj.Out)
	if err != nil {
		return err
	}
	name := ""
	if nameProp(obj.Type) != "" {
		name = obj.name()
	}
	p.sim.store.put(&record{Type: obj.Type, ID: obj.ID, URN: obj.URN, Name: name, Region: obj.Region,
		Account: obj.Account, Seed: obj.Seed, Inputs: in, Outputs: out})
	p.sim.pushReleaseImages(obj)
	return nil
}
