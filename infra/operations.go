package infra

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
)

// RunOptions tune one operation.
type RunOptions struct {
	// Observer receives each resource's progress as the engine reports it. Optional.
	Observer Observer
	// ExpectNoChanges makes a preview that finds changes fail with *ChangesPresentError.
	ExpectNoChanges bool
	// Unprotect removes every resource's protection before a destroy. Only for the simulated
	// cloud (tearing down a rehearsal of a protected environment); refused for AWS.
	Unprotect bool
	// Refresh makes a preview read the cloud first, so changes made outside the program (drift)
	// show in it: a resource deleted in the console shows as a creation.
	Refresh bool
	// Recovery runs the operation although the journal holds an unfinished one (the orphan
	// finder's reconciliation).
	Recovery bool
	// ContinueOnError makes an up go on with every step that does not depend on a failed one,
	// so one run reports every failure (a rehearsal that collides with another stack names
	// each collision).
	ContinueOnError bool
	// Message is recorded with the update in the backend's history (up, refresh, destroy):
	// UpdateInfo.Message writes it, History reads it back.
	Message string
	// Metadata is set in the engine's environment for this operation (UpdateInfo.EngineEnv):
	// the engine records it in the update's metadata beside the message.
	Metadata map[string]string
	// EngineEvents receives every raw engine event, in order (recording event streams).
	EngineEvents EngineEventSink
	// Parallel is how many resource operations the engine runs at once. Zero: the operation's
	// default (Parallelism).
	Parallel int
}

// Parallelism is each operation's default number of resource operations the engine runs at once.
// The engine's own default is 4 x GOMAXPROCS (8 on a 2-core runner), a CPU-bound figure, but a
// provider call is a wait on AWS, not CPU work: at 8, a dev rebuild queues its data stores behind
// the 14 VPC endpoints and the NAT gateways and takes 1.27x its critical path. Up and destroy run
// up to 256 at once: every resource that is ready starts (the widest point of any environment's
// graph is below that), and the AWS provider retries throttled calls with backoff. Refresh reads
// every resource at once, so it stays at 64 to keep the Describe* calls under the per-account
// request rates. A preview calls no AWS API that waits: 64.
var Parallelism = map[Operation]int{OpUp: 256, OpDestroy: 256, OpRefresh: 64, OpPreview: 64}

func (o RunOptions) parallel(op Operation) int {
	if o.Parallel > 0 {
		return o.Parallel
	}
	return Parallelism[op]
}

// Preview shows what an up would do. The stack is created in the backend when it is new.
func (s *Stack) Preview(ctx context.Context, o RunOptions) (*Result, error) {
	res, err := s.run(ctx, OpPreview, true, o, func(st auto.Stack, ch chan<- events.EngineEvent) (auto.OutputMap, error) {
		opts := []optpreview.Option{optpreview.EventStreams(ch), optpreview.Color("never"), optpreview.Parallel(o.parallel(OpPreview))}
		if o.Refresh {
			opts = append(opts, optpreview.Refresh())
		}
		_, err := st.Preview(ctx, opts...)
		return nil, err
	})
	if err == nil && o.ExpectNoChanges && res.Changes() > 0 {
		err = &ChangesPresentError{Stack: s.Name(), Summary: res.Summary}
	}
	return res, err
}

// Up deploys the stack, creating it in the backend when it is new. When the Lambdas' images are
// not in the environment's registries, it first creates the registries alone (a targeted up),
// copies the images from the image source, then deploys everything; Result.Phases times each.
func (s *Stack) Up(ctx context.Context, o RunOptions) (*Result, error) {
	phases, repos, err := s.fillRegistries(ctx, o)
	if err != nil {
		if repos == nil {
			repos = &Result{Stack: s.Name(), Cloud: s.opts.Cloud, Operation: OpUp, Summary: map[string]int{}}
		}
		repos.Phases = phases
		return repos, err
	}
	start := s.opts.Now()
	res, err := s.run(ctx, OpUp, true, o, func(st auto.Stack, ch chan<- events.EngineEvent) (auto.OutputMap, error) {
		opts := []optup.Option{optup.EventStreams(ch), optup.Color("never"), optup.Parallel(o.parallel(OpUp))}
		if o.Message != "" {
			opts = append(opts, optup.Message(o.Message))
		}
		if o.ContinueOnError {
			opts = append(opts, optup.ContinueOnError())
		}
		r, err := st.Up(ctx, opts...)
		return r.Outputs, err
	})
	if res != nil && len(phases) > 0 {
		res.Phases = append(phases, Phase{Name: "deploy", DurationSeconds: s.opts.Now().Sub(start).Seconds(),
			Detail: "the whole program"})
		if repos != nil {
			res.mergeEarlier(repos)
		}
	}
	return res, err
}

