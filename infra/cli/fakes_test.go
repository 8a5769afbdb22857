package cli

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/render"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

var t0 = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// fakeRunner records calls and answers with canned results.
type fakeRunner struct {
	mu      sync.Mutex
	calls   []string
	opts    []infra.RunOptions
	results map[string]*infra.Result
	errs    map[string]error
	// errTimes, when set for an operation, is how many more calls of it fail with errs[op]; the
	// calls after succeed.
	errTimes    map[string]int
	outputs     map[string]infra.Output
	history     []infra.Update
	block       func(ctx context.Context) // called by Up when set
	interrupted chan struct{}
}

func newFakeRunner() *fakeRunner {
	return &fakeRunner{results: map[string]*infra.Result{}, errs: map[string]error{}, errTimes: map[string]int{}, interrupted: make(chan struct{}, 4)}
}

func (f *fakeRunner) do(ctx context.Context, op string, o infra.RunOptions) (*infra.Result, error) {
	f.mu.Lock()
	f.calls = append(f.calls, op)
	f.opts = append(f.opts, o)
	res, err := f.results[op], f.errs[op]
	if n, ok := f.errTimes[op]; ok {
		if n <= 0 {
			err = nil
		}
		f.errTimes[op] = n - 1
	}
	f.mu.Unlock()
	if res != nil && o.Observer != nil {
		for _, r := range res.Resources {
			o.Observer(infra.Event{Kind: infra.ResourceStarted, Resource: r, Planning: op == "preview"})
			kind := infra.ResourceDone
			if r.Status == infra.StatusFailed {
				kind = infra.ResourceFailed
			}
			o.Observer(infra.Event{Kind: kind, Resource: r, Planning: op == "preview"})
		}
	}
	return res, err
}

func (f *fakeRunner) Preview(ctx context.Context, o infra.RunOptions) (*infra.Result, error) {
	return f.do(ctx, "preview", o)
}

func (f *fakeRunner) Up(ctx context.Context, o infra.RunOptions) (*infra.Result, error) {
	if f.block != nil {
		f.mu.Lock()
		f.calls = append(f.calls, "up")
		f.mu.Unlock()
		f.block(ctx)
		return nil, &infra.CancelledError{Stack: "dev", Op: infra.OpUp, Err: ctx.Err()}
	}
	return f.do(ctx, "up", o)
}

func (f *fakeRunner) Refresh(ctx context.Context, o infra.RunOptions) (*infra.Result, error) {
	return f.do(ctx, "refresh", o)
}

func (f *fakeRunner) Destroy(ctx context.Context, o infra.RunOptions) (*infra.Result, error) {
	return f.do(ctx, "destroy", o)
}

func (f *fakeRunner) History(context.Context, int) ([]infra.Update, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "history")
	return f.history, nil
}

func (f *fakeRunner) Outputs(context.Context) (map[string]infra.Output, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "outputs")
	return f.outputs, f.errs["outputs"]
}

func (f *fakeRunner) Interrupt() { f.interrupted <- struct{}{} }

func (f *fakeRunner) called() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

type fakeSim struct {
	factor    float64
	stateFile string
	closed    bool
}

func (s *fakeSim) Env() map[string]string {
	return map[string]string{"PULUMI_DEBUG_PROVIDERS": "aws:1,awsx:2"}
}
func (s *fakeSim) Close() error                           { s.closed = true; return nil }
func (s *fakeSim) RegistryRef(ref string) (string, error) { return "127.0.0.1:5000/" + ref, nil }

// harness is a Deps with fakes and captured streams.
type harness struct {
	*Deps
	stdout, stderr bytes.Buffer
	runner         *fakeRunner
	sim            *fakeSim
	opened         []infra.Options
	env            map[string]string
	interrupts     chan struct{}
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{runner: newFakeRunner(), env: map[string]string{}, interrupts: make(chan struct{}, 2)}
	h.Deps = &Deps{
		Stdout: &h.stdout, Stderr: &h.stderr, Stdin: strings.NewReader(""),
		Now:       func() time.Time { return t0 },
		LookupEnv: func(k string) (string, bool) { v, ok := h.env[k]; return v, ok },
		Getwd:     func() (string, error) { return "../..", nil },
		Check:     func(infra.Options) (*stackfile.File, error) { return nil, nil },
		Open: func(_ context.Context, o infra.Options) (Runner, error) {
			h.opened = append(h.opened, o)
			return h.runner, nil
		},
		StartSim: func(_ context.Context, o cloudsim.Options) (Sim, error) {
			h.sim = &fakeSim{factor: o.LatencyFactor, stateFile: o.StateFile}
			return h.sim, nil
		},
		Render:     render.Render,
		Interrupts: h.interrupts,
	}
	return h
}

func (h *harness) run(args ...string) int {
	return Execute(context.Background(), args, h.Deps)
}

// sampleUp is a recorded up: two creates, an update, a replacement and an unchanged resource.
func sampleResult(op infra.Operation) *infra.Result {
	// parent is the URN type chain above the resource: "gcnotify:network:Network$" or "".
	rec := func(parent, urnName, typ, o string, secs float64, diffs, keys []string) infra.ResourceRecord {
		return infra.ResourceRecord{URN: "urn:pulumi:dev::gcnotify::" + parent + typ + "::" + urnName, Type: typ, Name: urnName,
			Custom: !strings.HasPrefix(typ, "gcnotify:") && typ != "pulumi:pulumi:Stack",
			Op:     o, Status: infra.StatusDone, Start: t0, End: t0.Add(time.Duration(secs * float64(time.Second))),
			DurationSeconds: secs, Diffs: diffs, ReplaceReasons: keys}
	}
	const network = "gcnotify:network:Network$"
	return &infra.Result{
		Stack: "dev", Cloud: infra.CloudSim, Operation: op, Start: t0, End: t0.Add(83 * time.Second), DurationSeconds: 83,
		Summary: map[string]int{"create": 2, "update": 1, "replace": 1, "same": 1},
		Resources: []infra.ResourceRecord{
			rec("", "gcnotify-dev", "pulumi:pulumi:Stack", "same", 0, nil, nil),
			rec(network, "network-vpc", "awsx:ec2:Vpc", "create", 62.4, nil, nil),
			rec(network, "network-flow-logs", "aws:cloudwatch/logGroup:LogGroup", "update", 1.2, []string{"retentionInDays"}, nil),
			rec(network, "network-endpoints", "aws:ec2/securityGroup:SecurityGroup", "replace", 4.5, []string{"name"}, []string{"name"}),
			rec("gcnotify:queues:Queues$", "queue", "aws:sqs/queue:Queue", "create", 0.35, nil, nil),
			rec("", "network", "gcnotify:network:Network", "same", 0, nil, nil),
		},
		Outputs: map[string]infra.Output{
			"vpcId":            {Value: "vpc-0abc"},
			"privateSubnetIds": {Value: []any{"subnet-1", "subnet-2"}},
			"webhook":          {Value: infra.SecretPlaceholder, Secret: true},
		},
	}
}
