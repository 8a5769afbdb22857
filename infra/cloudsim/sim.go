package cloudsim

import (
	"context"
	"fmt"
	"net"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// Options configures a simulated cloud.
type Options struct {
	// LatencyFactor scales the latency model: 1.0 is real AWS time, 0 is instant. Tests use
	// 0 or 0.0005; the README's main job uses a factor that keeps a dev up to ~1-2 minutes.
	LatencyFactor float64
	// StateFile persists the simulated cloud's resources between processes (a preview, an up
	// and a destroy are separate notifyctl runs). Empty: memory only.
	StateFile string
	// Faults are injected from the start (more can be added with AddFault).
	Faults []Fault
	// ExternalZones are public hosted zones that exist outside the rehearsal (another
	// account's parent zone); route53.getZone finds them.
	ExternalZones []ExternalZone
	// Adopt answers the creation of a resource the world already holds under the same URN, with
	// the same inputs, with that resource: the reconciliation after a rehearsal whose state was
	// not saved (notifyctl orphans --adopt). Off otherwise: a create of an existing resource is
	// a new resource, as in AWS.
	Adopt bool
	// ReleaseImages are the images CI has built, as "<repository>:<tag>": the release registry
	// (ReleaseRegistry) holds them from the start, as the source a new environment's
	// registries are filled from.
	ReleaseImages []string
	// PushReleaseImages fills every repository created with the release registry's images of
	// its name, as CI pushes them on AWS (ci.go): for the plain Pulumi CLI, which has no image
	// step. Off otherwise: a new repository is empty.
	PushReleaseImages bool
}

// FaultMode says what an injected fault does.
type FaultMode int

const (
	FailOnce   FaultMode = iota // the first matching operation fails
	FailAlways                  // every matching operation fails
	HangOnce                    // blocks until the operation's context is cancelled (engine cancel / Ctrl-C)
	HangAlways                  // every matching operation hangs until cancelled
	// Stuck blocks the first matching operation until its engine goes away or the Sim closes,
	// ignoring the engine's cancel: an AWS call that never answers, which a graceful Ctrl-C
	// cannot wind down.
	Stuck
)

// Fault makes operations fail or hang. Type or URN selects (either may be empty = any); Op is
// "create", "update", "delete", "read" or "" (any).
type Fault struct {
	Type, URN, Op string
	Mode          FaultMode
	Message       string
}

// Call is one recorded provider call.
type Call struct {
	Provider   string // "aws" or "awsx"
	Method     string // "Check", "Diff", "Create", "Update", "Delete", "Read", "Invoke", "Construct", "PreviewCreate", "PreviewUpdate", "Configure", "Cancel"
	Type       string // resource type token or invoke token
	URN        string
	Region     string // the provider configuration's region
	Start, End time.Time
	Err        string
}

// SimResource is one resource of the simulated cloud.
type SimResource struct {
	Type    string
	ID      string
	URN     string // the URN of the resource that created it (addition to the contract)
	Name    string // its AWS name when it has one (addition to the contract)
	Region  string
	Account string
	// Outputs are the resource's outputs as plain Go values (secrets unwrapped).
	Outputs map[string]any
}

// Sim is a running simulated cloud: the aws and awsx providers on local ports.
type Sim struct {
	opts    Options
	store   *store
	faults  faults
	ctx     context.Context // ends at Close: every pending operation returns
	stop    context.CancelFunc
	ports   map[string]int
	aws     *awsProvider
	servers []*grpc.Server
	wg      sync.WaitGroup
	// registry is the simulated ECR's registry API.
	registry *ecrServer
	// adopt is Options.Adopt, changeable with SetAdopt.
	adopt atomic.Bool

	mu      sync.Mutex
	calls   []Call
	running map[string]int // type -> operations in flight

	closeOnce sync.Once
	closeErr  error
}

// Start serves the aws and awsx providers on 127.0.0.1 random ports until Close. ctx only
// bounds the start: cancelling it later does not stop the Sim.
func Start(ctx context.Context, opts Options) (*Sim, error) {
	st, err := newStore(opts.StateFile)
	if err != nil {
		return nil, err
	}
	st.externalZones = opts.ExternalZones
	s := &Sim{opts: opts, store: st, ports: map[string]int{}, running: map[string]int{}}
	s.ctx, s.stop = context.WithCancel(context.WithoutCancel(ctx))
	s.adopt.Store(opts.Adopt)
	for _, f := range opts.Faults {
		s.faults.add(f)
	}
	if err := s.startRegistry(); err != nil {
		_ = s.Close()
		return nil, err
	}
	if err := s.seedRelease(opts.ReleaseImages); err != nil {
		_ = s.Close()
		return nil, err
	}
	s.aws = newAWS(s)
	for _, srv := range []pulumirpc.ResourceProviderServer{s.aws, newAWSX(s)} {
		pkg := srv.(interface{ pkg() string }).pkg()
		if err := s.serve(pkg, srv); err != nil {
			_ = s.Close()
			return nil, err
		}
	}
	return s, nil
}

func (s *Sim) serve(pkg string, srv pulumirpc.ResourceProviderServer) error {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("cloudsim: listen for %s: %w", pkg, err)
	}
	g := grpc.NewServer(grpc.MaxRecvMsgSize(256<<20), grpc.MaxSendMsgSize(256<<20))
	pulumirpc.RegisterResourceProviderServer(g, srv)
	s.ports[pkg] = lis.Addr().(*net.TCPAddr).Port
	s.servers = append(s.servers, g)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = g.Serve(lis)
	}()
	return nil
}