// Refresh reconciles the state with what exists in the cloud. With ExpectNoChanges, a refresh
// that finds the cloud changed outside the program records it and fails with
// *ChangesPresentError (drift).
func (s *Stack) Refresh(ctx context.Context, o RunOptions) (*Result, error) {
	res, err := s.refresh(ctx, o)
	if err == nil && o.ExpectNoChanges && res.Changes() > 0 {
		err = &ChangesPresentError{Stack: s.Name(), Summary: res.Summary, Drift: true}
	}
	return res, err
}

func (s *Stack) refresh(ctx context.Context, o RunOptions, extra ...optrefresh.Option) (*Result, error) {
	return s.run(ctx, OpRefresh, false, o, func(st auto.Stack, ch chan<- events.EngineEvent) (auto.OutputMap, error) {
		opts := []optrefresh.Option{optrefresh.EventStreams(ch), optrefresh.Color("never"), optrefresh.Parallel(o.parallel(OpRefresh))}
		if o.Message != "" {
			opts = append(opts, optrefresh.Message(o.Message))
		}
		_, err := st.Refresh(ctx, append(opts, extra...)...)
		return nil, err
	})
}

// Destroy deletes every resource of the stack; the (empty) stack stays in the backend. With
// Unprotect (rehearsals only) it lifts every protection and empties the Lambda images' repositories
// first, as a real teardown must.
func (s *Stack) Destroy(ctx context.Context, o RunOptions) (*Result, error) {
	if o.Unprotect && s.opts.Cloud != CloudSim {
		return nil, &OptionsError{Problems: []string{"unprotect is only for the simulated cloud: protection of real resources is lifted deliberately, by making the stack ephemeral"}}
	}
	if !o.Unprotect {
		res, err := s.state(ctx)
		if err != nil {
			return nil, err
		}
		var protected []string
		for _, r := range res {
			if r.Protect {
				protected = append(protected, string(r.URN))
			}
		}
		if len(protected) > 0 {
			return nil, &ProtectedResourcesError{Stack: s.Name(), Cloud: s.opts.Cloud, URNs: protected}
		}
	}
	return s.run(ctx, OpDestroy, false, o, func(st auto.Stack, ch chan<- events.EngineEvent) (auto.OutputMap, error) {
		if o.Unprotect {
			if err := s.unprotect(ctx); err != nil {
				close(ch)
				return nil, err
			}
			if err := s.emptyRegistries(ctx); err != nil {
				close(ch)
				return nil, err
			}
		}
		opts := []optdestroy.Option{optdestroy.EventStreams(ch), optdestroy.Color("never"), optdestroy.Parallel(o.parallel(OpDestroy))}
		if o.Message != "" {
			opts = append(opts, optdestroy.Message(o.Message))
		}
		_, err := st.Destroy(ctx, opts...)
		return nil, err
	})
}

// Outputs returns the stack's outputs (secrets as "[secret]").
func (s *Stack) Outputs(ctx context.Context) (map[string]Output, error) {
	st, err := s.stack(ctx, false)
	if err != nil {
		return nil, err
	}
	outs, err := st.Outputs(ctx)
	if wrongPassphrase(err) {
		return nil, passphraseError(s.Name())
	}
	if err != nil {
		return nil, fmt.Errorf("outputs of stack %s: %w", s.Name(), err)
	}
	return maskOutputs(outs), nil
}

