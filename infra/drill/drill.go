// Package drill runs the timed from-scratch BCP rebuild drill: a brand-new stack whose
// configuration is an environment's, rebuilt into an empty account, deployed, verified and torn
// down, every phase timed, and a report of where the time went (the critical path through the
// real dependency graph, queueing, parallelism, the slowest resources, a Gantt chart).
// The drill never operates a long-lived stack: it creates its own, under a name no stack file of
// the repository uses.
package drill

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/ephemeral"
	"github.com/cds-snc/notification-pulumi/infra/estimate"
	"github.com/cds-snc/notification-pulumi/infra/render"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
	"github.com/cds-snc/notification-pulumi/internal/atomicfile"
	"github.com/cds-snc/notification-pulumi/stacks"
)

// Options say which environment to rebuild, where, and how.
type Options struct {
	// From is the environment whose configuration is rebuilt (a stack file of the project).
	From string
	// Name is the drill's stack name. Default DefaultName(now).
	Name string
	// Environment is the environment name the drill's resources carry. Default: derived from Name.
	Environment string
	// Cloud is sim or aws.
	Cloud infra.Cloud
	// Account and Domain are where the environment is rebuilt. Required on AWS; a rehearsal
	// derives an account from the name and uses <environment>.drill.notification.invalid.
	Account, Domain string
	// Set overrides further configuration keys (key or key.sub: a YAML value).
	Set map[string]string
	// AllowOccupiedAccount lets the drill share an account that runs an environment.
	AllowOccupiedAccount bool
	// Keep leaves the drill's stack and resources in place (no teardown).
	Keep bool
	// LatencyFactor is the simulated cloud's time scale (recorded in the report).
	LatencyFactor float64
	// Parallel is the engine's parallelism for up and destroy (0: infra.Parallelism).
	Parallel int
	// DeployTimeout cancels a deployment that runs longer (0: none): a hang ends as a failed
	// drill with its report.
	DeployTimeout time.Duration
	// ProjectDir is the repository's project folder; StateDir holds the backend, the simulated
	// world and the drills' folders (<StateDir>/drills/<name>).
	ProjectDir, StateDir string
	// Base are the engine options every stack operation uses (backend, secrets provider, CLI,
	// Pulumi home); Stack, Cloud, ProjectDir and the cloud's hooks are set by the drill.
	Base infra.Options
	// Occupant says what the cloud holds in an account ("" when it is empty); nil: not asked.
	Occupant func(ctx context.Context, account string) (string, error)
	// Connect starts or reaches the cloud for the drill's validated stack file.
	Connect func(ctx context.Context, f *stackfile.File) (Cloud, error)
	// Progress receives a line per phase and milestone. Optional.
	Progress func(string)
	// Observer receives the engine's resource events. Optional.
	Observer infra.Observer
	// Abort is closed when teardown must stop too (a second interrupt). Optional.
	Abort <-chan struct{}
	// Now is the clock. Default time.Now.
	Now func() time.Time
}

func (o *Options) dir() string { return Dir(o.StateDir, o.Name) }

// Dir is a drill's folder: its project, record and report.
func Dir(stateDir, name string) string { return filepath.Join(stateDir, "drills", name) }

// Cloud is what the drill needs of where it runs, beyond the engine: the teardown's
// (ephemeral.Cloud) and the verification.
type Cloud interface {
	ephemeral.Cloud
	// Verify checks that what the deployment should have built exists and works.
	Verify(ctx context.Context, cfg stacks.Config, outputs map[string]infra.Output) []Check
}

// Phase names.
const (
	PhaseBootstrap = "bootstrap"
	PhasePreview   = "preview"
	PhaseImages    = "registry images"
	PhaseDeploy    = "deploy"
	PhaseVerify    = "verify"
	PhaseTeardown  = "teardown"
)

// PhaseResult is one timed phase.
type PhaseResult struct {
	Name    string    `json:"name"`
	Start   time.Time `json:"start"`
	Seconds float64   `json:"seconds"`
	Status  string    `json:"status"` // ok, failed, skipped, cancelled
	Detail  string    `json:"detail,omitempty"`
}

// Status of a drill.
const (
	StatusRunning   = "running"
	StatusSucceeded = "succeeded"
	StatusFailed    = "failed"
	StatusCancelled = "cancelled"
	StatusTimedOut  = "timed out"
)

