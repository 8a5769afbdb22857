// Package cli is notifyctl, the operations tool of GC Notify's Pulumi stacks: preview, up,
// refresh, destroy, orphans and outputs over the infra library, and render and estimate (the
// resource graph without any cloud). The commands are a cobra tree (root.go, one cmd_<name>.go
// per command); cmd/notifyctl's main only calls Main and exits with its code.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"golang.org/x/term"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/render"
)

// Main runs notifyctl with the process's arguments, streams, terminal and signals.
func Main() int {
	defer useOwnTempDir()()
	defer startProfile(os.LookupEnv, os.Stderr)()
	interrupts := make(chan struct{}, 2)
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	go func() {
		for range sig {
			interrupts <- struct{}{}
		}
	}()
	d := DefaultDeps()
	d.Interrupts = interrupts
	return Execute(context.Background(), os.Args[1:], d)
}

// DefaultDeps are the real dependencies: the process's streams and terminal, the infra library
// and the simulated cloud. Interrupts is left nil.
func DefaultDeps() *Deps {
	return &Deps{
		Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin,
		StdinTerminal:  term.IsTerminal(int(os.Stdin.Fd())),
		StderrTerminal: term.IsTerminal(int(os.Stderr.Fd())) && os.Getenv("TERM") != "dumb",
		Width: func() int {
			w, _, err := term.GetSize(int(os.Stderr.Fd()))
			if err != nil {
				return 0
			}
			return w
		},
		Now:          time.Now,
		LookupEnv:    os.LookupEnv,
		Getwd:        os.Getwd,
		Check:        infra.Inspect,
		RequireStack: infra.RequireStack,
		Open: func(ctx context.Context, o infra.Options) (Runner, error) {
			s, err := infra.Open(ctx, o)
			if err != nil {
				return nil, err
			}
			return s, nil
		},
		StartSim: func(ctx context.Context, o cloudsim.Options) (Sim, error) {
			if err := os.MkdirAll(filepath.Dir(o.StateFile), 0o700); err != nil {
				return nil, err
			}
			return cloudsim.Start(ctx, o)
		},
		Render: render.Render,
	}
}

// secondInterruptGrace is how long notifyctl waits after a second Ctrl-C: the engine is killed
// 2 s after it (infra.Command.Interrupt), then what the state records is checked.
var secondInterruptGrace = 20 * time.Second

// Execute runs one notifyctl command line and returns its exit code. The first interrupt cancels
// the operation gracefully (the engine finishes in-flight steps and saves state); a second one
// stops the engine at once and returns.
func Execute(ctx context.Context, args []string, d *Deps) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := &watchedWriter{w: d.Stdout}
	d.Stdout = out
	defer func() { d.Stdout = out.w }()
	exit := func(err error) int { return finish(d, err, wantsJSON(args) && !out.written) }
	done := make(chan error, 1)
	go func() { done <- dispatch(ctx, args, d) }()
	interrupts := 0
	for {
		select {
		case err := <-done:
			return exit(err)
		case <-d.Interrupts:
			interrupts++
			if interrupts == 1 {
				fmt.Fprintln(d.Stderr, "\ninterrupted: cancelling; in-flight steps finish and the state is saved (Ctrl-C again to stop now)")
				cancel()
				continue
			}
			fmt.Fprintln(d.Stderr, "\ninterrupted again: stopping the engine now; the state will not record what this run did: run `notifyctl orphans --adopt` with the same --stack and --cloud next")
			if r := d.running.Load(); r != nil {
				(*r).Interrupt()
			}
			if fn := d.secondInterrupt.Load(); fn != nil {
				(*fn)()
			}
			select {
			case err := <-done:
				return exit(err)
			case <-time.After(secondInterruptGrace):
				return ExitCancelled
			}
		}
	}
}

// finish reports err on stderr and returns its exit code; with jsonError (--json was asked for
// and nothing was printed yet) it also prints the error as JSON on stdout, so a machine reading
// stdout always gets one JSON object.
func finish(d *Deps, err error, jsonError bool) int {
	code := ExitCode(err)
	if err != nil && jsonError {
		_ = writeJSON(d.Stdout, jsonResult(nil, err))
	}
	if err != nil {
		fmt.Fprintf(d.Stderr, "notifyctl: %v\n", err)
		var protected *infra.ProtectedResourcesError
		if code == ExitUsage && !errors.As(err, &protected) {
			fmt.Fprintln(d.Stderr, "run notifyctl help for the commands, notifyctl help <command> for their flags")
		}
	}
	return code
}

// wantsJSON reports whether the command line asks for --json (before a bare "--").
func wantsJSON(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "--json", "-json", "--json=true", "-json=true":
			return true
		}
	}
	return false
}

// watchedWriter remembers whether anything was written.
type watchedWriter struct {
	w       io.Writer
	written bool
}

func (w *watchedWriter) Write(p []byte) (int, error) {
	w.written = w.written || len(p) > 0
	return w.w.Write(p)
}

// dispatch runs a command line on notifyctl's command tree.
func dispatch(ctx context.Context, args []string, d *Deps) error {
	return run(ctx, newRootCmd(d), args)
}
