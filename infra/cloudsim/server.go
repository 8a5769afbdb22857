package cloudsim

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/peer"
	"google.golang.org/protobuf/types/known/emptypb"
)

// providerConfig is one configured provider instance (the engine dials one connection per
// provider resource, so the connection tells which configuration an operation runs under).
type providerConfig struct {
	Region      string
	Account     string
	DefaultTags map[string]string
	URN         string
}

// conn is what the simulation knows about one engine connection.
type conn struct {
	engine    string // the engine's address, from Handshake or Attach
	cfg       *providerConfig
	cancelled bool
	inflight  map[int]context.CancelFunc
}

// base is what both providers share: connections, cancellation, the call record and the RPCs
// that do not depend on the package (Handshake, GetSchema, Attach, GetPluginInfo, Cancel,
// CheckConfig).
type base struct {
	pulumirpc.UnimplementedResourceProviderServer
	sim *Sim
	// name is the package; release the real provider's version it simulates.
	name, release string
	// acceptOutputs says whether the provider takes output values in its requests (awsx's
	// components do).
	acceptOutputs bool

	mu    sync.Mutex
	conns map[string]*conn
	byURN map[string]*providerConfig
	seq   int
}

func newBase(s *Sim, name, release string, acceptOutputs bool) base {
	return base{sim: s, name: name, release: release, acceptOutputs: acceptOutputs,
		conns: map[string]*conn{}, byURN: map[string]*providerConfig{}}
}

func (b *base) pkg() string { return b.name }

func peerOf(ctx context.Context) string {
	if p, ok := peer.FromContext(ctx); ok && p.Addr != nil {
		return p.Addr.String()
	}
	return ""
}

// connOf returns (creating) the state of the calling connection. Callers hold b.mu.
func (b *base) connOf(ctx context.Context) *conn {
	key := peerOf(ctx)
	c, ok := b.conns[key]
	if !ok {
		c = &conn{inflight: map[int]context.CancelFunc{}}
		b.conns[key] = c
	}
	return c
}

// config returns the configuration of the calling connection.
func (b *base) config(ctx context.Context) providerConfig {
	b.mu.Lock()
	defer b.mu.Unlock()
	if c := b.connOf(ctx); c.cfg != nil {
		return *c.cfg
	}
	return providerConfig{Region: "ca-central-1", Account: defaultAccount}
}

// defaultAccount is the account of a provider that pins none.
const defaultAccount = "123456789012"

// op is one provider operation in flight.
type op struct {
	ctx    context.Context
	rpc    context.Context // the engine's request: ends when the engine goes away
	b      *base
	call   Call
	id     int
	peer   string
	cancel context.CancelFunc
}

// begin starts recording an operation and gives it a context that ends when the request
// ends, the engine cancels (Cancel RPC) or the Sim closes.
func (b *base) begin(ctx context.Context, method, typ, urn string) *op {
	cfg := b.config(ctx)
	octx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(b.sim.ctx, cancel)
	b.mu.Lock()
	c := b.connOf(ctx)
	b.seq++
	o := &op{ctx: octx, rpc: ctx, b: b, id: b.seq, peer: peerOf(ctx), call: Call{Provider: b.name, Method: method, Type: typ, URN: urn,
		Region: cfg.Region, Start: time.Now()}}
	o.cancel = func() { stop(); cancel() }
	c.inflight[o.id] = cancel
	if c.cancelled {
		cancel()
	}
	b.mu.Unlock()
	b.sim.started(typ)
	return o
}

// end records the operation's outcome and passes err through.
func (o *op) end(err error) error {
	o.b.mu.Lock()
	if c, ok := o.b.conns[o.peer]; ok {
		delete(c.inflight, o.id)
	}
	o.b.mu.Unlock()
	o.cancel()
	o.call.End = time.Now()
	if err != nil {
		o.call.Err = err.Error()
	}
	o.b.sim.record(o.call)
	return err
}

// cancelConn ends every operation of the calling connection (the engine's Cancel RPC).
func (b *base) cancelConn(ctx context.Context) {
	b.mu.Lock()
	defer b.mu.Unlock()
	c := b.connOf(ctx)
	c.cancelled = true
	for _, cancel := range c.inflight {
		cancel()
	}
}

func (b *base) setEngine(ctx context.Context, addr string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.connOf(ctx).engine = addr
}

func (b *base) engineAddr(ctx context.Context) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.connOf(ctx).engine
}

// Shared RPCs.

// Handshake records the engine's address and says what the provider accepts.
func (b *base) Handshake(ctx context.Context, req *pulumirpc.ProviderHandshakeRequest) (*pulumirpc.ProviderHandshakeResponse, error) {
	b.setEngine(ctx, req.GetEngineAddress())
	return &pulumirpc.ProviderHandshakeResponse{AcceptSecrets: true, AcceptResources: true, AcceptOutputs: b.acceptOutputs}, nil
}

// GetSchema names the package and the real provider's version, marked as simulated.
func (b *base) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	schema, err := json.Marshal(struct {
		Name        string `json:"name"`
		Version     string `json:"version"`
		Description string `json:"description"`
	}{b.name, b.release, "cloudsim: simulated, not AWS"})
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetSchemaResponse{Schema: string(schema)}, nil
}

// Attach records the engine's address of a provider the engine attached to.
func (b *base) Attach(ctx context.Context, req *pulumirpc.PluginAttach) (*emptypb.Empty, error) {
	b.setEngine(ctx, req.GetAddress())
	return &emptypb.Empty{}, nil
}

// GetPluginInfo reports the provider's version (the real provider's, marked +cloudsim).
func (b *base) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: b.release + "+cloudsim"}, nil
}

// Cancel ends every operation of the calling connection.
func (b *base) Cancel(ctx context.Context, _ *emptypb.Empty) (*emptypb.Empty, error) {
	o := b.begin(ctx, "Cancel", "", "")
	b.cancelConn(ctx)
	return &emptypb.Empty{}, o.end(nil)
}

// CheckConfig accepts any provider configuration as given.
func (b *base) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

// inflight counts the operations on a type now running (for tests).
func (s *Sim) inflight(typ string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running[typ]
}