// Setup is which drill it is: what it rebuilds, where, and when it started. A drill's record
// and its report both begin with it.
type Setup struct {
	Name          string      `json:"name"`
	From          string      `json:"from"`
	Environment   string      `json:"environment"`
	Cloud         infra.Cloud `json:"cloud"`
	Account       string      `json:"account"`
	Domain        string      `json:"domain"`
	LatencyFactor float64     `json:"latencyFactor,omitempty"`
	Start         time.Time   `json:"start"`
}

// Record is what a drill's folder says of it (drill.json), so `drill cleanup` can finish one
// that was interrupted.
type Record struct {
	Setup
	Status string `json:"status"`
	// TornDown is set once the teardown proved nothing of the drill is left.
	TornDown bool `json:"tornDown"`
	Kept     bool `json:"kept,omitempty"`
}

// Run runs the drill and writes its report into its folder; the report is returned (and
// written) also when the drill failed or was cancelled, with the error.
func Run(ctx context.Context, o Options) (*Report, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Name == "" {
		o.Name = DefaultName(o.Now())
	}
	if o.Progress == nil {
		o.Progress = func(string) {}
	}
	if _, err := os.Stat(filepath.Join(o.dir(), recordFile)); err == nil {
		return nil, &RefusedError{Kind: "drill", Problems: []string{fmt.Sprintf("--name %q: a drill of that name exists (%s): choose another name, or finish it with `notifyctl drill cleanup --name %s`", o.Name, o.dir(), o.Name)}}
	}
	start := o.Now()
	p, err := newPlan(ctx, &o)
	if err != nil {
		return nil, err
	}
	rec := &Record{Setup: Setup{Name: o.Name, From: o.From, Environment: p.Environment, Cloud: o.Cloud, Account: p.Account,
		Domain: p.Domain, LatencyFactor: o.LatencyFactor, Start: start}, Status: StatusRunning}
	if err := writeRecord(o.dir(), rec); err != nil {
		return nil, err
	}
	r := &runner{o: o, p: p, rec: rec, rep: newReport(rec, p.File.Config)}
	runErr := r.run(ctx)
	r.rep.Seconds = o.Now().Sub(start).Seconds()
	rec.Status = r.rep.Status
	if err := writeRecord(o.dir(), rec); err != nil && runErr == nil {
		runErr = err
	}
	if err := r.rep.Write(o.dir()); err != nil && runErr == nil {
		runErr = err
	}
	if err := appendHistory(o.StateDir, r.rep.Entry()); err != nil && runErr == nil {
		runErr = err
	}
	return r.rep, runErr
}

type runner struct {
	o     Options
	p     *plan
	rec   *Record
	rep   *Report
	cloud Cloud
	stack *infra.Stack
}

// phase times fn as a phase of the report.
func (r *runner) phase(name string, fn func() (string, error)) error {
	r.o.Progress(fmt.Sprintf("%s ...", name))
	ph := PhaseResult{Name: name, Start: r.o.Now(), Status: "ok"}
	detail, err := fn()
	ph.Seconds, ph.Detail = r.o.Now().Sub(ph.Start).Seconds(), detail
	if err != nil {
		ph.Status = "failed"
		if isCancel(err) {
			ph.Status = "cancelled"
		}
		if ph.Detail == "" {
			ph.Detail = firstLine(err.Error())
		}
	}
	r.rep.Phases = append(r.rep.Phases, ph)
	r.o.Progress(fmt.Sprintf("%s: %s in %s%s", name, ph.Status, infra.HMS(ph.Seconds), suffix(ph.Detail)))
	return err
}

func (r *runner) run(ctx context.Context) error {
	err := r.build(ctx)
	switch {
	case err == nil:
		r.rep.Status = StatusSucceeded
	case errors.Is(err, context.DeadlineExceeded) || r.rep.timedOut:
		r.rep.Status = StatusTimedOut
	case isCancel(err):
		r.rep.Status = StatusCancelled
	default:
		r.rep.Status = StatusFailed
	}
	if err != nil {
		r.rep.Error = err.Error()
	}
	if r.o.Keep {
		r.rec.Kept = true
		r.rep.Kept = true
		r.o.Progress(fmt.Sprintf("kept: the drill's stack %s and its resources stay; `notifyctl drill cleanup --name %s` removes them", r.o.Name, r.o.Name))
	} else if r.stack != nil || r.cloud != nil {
		// The teardown runs after a failure or a cancel too; only a second interrupt stops it.
		tctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		defer cancel()
		go func() {
			select {
			case <-r.o.Abort:
				cancel()
			case <-tctx.Done():
			}
		}()
		terr := r.phase(PhaseTeardown, func() (string, error) { return r.teardown(tctx) })
		if terr != nil && err == nil {
			r.rep.Status = StatusFailed
			r.rep.Error = terr.Error()
			err = terr
		} else if terr != nil {
			err = errors.Join(err, terr)
		}
	}
	if r.cloud != nil {
		if cerr := r.cloud.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}
	return err
}

