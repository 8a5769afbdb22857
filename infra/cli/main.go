// Package cli is notifyctl, the operations tool of GC Notify's Pulumi stacks: preview, up,
// refresh, destroy and outputs over the infra library, and render (the resource graph without
// any cloud). cmd/notifyctl's main only calls Main and exits with its code.
package cli

import (
	"context"
	"errors"
	"flag"
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
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

const usage = `notifyctl operates GC Notify's Pulumi stacks.

usage: notifyctl <command> --stack <name> [flags]

commands:
  preview   show what up would change            (--cloud sim|aws, default sim; --expect-no-changes)
  up        preview, confirm, deploy, print outputs (--cloud required; --yes when unattended)
  refresh   reconcile the state with the cloud    (--cloud required)
  destroy   delete every resource of the stack    (--cloud required; --yes when unattended; --unprotect, sim only)
  orphans   what the cloud holds that the state does not, and the reverse (--adopt or --delete reconciles)
  outputs   print the stack outputs               (--cloud sim|aws, default sim)
  render    the resource graph, offline, in seconds (no cloud, engine or credentials)
  estimate  a from-scratch rebuild's predicted time and critical path, against today's staged order (offline)

Run notifyctl <command> -h for a command's flags. Exit codes: 0 ok, 1 failure, 2 usage,
3 changes present, 4 concurrent update, 5 cancelled, 6 resource failure, 7 invalid
configuration, 8 missing credentials, 9 stack not found, 10 unfinished operation (run orphans --adopt).
`

// Main runs notifyctl with the process's arguments, streams, terminal and signals.
func Main() int {
	defer useOwnTempDir()()
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
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	code := ExitCode(err)
	if err != nil && jsonError {
		_ = writeJSON(d.Stdout, jsonResult(nil, err))
	}
	if err != nil {
		fmt.Fprintf(d.Stderr, "notifyctl: %v\n", err)
		var protected *infra.ProtectedResourcesError
		if code == ExitUsage && !errors.As(err, &protected) {
			fmt.Fprintln(d.Stderr, "run notifyctl help for the commands, notifyctl <command> -h for their flags")
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

func dispatch(ctx context.Context, args []string, d *Deps) error {
	if len(args) == 0 {
		fmt.Fprint(d.Stderr, usage)
		return &UsageError{Msg: "no command given"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "help", "-h", "--help":
		fmt.Fprint(d.Stdout, usage)
		return nil
	case "preview":
		fs := newFlagSet(cmd, "Show what up would change. Nothing is changed.", d.Stderr)
		fs.engineFlags(false)
		o := PreviewOptions{}
		fs.BoolVar(&o.ExpectNoChanges, "expect-no-changes", false, "exit with code 3 when there are changes")
		refresh := fs.String("refresh", "auto", "read the cloud first so changes made outside the program show: true, false, or auto (true with --expect-no-changes)")
		c, err := fs.parse(rest, d)
		if err != nil {
			return err
		}
		switch *refresh {
		case "true", "auto":
			o.Refresh = *refresh == "true" || o.ExpectNoChanges
		case "false":
		default:
			return &UsageError{Msg: fmt.Sprintf("--refresh: got %q, want true, false or auto", *refresh)}
		}
		o.Common = *c
		return Preview(ctx, d, o)
	case "up":
		fs := newFlagSet(cmd, "Preview, confirm, deploy, then print the stack outputs.", d.Stderr)
		fs.engineFlags(true)
		o := UpOptions{}
		fs.BoolVar(&o.Yes, "yes", false, "apply without asking (required when stdin is not a terminal)")
		c, err := fs.parse(rest, d)
		if err != nil {
			return err
		}
		o.Common = *c
		return Up(ctx, d, o)
	case "refresh":
		fs := newFlagSet(cmd, "Reconcile the stack's state with what exists in the cloud.", d.Stderr)
		fs.engineFlags(true)
		o := RefreshOptions{}
		fs.BoolVar(&o.ExpectNoChanges, "expect-no-changes", false, "exit with code 3 when the cloud changed outside the program (drift); the state records it either way")
		c, err := fs.parse(rest, d)
		if err != nil {
			return err
		}
		o.Common = *c
		return Refresh(ctx, d, o)
	case "destroy":
		fs := newFlagSet(cmd, "Delete every resource of the stack (the empty stack stays).", d.Stderr)
		fs.engineFlags(true)
		o := DestroyOptions{}
		fs.BoolVar(&o.Yes, "yes", false, "destroy without asking (required when stdin is not a terminal)")
		fs.BoolVar(&o.Unprotect, "unprotect", false, "lift resource protection first (--cloud sim only: tearing down a rehearsal)")
		c, err := fs.parse(rest, d)
		if err != nil {
			return err
		}
		o.Common = *c
		return Destroy(ctx, d, o)
	case "orphans":
		fs := newFlagSet(cmd, "List resources the cloud holds that the state does not (and the reverse); --adopt or --delete reconciles them.", d.Stderr)
		fs.engineFlags(true)
		o := OrphansOptions{}
		fs.BoolVar(&o.Adopt, "adopt", false, "bring the cloud's resources into the state (the recovery after an interrupted operation)")
		fs.BoolVar(&o.Delete, "delete", false, "delete the cloud's resources the state does not know")
		fs.BoolVar(&o.Yes, "yes", false, "reconcile without asking (required when stdin is not a terminal)")
		c, err := fs.parse(rest, d)
		if err != nil {
			return err
		}
		o.Common = *c
		return Orphans(ctx, d, o)
	case "outputs":
		fs := newFlagSet(cmd, "Print the stack outputs.", d.Stderr)
		fs.engineFlags(false)
		c, err := fs.parse(rest, d)
		if err != nil {
			return err
		}
		return Outputs(ctx, d, OutputsOptions{Common: *c})
	case "estimate":
		return offline(ctx, d, cmd, "Predict a from-scratch rebuild offline: its critical path, and today's staged order for comparison.", rest, Estimate)
	case "render":
		return offline(ctx, d, cmd, "Print the stack's whole resource graph without any cloud, engine or credentials.", rest, Render)
	}
	return &UsageError{Msg: fmt.Sprintf("unknown command %q: want preview, up, refresh, destroy, orphans, outputs, render or estimate", cmd)}
}

// offline parses the flags of a command that needs no cloud (render, estimate) and runs it.
func offline(ctx context.Context, d *Deps, cmd, summary string, rest []string, run func(context.Context, *Deps, RenderOptions) error) error {
	fs := newFlagSet(cmd, summary, d.Stderr)
	c, err := fs.parse(rest, d)
	if err != nil {
		return err
	}
	if len(c.refusals) > 0 {
		_, err := stackfile.Load(c.ProjectDir, c.Stack)
		return c.refused(err)
	}
	return run(ctx, d, RenderOptions{Stack: c.Stack, ProjectDir: c.ProjectDir, JSON: c.JSON})
}

// RenderOptions are the flags of `notifyctl render` and `notifyctl estimate`.
type RenderOptions struct {
	Stack, ProjectDir string
	// JSON prints the documented JSON contract instead of the summary table.
	JSON bool
}

// Render prints a stack's resource graph.
func Render(ctx context.Context, d *Deps, o RenderOptions) error {
	g, err := d.Render(ctx, render.Options{Stack: o.Stack, ProjectDir: o.ProjectDir})
	if err != nil {
		return err
	}
	var w io.Writer = d.Stdout
	if o.JSON {
		return render.WriteJSON(w, g)
	}
	return render.WriteTable(w, g)
}