// Port returns the port a provider ("aws" or "awsx") listens on (addition to the contract).
func (s *Sim) Port(pkg string) int { return s.ports[pkg] }

// Env is what the Pulumi CLI needs to use the simulated providers instead of real plugins:
// "PULUMI_DEBUG_PROVIDERS=aws:<port>,awsx:<port>" and
// "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true".
func (s *Sim) Env() map[string]string {
	return map[string]string{
		"PULUMI_DEBUG_PROVIDERS":                      fmt.Sprintf("aws:%d,awsx:%d", s.ports["aws"], s.ports["awsx"]),
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
	}
}

// AddFault injects a fault from now on.
func (s *Sim) AddFault(f Fault) { s.faults.add(f) }

// ClearFaults removes every injected fault.
func (s *Sim) ClearFaults() { s.faults.clear() }

// Calls returns every provider call so far, in the order they ended.
func (s *Sim) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

func (s *Sim) started(typ string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running[typ]++
}

func (s *Sim) record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running[c.Type]--
	s.calls = append(s.calls, c)
}

// Resources returns what currently exists in the simulated cloud (type, id, region, account,
// outputs), for tests that check destroy left nothing behind. The world outside the rehearsals
// (the release registry's images) is not listed.
func (s *Sim) Resources() []SimResource {
	return resources(s.store)
}

// ReadWorld lists what a world file holds, as Resources does, without starting a Sim.
func ReadWorld(file string) ([]SimResource, error) {
	st := &store{file: file, recs: map[string]*record{}, pending: map[string]*record{}}
	if err := st.withFile(func(m map[string]*record) { st.recs = copyRecords(m) }); err != nil {
		return nil, err
	}
	return resources(st), nil
}

func resources(st *store) []SimResource {
	var out []SimResource
	for _, r := range st.list(func(r *record) bool { return r.Account != ReleaseAccount }) {
		out = append(out, SimResource{Type: r.Type, ID: r.ID, URN: r.URN, Name: r.Name, Region: r.Region,
			Account: r.Account, Outputs: plainMap(r.outputs())})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Type < out[j].Type })
	return out
}

// Sync writes every change so far to the state file (what Close does last), so another process
// reading the world sees it.
func (s *Sim) Sync() error { return s.store.flush() }

// Close stops the providers (pending operations return cancelled) and writes the state file.
func (s *Sim) Close() error {
	s.closeOnce.Do(func() {
		s.stop()
		s.registry.close()
		for _, g := range s.servers {
			g.Stop()
		}
		s.wg.Wait()
		s.closeErr = s.store.close()
	})
	return s.closeErr
}
