package cli

import (
	"context"
	"io"
	"sync/atomic"
	"time"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/render"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// Runner is what the engine subcommands need of a stack; *infra.Stack implements it.
type Runner interface {
	Preview(ctx context.Context, o infra.RunOptions) (*infra.Result, error)
	Up(ctx context.Context, o infra.RunOptions) (*infra.Result, error)
	Refresh(ctx context.Context, o infra.RunOptions) (*infra.Result, error)
	Destroy(ctx context.Context, o infra.RunOptions) (*infra.Result, error)
	Outputs(ctx context.Context) (map[string]infra.Output, error)
	History(ctx context.Context, limit int) ([]infra.Update, error)
	Interrupt()
}

// Sim is a running simulated cloud.
type Sim interface {
	Env() map[string]string
	// RegistryRef maps an ECR image reference to the simulated registry's.
	RegistryRef(ecrRef string) (string, error)
	Close() error
}

// Deps are notifyctl's dependencies, injected so every subcommand runs in tests without a
// terminal, an engine or a cloud.
type Deps struct {
	Stdout, Stderr io.Writer
	// Stdin answers the confirmation prompt.
	Stdin io.Reader
	// StdinTerminal and StderrTerminal say whether those streams are terminals: up and destroy
	// refuse to run unattended without --yes; the live view needs a terminal on stderr.
	StdinTerminal, StderrTerminal bool
	// Width is the terminal's width in columns (0: unknown).
	Width func() int
	// Now is the clock.
	Now func() time.Time
	// Sleep waits for a duration or until the context ends (nil: a real timer); a run waiting
	// for a stack's lock sleeps between tries.
	Sleep func(context.Context, time.Duration) error
	// LookupEnv reads the environment.
	LookupEnv func(string) (string, bool)
	// Getwd is the working directory (the project folder is found from it).
	Getwd func() (string, error)
	// Check validates options (name, configuration, credentials) without touching anything.
	Check func(infra.Options) (*stackfile.File, error)
	// RequireStack refuses a stack its backend does not hold, without writing anything (nil:
	// the engine finds out). Refresh, destroy and outputs call it before anything is created.
	RequireStack func(infra.Options) error
	// Open is the workspace factory.
	Open func(context.Context, infra.Options) (Runner, error)
	// StartSim starts the simulated cloud.
	StartSim func(ctx context.Context, o cloudsim.Options) (Sim, error)
	// Render renders a stack's resource graph.
	Render func(context.Context, render.Options) (*render.Graph, error)
	// Interrupts delivers Ctrl-C (nil: never).
	Interrupts <-chan struct{}

	running atomic.Pointer[Runner] // the stack being operated, for a second interrupt
	// secondInterrupt is what a second interrupt stops besides the running stack (a drill's
	// teardown).
	secondInterrupt atomic.Pointer[func()]
}

// onSecondInterrupt sets (nil: clears) what a second interrupt stops besides the running stack.
func (d *Deps) onSecondInterrupt(fn func()) {
	if fn == nil {
		d.secondInterrupt.Store(nil)
		return
	}
	d.secondInterrupt.Store(&fn)
}