// build runs the phases up to verification.
func (r *runner) build(ctx context.Context) error {
	if err := r.phase(PhaseBootstrap, func() (string, error) { return r.bootstrap(ctx) }); err != nil {
		return err
	}
	var plan *infra.Result
	if err := r.phase(PhasePreview, func() (string, error) {
		res, err := r.stack.Preview(ctx, infra.RunOptions{})
		plan = res
		if res != nil {
			r.rep.Resources = res.Summary["create"]
			return fmt.Sprintf("%d resources to create", res.Summary["create"]), err
		}
		return "", err
	}); err != nil {
		return err
	}
	_ = plan
	dctx, cancel := ctx, context.CancelFunc(func() {})
	if r.o.DeployTimeout > 0 {
		dctx, cancel = context.WithTimeout(ctx, r.o.DeployTimeout)
	}
	defer cancel()
	var res *infra.Result
	var upErr error
	upStart := r.o.Now()
	res, upErr = r.stack.Up(dctx, infra.RunOptions{Observer: r.o.Observer, Parallel: r.o.Parallel})
	upEnd := r.o.Now()
	if dctx.Err() == context.DeadlineExceeded && ctx.Err() == nil {
		r.rep.timedOut = true
		upErr = fmt.Errorf("the deployment passed the drill's timeout of %s and was cancelled: %w", r.o.DeployTimeout, upErr)
	}
	r.recordDeploy(ctx, res, upStart, upEnd, upErr)
	if upErr != nil {
		return upErr
	}
	return r.phase(PhaseVerify, func() (string, error) {
		outs, err := r.stack.Outputs(ctx)
		if err != nil {
			return "", err
		}
		checks := append(checkOutputs(r.p.File.Config, outs), r.cloud.Verify(ctx, r.p.File.Config, outs)...)
		r.rep.Checks = checks
		failed := 0
		for _, c := range checks {
			if !c.OK {
				failed++
			}
		}
		if failed > 0 {
			return fmt.Sprintf("%d of %d checks failed", failed, len(checks)), fmt.Errorf("verification: %d of %d checks failed", failed, len(checks))
		}
		return fmt.Sprintf("%d checks passed", len(checks)), nil
	})
}

// bootstrap connects to the cloud and creates the drill's stack in the backend.
func (r *runner) bootstrap(ctx context.Context) (string, error) {
	c, err := r.o.Connect(ctx, r.p.File)
	if err != nil {
		return "", fmt.Errorf("reach the cloud: %w", err)
	}
	r.cloud = c
	opts := r.o.Base
	opts.Stack, opts.Cloud, opts.ProjectDir, opts.StateDir = r.o.Name, r.o.Cloud, r.p.ProjectDir, r.o.StateDir
	c.Hooks(&opts)
	st, err := infra.Open(ctx, opts)
	if err != nil {
		return "", err
	}
	r.stack = st
	return fmt.Sprintf("stack %s from %s, account %s, domain %s", r.o.Name, r.o.From, r.p.Account, r.p.Domain), nil
}

// recordDeploy adds the image and deploy phases and the analysis of the deployment.
func (r *runner) recordDeploy(ctx context.Context, res *infra.Result, upStart, upEnd time.Time, upErr error) {
	deployStart := upStart
	if res != nil {
		t := upStart
		for _, ph := range res.Phases {
			if ph.Name == "deploy" {
				continue
			}
			r.rep.Phases = append(r.rep.Phases, PhaseResult{Name: PhaseImages + ": " + ph.Name, Start: t, Seconds: ph.DurationSeconds, Status: "ok", Detail: ph.Detail})
			t = t.Add(time.Duration(ph.DurationSeconds * float64(time.Second)))
		}
		deployStart = t
	}
	status := "ok"
	detail := ""
	if upErr != nil {
		status = "failed"
		if isCancel(upErr) {
			status = "cancelled"
		}
		if r.rep.timedOut {
			status = "timed out"
		}
		detail = firstLine(upErr.Error())
	}
	if res != nil {
		n := 0
		for _, rec := range res.Resources {
			if rec.Custom && rec.Status == infra.StatusDone && rec.Op == "create" {
				n++
			}
		}
		if detail == "" {
			detail = fmt.Sprintf("%d resources created", n)
		}
		// The resources that failed, then those cut short (components are neither).
		for _, want := range []infra.Status{infra.StatusFailed, infra.StatusInterrupted} {
			for _, f := range res.Resources {
				if f.Custom && f.Status == want {
					r.rep.Failures = append(r.rep.Failures, Failure{URN: f.URN, Type: f.Type, Status: string(f.Status), Error: f.Error})
				}
			}
		}
	}
	r.rep.Phases = append(r.rep.Phases, PhaseResult{Name: PhaseDeploy, Start: deployStart, Seconds: upEnd.Sub(deployStart).Seconds(), Status: status, Detail: detail})
	r.o.Progress(fmt.Sprintf("%s: %s in %s%s", PhaseDeploy, status, infra.HMS(upEnd.Sub(deployStart).Seconds()), suffix(detail)))
	if res == nil {
		return
	}
	deps, err := r.stack.Dependencies(context.WithoutCancel(ctx))
	if err != nil {
		r.rep.Notes = append(r.rep.Notes, "the dependency graph could not be read from the state: "+err.Error())
		return
	}
	parallel := r.o.Parallel
	if parallel == 0 {
		parallel = infra.Parallelism[infra.OpUp]
	}
	r.rep.Deploy = analyse(res, deps, deployStart, upEnd, parallel)
	r.estimate(ctx)
}

