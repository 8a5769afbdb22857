package tests

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/cli"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
)

// notifyctlRunner runs notifyctl in-process against one state folder; interrupts, when given,
// deliver Ctrl-C.
type notifyctlRunner struct {
	t     *testing.T
	state string
	// faults are injected into the simulated cloud of the next run only.
	faults []cloudsim.Fault
	// env is the environment notifyctl sees (nothing else of the test's), so tests that change
	// it stay parallel.
	env map[string]string
	// now is notifyctl's clock (nil: the real one).
	now func() time.Time
}

func (n *notifyctlRunner) run(interrupts <-chan struct{}, stderrLine func(string), args ...string) (int, string, string) {
	var stdout bytes.Buffer
	stderr := &lineWriter{on: stderrLine}
	d := cli.DefaultDeps()
	d.Stdout, d.Stderr, d.Stdin = &stdout, stderr, strings.NewReader("")
	d.StdinTerminal, d.StderrTerminal = false, false
	d.Getwd = func() (string, error) { return repoRoot(n.t), nil }
	d.LookupEnv = func(k string) (string, bool) { v, ok := n.env[k]; return v, ok }
	d.Interrupts = interrupts
	if n.now != nil {
		d.Now = n.now
	}
	faults := n.faults
	n.faults = nil
	d.StartSim = func(ctx context.Context, o cloudsim.Options) (cli.Sim, error) {
		o.Faults = faults
		return cloudsim.Start(ctx, o)
	}
	code := cli.Execute(context.Background(), append(args, "--state-dir", n.state), d)
	return code, stdout.String(), stderr.String()
}

// lineWriter collects what is written and calls on with each line as it arrives.
type lineWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
	on  func(string)
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if w.on != nil {
		for _, l := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
			w.on(l)
		}
	}
	return len(p), nil
}

func (w *lineWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// notifyctlIn runs notifyctl in-process against one state folder, as an operator runs it: each
// command its own run, the simulated world persisted in the state folder between them. env is
// the process environment notifyctl sees (nil: empty).
func notifyctlIn(t *testing.T, state string, env map[string]string) func(args ...string) (int, string, string) {
	n := &notifyctlRunner{t: t, state: state, env: env}
	return func(args ...string) (int, string, string) { return n.run(nil, nil, args...) }
}

// editWorld makes a console edit in a persisted world: the world is opened, edited and saved,
// as another process (the AWS console) would change AWS between two notifyctl runs.
func editWorld(t *testing.T, world, typ, urnSuffix, key string, value any) []string {
	t.Helper()
	sim, err := cloudsim.Start(context.Background(), cloudsim.Options{StateFile: world})
	require.NoError(t, err)
	urns := sim.Edit(typ, urnSuffix, key, value)
	require.NoError(t, sim.Close())
	return urns
}