func (s *Stack) unprotect(ctx context.Context) error {
	var env []string
	for k, v := range s.ws.GetEnvVars() {
		env = append(env, k+"="+v)
	}
	_, stderr, _, err := s.cmd.Run(ctx, s.workDir, nil, nil, nil, env,
		"state", "unprotect", "--all", "--yes", "--stack", s.Name())
	if err != nil {
		return fmt.Errorf("unprotect stack %s: %w: %s", s.Name(), err, excerpt(stderr))
	}
	return nil
}

// stack selects the stack, creating it when create is set.
func (s *Stack) stack(ctx context.Context, create bool) (auto.Stack, error) {
	if create {
		st, err := auto.UpsertStack(ctx, s.Name(), s.selecting())
		if err != nil && ctx.Err() == nil {
			// Another run created the stack between this one's select and its create (two first
			// runs at once): the backend answers 409, or the CLI fails on the files the other run
			// is writing. When the stack exists now, select it; the backend's lock serializes
			// what the runs do with it. Otherwise the create's own error stands.
			if sel, serr := auto.SelectStack(ctx, s.Name(), s.ws); serr == nil {
				st, err = sel, nil
			} else if auto.IsCreateStack409Error(err) {
				err = serr
			}
		}
		if err != nil {
			return st, s.engineErr(ctx, err, "select stack")
		}
		return st, nil
	}
	st, err := auto.SelectStack(ctx, s.Name(), s.selecting())
	switch {
	case auto.IsSelectStack404Error(err):
		return st, &StackNotFoundError{Stack: s.Name(), Backend: s.Backend()}
	case err != nil:
		return st, s.engineErr(ctx, err, "select stack")
	}
	return st, nil
}

func (s *Stack) engineErr(ctx context.Context, err error, what string) error {
	if ctx.Err() != nil {
		return &CancelledError{Stack: s.Name(), Op: Operation(what), Err: err}
	}
	if wrongPassphrase(err) {
		return passphraseError(s.Name())
	}
	return &EngineError{Stack: s.Name(), Op: Operation(what), Message: excerpt(err.Error()), Err: err}
}

// run runs one operation with its events collected into a Result.
func (s *Stack) run(ctx context.Context, op Operation, create bool, o RunOptions,
	call func(auto.Stack, chan<- events.EngineEvent) (auto.OutputMap, error),
) (*Result, error) {
	if !o.Recovery {
		if e, err := s.Journal(); err != nil {
			return nil, err
		} else if e != nil {
			return nil, &UnfinishedError{Entry: *e}
		}
	}
	st, err := s.stack(ctx, create)
	if err != nil {
		return nil, err
	}
	if len(o.Metadata) > 0 {
		if err := s.ws.SetEnvVars(o.Metadata); err != nil {
			return nil, fmt.Errorf("update metadata: %w", err)
		}
		defer func() {
			for k := range o.Metadata {
				s.ws.UnsetEnvVar(k)
			}
		}()
	}
	col := newCollector(s.opts.Now, o.Observer)
	col.raw = o.EngineEvents
	ch := make(chan events.EngineEvent)
	done := col.consume(ch)
	start := s.opts.Now()
	journaled := op == OpUp || op == OpDestroy
	if journaled {
		if err := s.beginJournal(op); err != nil {
			return nil, err
		}
	}
	s.forced.Store(false)
	outs, err := call(st, ch)
	var unsaved string
	if journaled {
		unsaved = s.checkSaved(ctx, s.unsaved(err))
		if jerr := s.endJournal(op, unsaved); jerr != nil && err == nil {
			err = jerr
		}
	}
	// The automation API closes the channel before returning, unless it failed before the
	// engine started; do not wait forever for the latter.
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
	if ctx.Err() != nil {
		col.interruptCancelled()
	}
	res := col.result(s.Name(), s.opts.Cloud, op, start, s.opts.Now(), err == nil)
	if outs != nil {
		res.Outputs = maskOutputs(outs)
	}
	err = classify(err, s.Name(), op, ctx.Err() != nil, col)
	var cancelled *CancelledError
	if unsaved != "" && errors.As(err, &cancelled) {
		cancelled.Unsaved, cancelled.Cloud = unsaved, s.opts.Cloud
	}
	var conflict *ConcurrentUpdateError
	if errors.As(err, &conflict) {
		conflict.Cloud = s.opts.Cloud
	}
	return res, err
}

