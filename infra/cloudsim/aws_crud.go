package cloudsim

import (
	"context"
	"fmt"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// createChecks refuse creations AWS would refuse, beyond missing inputs (see checkInputs).
var createChecks = map[string]func(o *object) error{}

func (p *awsProvider) Create(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	o, obj, err := p.request(ctx, "Create", req, req.GetProperties())
	if err != nil {
		return nil, o.end(err)
	}
	if obj.Preview {
		obj.Seed = "preview"
		computeOutputs(obj)
		markComputed(obj)
		props, err := marshal(obj.Out)
		return &pulumirpc.CreateResponse{Properties: props}, o.end(err)
	}
	obj.Seed = randomHex(nil, 32)
	if rec := p.adoptable(obj); rec != nil {
		props, err := marshal(rec.outputs())
		return &pulumirpc.CreateResponse{Id: rec.ID, Properties: props}, o.end(err)
	}
	if err := p.work(o, obj.Type, req.GetUrn(), "create"); err != nil {
		return nil, o.end(err)
	}
	if err := p.refuse(obj); err != nil {
		return nil, o.end(err)
	}
	computeOutputs(obj)
	if err := p.save(obj); err != nil {
		return nil, o.end(err)
	}
	props, err := marshal(obj.Out)
	return &pulumirpc.CreateResponse{Id: obj.ID, Properties: props}, o.end(err)
}

// resourceRequest is what a Create and an Update request both say of their resource.
type resourceRequest interface {
	GetType() string
	GetName() string
	GetUrn() string
	GetPreview() bool
}

// request begins a Create or Update call (verb) and reads the object its inputs (props)
// describe, in the calling provider configuration's account and region.
func (p *awsProvider) request(ctx context.Context, verb string, req resourceRequest, props *structpb.Struct) (*op, *object, error) {
	typ, name := typeAndName(req.GetType(), req.GetName(), req.GetUrn())
	o := p.begin(ctx, method(verb, req.GetPreview()), typ, req.GetUrn())
	in, err := unmarshal(props)
	if err != nil {
		return o, nil, err
	}
	obj := p.object(ctx, typ, name, req.GetUrn(), in)
	obj.Preview = req.GetPreview()
	return o, obj, nil
}

// method names a call: previews of creates and updates are recorded as "PreviewCreate" and
// "PreviewUpdate" so Calls() tells them from the real thing.
func method(m string, preview bool) string {
	if preview {
		return "Preview" + m
	}
	return m
}

// refuse returns the error AWS would give for a creation: a type's own check, then the rule
// catalogue (names already taken, images missing, ...).
func (p *awsProvider) refuse(obj *object) error {
	if check, ok := createChecks[obj.Type]; ok {
		if err := check(obj); err != nil {
			return err
		}
	}
	return judge(&RuleCall{Phase: OnCreate, Obj: obj, World: p.sim.store})
}

func (p *awsProvider) Update(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	o, obj, err := p.request(ctx, "Update", req, req.GetNews())
	if err != nil {
		return nil, o.end(err)
	}
	typ := obj.Type
	obj.ID = req.GetId()
	rec := obj.state.find(typ, obj.ID)
	switch {
	case rec != nil:
		obj.Seed = rec.Seed
	case obj.Preview:
		obj.Seed = obj.ID
	default:
		return nil, o.end(fmt.Errorf("cloudsim: cannot update %s %s: it does not exist in the simulated cloud (account %s, region %s); run a refresh",
			typ, obj.ID, obj.Account, obj.Region))
	}
	if !obj.Preview {
		if err := p.work(o, typ, req.GetUrn(), "update"); err != nil {
			return nil, o.end(err)
		}
		olds, err := oldInputs(req)
		if err != nil {
			return nil, o.end(err)
		}
		if err := judge(&RuleCall{Phase: OnUpdate, Obj: obj, Olds: olds, World: p.sim.store}); err != nil {
			return nil, o.end(err)
		}
	}
	computeOutputs(obj)
	obj.ID = req.GetId() // an update never changes the id
	if !obj.Preview {
		if err := p.save(obj); err != nil {
			return nil, o.end(err)
		}
	}
	props, err := marshal(obj.Out)
	return &pulumirpc.UpdateResponse{Properties: props}, o.end(err)
}

// Read answers from the simulated state; a resource the simulation does not hold is gone
// (empty id), which is how refresh notices deletions.
func (p *awsProvider) Read(ctx context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	typ, _ := typeAndName(req.GetType(), req.GetName(), req.GetUrn())
	o := p.begin(ctx, "Read", typ, req.GetUrn())
	rec := p.scope(p.config(ctx)).find(typ, req.GetId())
	if rec == nil {
		return &pulumirpc.ReadResponse{}, o.end(nil)
	}
	if err := p.work(o, typ, req.GetUrn(), "read"); err != nil {
		return nil, o.end(err)
	}
	props, err := marshal(rec.outputs())
	if err != nil {
		return nil, o.end(err)
	}
	inputs, err := marshal(rec.inputs())
	return &pulumirpc.ReadResponse{Id: rec.ID, Properties: props, Inputs: inputs}, o.end(err)
}

// Delete removes the resource; deleting one the simulation does not hold succeeds.
func (p *awsProvider) Delete(ctx context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	typ, _ := typeAndName(req.GetType(), req.GetName(), req.GetUrn())
	o := p.begin(ctx, "Delete", typ, req.GetUrn())
	if err := p.work(o, typ, req.GetUrn(), "delete"); err != nil {
		return nil, o.end(err)
	}
	cfg := p.config(ctx)
	if rec := p.sim.store.get(cfg.Account, cfg.Region, typ, req.GetId()); rec != nil {
		obj := &object{Type: typ, Name: rec.Name, URN: req.GetUrn(), ID: rec.ID, Region: cfg.Region, Account: cfg.Account,
			In: rec.inputs(), Out: rec.outputs(), state: p.scope(cfg)}
		if err := judge(&RuleCall{Phase: OnDelete, Obj: obj, World: p.sim.store}); err != nil {
			return nil, o.end(err)
		}
		afterDelete(p.sim.store, rec)
	}
	p.sim.store.remove(cfg.Account, cfg.Region, typ, req.GetId())
	return &emptypb.Empty{}, o.end(nil)
}

func (p *awsProvider) Invoke(ctx context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	o := p.begin(ctx, "Invoke", req.GetTok(), "")
	f, ok := invokeFuncs[req.GetTok()]
	if !ok {
		return nil, o.end(fmt.Errorf("cloudsim: the simulated aws provider does not answer the data source %s (add it to invokeFuncs)", req.GetTok()))
	}
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, o.end(err)
	}
	if err := sleep(o.ctx, latency(req.GetTok(), "invoke", req.GetTok(), p.sim.opts.LatencyFactor)); err != nil {
		return nil, o.end(err)
	}
	res, err := f(p.scope(p.config(ctx)), args)
	if err != nil {
		return nil, o.end(fmt.Errorf("cloudsim: %s: %w", req.GetTok(), err))
	}
	ret, err := marshal(res)
	return &pulumirpc.InvokeResponse{Return: ret}, o.end(err)
}
