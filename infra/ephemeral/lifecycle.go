package ephemeral

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// Engine says how to reach an environment's backend and cloud.
type Engine struct {
	// ProjectDir is the repository's project folder; StateDir holds the environments' folders
	// (<StateDir>/envs/<name>), the local backend and the simulated world.
	ProjectDir, StateDir string
	// Base are the engine options every stack operation uses (backend, secrets provider, CLI,
	// Pulumi home); Stack, Cloud, ProjectDir, StateDir and the cloud's hooks are set here.
	Base infra.Options
	// Connect starts or reaches the cloud of an environment's validated stack file.
	Connect func(ctx context.Context, cloud infra.Cloud, f *stackfile.File) (Cloud, error)
	// Observer receives the engine's resource events. Optional.
	Observer infra.Observer
	// Progress receives a line per step. Optional.
	Progress func(string)
}

func (g *Engine) progress(format string, args ...any) {
	if g.Progress != nil {
		g.Progress(fmt.Sprintf(format, args...))
	}
}

// open reaches an environment's cloud and opens its stack.
func (g *Engine) open(ctx context.Context, e *Env, f *stackfile.File) (*infra.Stack, Cloud, error) {
	c, err := g.Connect(ctx, e.Cloud, f)
	if err != nil {
		return nil, nil, fmt.Errorf("reach the cloud: %w", err)
	}
	opts := g.Base
	opts.Stack, opts.Cloud, opts.ProjectDir, opts.StateDir = e.Name, e.Cloud, e.ProjectDir, g.StateDir
	c.Hooks(&opts)
	st, err := infra.Open(ctx, opts)
	if err != nil {
		_ = c.Close()
		return nil, nil, err
	}
	return st, c, nil
}

// CreateOptions say which environment to build.
type CreateOptions struct {
	// Name, From, Cloud, Account, Domain, Set and AllowOccupiedAccount are the plan's (Request).
	Name, From      string
	Cloud           infra.Cloud
	Account, Domain string
	Set             map[string]string
	// AllowOccupiedAccount lets the environment share an account that runs another.
	AllowOccupiedAccount bool
	// TTL is how long the environment lives (1 minute to MaxTTL); Owner who answers for it.
	TTL   time.Duration
	Owner string
	// Occupant says what the cloud holds in an account; nil: not asked.
	Occupant func(ctx context.Context, account string) (string, error)
	// Parallel is the engine's parallelism for the up (0: infra.Parallelism).
	Parallel int
	// Now is the clock.
	Now func() time.Time
}

var ownerPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$`)

// checkCreate lists the problems of the TTL and the owner.
func checkCreate(o CreateOptions) []string {
	var problems []string
	if o.TTL < time.Minute || o.TTL > MaxTTL {
		problems = append(problems, fmt.Sprintf("--ttl %s: want a duration from 1m to %s (e.g. 72h); `env extend` gives more later", o.TTL, MaxTTL))
	}
	if !ownerPattern.MatchString(o.Owner) {
		problems = append(problems, fmt.Sprintf("--owner %q: want who answers for the environment: a user name or e-mail address (letters, digits, . _ @ + -; at most 64 characters)", o.Owner))
	}
	return problems
}

// Check lists every problem create would refuse (the TTL, the owner, the name, the source, the
// account, the overrides), without writing anything.
func (g *Engine) Check(ctx context.Context, o CreateOptions) []string {
	problems := checkCreate(o)
	if _, err := os.Stat(EnvDir(g.StateDir, o.Name)); err == nil && o.Name != "" {
		problems = append(problems, fmt.Sprintf("name %q: an environment of that name exists (%s): choose another name, or remove it with `notifyctl env destroy %s`", o.Name, EnvDir(g.StateDir, o.Name), o.Name))
	}
	r := g.request(o)
	r.CheckOnly = true
	if _, err := NewPlan(ctx, r); err != nil {
		var refused *RefusedError
		if !errors.As(err, &refused) {
			return append(problems, err.Error())
		}
		problems = append(problems, refused.Problems...)
	}
	return problems
}

// Plan checks everything create checks and writes the environment's stack file, without
// reaching any cloud: the environment exists (list shows it) but holds nothing yet.
func (g *Engine) Plan(ctx context.Context, o CreateOptions) (*Env, *stackfile.File, error) {
	if problems := g.Check(ctx, o); len(problems) > 0 {
		return nil, nil, &RefusedError{Kind: "short-lived environment", Problems: problems}
	}
	now := o.Now().UTC().Truncate(time.Second)
	r := g.request(o)
	r.Extra = map[string]any{KeyOwner: o.Owner, KeySource: o.From, KeyCloud: string(o.Cloud),
		KeyCreated: now.Format(time.RFC3339), KeyExpires: now.Add(o.TTL).Format(time.RFC3339)}
	if _, err := NewPlan(ctx, r); err != nil {
		return nil, nil, err
	}
	return Read(g.StateDir, o.Name)
}

// request is the plan's request.
func (g *Engine) request(o CreateOptions) Request {
	return Request{Kind: "short-lived environment", Label: "env", Command: "notifyctl env create", NameFlag: "name",
		Name: o.Name, From: o.From, Cloud: o.Cloud, Account: o.Account, Domain: o.Domain, Set: o.Set,
		AllowOccupiedAccount: o.AllowOccupiedAccount, ProjectDir: g.ProjectDir, Dir: EnvDir(g.StateDir, o.Name), Occupant: o.Occupant}
}

// Create plans the environment (Plan) and deploys it. An environment whose deployment fails
// stays, with what it created, until `env destroy` (or the reaper) removes it.
func (g *Engine) Create(ctx context.Context, o CreateOptions) (*Env, *infra.Result, error) {
	e, f, err := g.Plan(ctx, o)
	if err != nil {
		return nil, nil, err
	}
	g.progress("environment %s: %s from %s, account %s, domain %s, owner %s, expires %s",
		e.Name, e.Cloud, e.Source, e.Account, e.Domain, e.Owner, e.Expires.Format(time.RFC3339))
	st, c, err := g.open(ctx, e, f)
	if err != nil {
		return e, nil, err
	}
	defer c.Close()
	res, err := st.Up(ctx, infra.RunOptions{Observer: g.Observer, Parallel: o.Parallel})
	if err != nil {
		return e, res, fmt.Errorf("deploy environment %s: %w (it stays until `notifyctl env destroy %s` removes it)", e.Name, err, e.Name)
	}
	return e, res, nil
}

// Destroy destroys an environment (never a long-lived stack or a stack of the repository: see
// Guard), proves that neither the state nor the cloud holds anything of it, removes its stack
// from the backend, then its folder and workspace. left lists what remains when it fails.
func (g *Engine) Destroy(ctx context.Context, name string) ([]string, error) {
	e, f, err := Guard(g.ProjectDir, g.StateDir, name)
	if err != nil {
		return nil, err
	}
	g.progress("destroying environment %s (%s, account %s) ...", e.Name, e.Cloud, e.Account)
	st, c, err := g.open(ctx, e, f)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	left, err := DestroyAndProve(ctx, st, c, e.Cloud, e.Account, g.Observer, "notifyctl env destroy "+name+" --yes")
	if err != nil {
		return left, err
	}
	if err := os.RemoveAll(st.WorkDir()); err != nil {
		return nil, err
	}
	return nil, os.RemoveAll(EnvDir(g.StateDir, name))
}

// Reaped is what a reap did with one expired environment.
type Reaped struct {
	Env
	// Removed is set once the environment is destroyed and removed; Left and Error say what
	// stopped it otherwise.
	Removed bool     `json:"removed"`
	Left    []string `json:"left,omitempty"`
	Error   string   `json:"error,omitempty"`
}

// Reap destroys every environment whose time to live has run out at now (with dryRun, only
// lists them). Environments whose stack file does not read are reported as errors and left.
func (g *Engine) Reap(ctx context.Context, now time.Time, dryRun bool) ([]Reaped, error) {
	var out []Reaped
	var errs []error
	for _, name := range Names(g.StateDir) {
		e, _, err := Guard(g.ProjectDir, g.StateDir, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !e.Expired(now) {
			continue
		}
		r := Reaped{Env: *e}
		if !dryRun {
			g.progress("environment %s expired at %s: destroying", e.Name, e.Expires.Format(time.RFC3339))
			left, err := g.Destroy(ctx, name)
			r.Removed, r.Left = err == nil, left
			if err != nil {
				r.Error = err.Error()
				errs = append(errs, fmt.Errorf("environment %s: %w", name, err))
			}
		}
		out = append(out, r)
		if ctx.Err() != nil {
			break
		}
	}
	return out, errors.Join(errs...)
}

// Activity is what an environment's backend says of it.
type Activity struct {
	// Resources counts the resources in its state (0 when the stack is not in the backend).
	Resources int `json:"resources"`
	// LastUpdate is when its last operation ended (or started, while it runs); nil: none.
	LastUpdate *time.Time `json:"lastUpdate,omitempty"`
	// LastResult is the last operation's kind and result ("update succeeded"), or "none".
	LastResult string `json:"lastResult"`
}

// Activity reads an environment's state and last operation from its backend (no cloud is
// reached).
func (g *Engine) Activity(ctx context.Context, e *Env) (Activity, error) {
	opts := g.Base
	opts.Stack, opts.Cloud, opts.ProjectDir, opts.StateDir = e.Name, e.Cloud, e.ProjectDir, g.StateDir
	st, err := infra.Open(ctx, opts)
	if err != nil {
		return Activity{}, err
	}
	a := Activity{LastResult: "none"}
	urns, err := st.StateURNs(ctx)
	var missing *infra.StackNotFoundError
	if errors.As(err, &missing) {
		a.LastResult = "not in the backend"
		return a, nil
	}
	if err != nil {
		return a, err
	}
	a.Resources = len(urns)
	h, err := st.History(ctx, 1)
	if err != nil {
		return a, err
	}
	if len(h) > 0 {
		t := h[0].Start
		if h[0].End != nil {
			t = *h[0].End
		}
		a.LastUpdate = &t
		a.LastResult = strings.TrimSpace(h[0].Kind + " " + h[0].Result)
	}
	return a, nil
}