// checkSaved turns a stop that may have lost the state's record ("" when the engine ended
// normally) into what is known: with an inventory of the cloud, the state is compared with it,
// and a stop that lost nothing is a clean end.
func (s *Stack) checkSaved(ctx context.Context, why string) string {
	if why == "" {
		return ""
	}
	if s.opts.Inventory == nil {
		return why + "; whether the state records everything it did is unknown"
	}
	rep, err := s.orphansNow(context.WithoutCancel(ctx))
	switch {
	case err != nil:
		return why + "; whether the state records everything it did is unknown (" + err.Error() + ")"
	case len(rep.Orphans) == 0 && len(rep.Lost) == 0:
		return ""
	}
	return fmt.Sprintf("%s: %d resources exist in the cloud that the state does not list, %d listed no longer exist", why, len(rep.Orphans), len(rep.Lost))
}

func maskOutputs(outs auto.OutputMap) map[string]Output {
	m := make(map[string]Output, len(outs))
	for k, v := range outs {
		if v.Secret {
			m[k] = Output{Value: SecretPlaceholder, Secret: true}
		} else {
			m[k] = Output{Value: v.Value}
		}
	}
	return m
}

// StateURNs lists the URNs of every resource in the stack's state (empty after a destroy).
func (s *Stack) StateURNs(ctx context.Context) ([]string, error) {
	res, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	urns := make([]string, 0, len(res))
	for _, r := range res {
		urns = append(urns, string(r.URN))
	}
	return urns, nil
}

// Graph is the dependency graph of a stack's state: what each resource waited for (its
// dependencies and its provider, URNs) and its parent.
type Graph struct {
	Deps    map[string][]string
	Parents map[string]string
}

// Dependencies reads the dependency graph of the stack's state. The drill reads it after an up
// to find the critical path through the real graph.
func (s *Stack) Dependencies(ctx context.Context) (*Graph, error) {
	res, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	g := &Graph{Deps: make(map[string][]string, len(res)), Parents: make(map[string]string, len(res))}
	for _, r := range res {
		var d []string
		for _, u := range r.Dependencies {
			d = append(d, string(u))
		}
		if r.Provider != "" {
			// A provider reference is <urn>::<id>.
			if i := strings.LastIndex(r.Provider, "::"); i > 0 {
				d = append(d, r.Provider[:i])
			}
		}
		g.Deps[string(r.URN)] = d
		if r.Parent != "" {
			g.Parents[string(r.URN)] = string(r.Parent)
		}
	}
	return g, nil
}

// Remove deletes the stack from the backend, with its configuration; it refuses while the state
// still holds resources (destroy first).
func (s *Stack) Remove(ctx context.Context) error {
	urns, err := s.StateURNs(ctx)
	var missing *StackNotFoundError
	if errors.As(err, &missing) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(urns) > 0 {
		return fmt.Errorf("remove stack %s: its state still holds %d resources: destroy it first", s.Name(), len(urns))
	}
	if err := s.ws.RemoveStack(ctx, s.Name()); err != nil {
		return s.engineErr(ctx, err, "remove stack")
	}
	return nil
}

// stateResource is one resource of the state.
type stateResource = apitype.ResourceV3

func (s *Stack) state(ctx context.Context) ([]apitype.ResourceV3, error) {
	st, err := s.stack(ctx, false)
	if err != nil {
		return nil, err
	}
	dep, err := st.Export(ctx)
	if err != nil {
		return nil, fmt.Errorf("export stack %s: %w", s.Name(), err)
	}
	var d apitype.DeploymentV3
	if err := json.Unmarshal(dep.Deployment, &d); err != nil {
		return nil, fmt.Errorf("read the state of stack %s: %w", s.Name(), err)
	}
	return d.Resources, nil
}

// unsaved says why an operation that ended with err left the state without what it did ("" when
// the engine saved it: success, a failed step, or a graceful cancel).
func (s *Stack) unsaved(err error) string {
	switch {
	case s.forced.Load():
		return "the engine was stopped at once (a second Ctrl-C)"
	case err != nil && strings.Contains(err.Error(), "signal: killed"):
		return "the engine was killed"
	}
	return ""
}