// estimate puts the offline prediction of the same stack (notifyctl estimate: the rendered graph
// and the published creation times, scaled by the latency factor) next to the measured
// deployment.
func (r *runner) estimate(ctx context.Context) {
	g, err := render.Render(ctx, render.Options{Stack: r.o.Name, ProjectDir: r.p.ProjectDir})
	if err != nil {
		r.rep.Notes = append(r.rep.Notes, "the offline estimate could not be made: "+err.Error())
		return
	}
	e := estimate.Of(g, cloudsim.CreateTime)
	scale := 1.0
	if r.o.Cloud == infra.CloudSim {
		scale = r.o.LatencyFactor
	}
	r.rep.EstimateSeconds, r.rep.TodaySeconds = e.Seconds*scale, e.TodaySeconds*scale
	if r.rep.Deploy.Seconds > 0 && r.rep.EstimateSeconds > 0 {
		r.rep.EstimateError = (r.rep.EstimateSeconds - r.rep.Deploy.Seconds) / r.rep.Deploy.Seconds
	}
}

// teardown destroys the drill's stack, proves that neither the state nor the cloud holds
// anything of it, and removes the stack.
func (r *runner) teardown(ctx context.Context) (string, error) {
	if r.stack == nil {
		return "nothing was created", nil
	}
	left, err := destroyAndProve(ctx, r.stack, r.cloud, r.o.Cloud, r.p.Account, r.o.Observer)
	r.rep.Leftovers = left
	if err != nil {
		return "", err
	}
	r.rec.TornDown = true
	return "the state and the cloud hold nothing of the drill; stack removed", nil
}

// destroyAndProve destroys a drill's stack, checks the state and the cloud are empty of it, and
// removes the stack (ephemeral.DestroyAndProve); left lists what remains when they are not.
func destroyAndProve(ctx context.Context, st *infra.Stack, c Cloud, cloud infra.Cloud, account string, observe infra.Observer) ([]string, error) {
	return ephemeral.DestroyAndProve(ctx, st, c, cloud, account, observe, "notifyctl drill cleanup --name "+st.Name())
}

const recordFile = "drill.json"

func writeRecord(dir string, rec *Record) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(dir, recordFile), append(data, '\n'), 0o600)
}

// ReadRecord reads a drill's record.
func ReadRecord(stateDir, name string) (*Record, error) {
	data, err := os.ReadFile(filepath.Join(Dir(stateDir, name), recordFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no drill named %q in %s (drills: %s)", name, filepath.Join(stateDir, "drills"), strings.Join(List(stateDir), ", "))
	}
	if err != nil {
		return nil, err
	}
	var rec Record
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Join(Dir(stateDir, name), recordFile), err)
	}
	return &rec, nil
}

// List names the drills with a folder in the state folder.
func List(stateDir string) []string {
	entries, _ := os.ReadDir(filepath.Join(stateDir, "drills"))
	var out []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(stateDir, "drills", e.Name(), recordFile)); e.IsDir() && err == nil {
			out = append(out, e.Name())
		}
	}
	return out
}

func isCancel(err error) bool {
	var c *infra.CancelledError
	return errors.As(err, &c) || errors.Is(err, context.Canceled)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}

func suffix(detail string) string {
	if detail == "" {
		return ""
	}
	return ": " + detail
}
