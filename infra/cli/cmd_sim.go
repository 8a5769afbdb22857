package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/cds-snc/notification-pulumi/infra"
)

// SimServeOptions are `notifyctl sim serve`'s flags: Common's Stack, JSON, ProjectDir, StateDir
// and LatencyFactor.
type SimServeOptions struct{ Common }

// worldSyncInterval is how often a served world looks for changes other processes (notifyctl's
// runs, a console edit) wrote into the world file.
var worldSyncInterval = time.Second

// newSimCmd is `notifyctl sim` and its subcommand.
func newSimCmd(d *Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sim <command>",
		Short: "The simulated AWS on its own, for the plain Pulumi CLI",
		Long: `The simulated AWS (the world of --cloud sim) outside notifyctl's own runs: sim serve starts it for
a stack and prints the environment that makes the plain Pulumi CLI (pulumi preview, up, refresh,
destroy) use it, with the same local backend and world notifyctl uses.`,
		GroupID: groupStack,
	}
	cmd.AddCommand(newSimServeCmd(d))
	return cmd
}

// newSimServeCmd is `notifyctl sim serve`.
func newSimServeCmd(d *Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve --stack <name> [--latency-factor f]",
		Short: "Serve the stack's simulated world and print the environment the plain Pulumi CLI needs",
		Long: `Start the simulated AWS for the stack, in the world notifyctl's --cloud sim runs keep in the state
folder, and serve it until Ctrl-C or SIGTERM (then the world is saved and the providers stop).

Stdout gets the environment that makes the plain Pulumi CLI use it, as export lines a shell's
eval accepts (--json: one object): the local backend notifyctl uses (so notifyctl outputs sees
what pulumi up did), the rehearsal passphrase (unless PULUMI_CONFIG_PASSPHRASE is set),
PULUMI_DEBUG_PROVIDERS (the simulated providers' ports, new at every start), PULUMI_HOME, no
update check, checkpoints saved once per operation as notifyctl's rehearsals do, PATH with the
CLI and the Go language host first, and NOTIFYCTL_SIM_CWD: the project folder to run in
(pulumi --cwd). That folder, under the state folder, has a Pulumi.yaml whose main is the
repository and a copy of the stack file, so the engine never writes the repository's stack file
(a passphrase provider records its salt there); the salt is kept across runs. Progress and
instructions go to stderr.

The plain CLI has no image step (docs/images.md): the served world stands in for CI and fills
each of the stack's ECR repositories with the release images as it is created. Stateful
resources are protected outside short-lived stacks: pulumi state unprotect --all before pulumi
destroy.`,
		Example: `  notifyctl sim serve --stack dev --latency-factor 0 > .state/sim-dev.env &
  eval "$(cat .state/sim-dev.env)"
  pulumi up -s dev --cwd "$NOTIFYCTL_SIM_CWD" --yes`,
	}
	fs := newFlagSet(cmd, d)
	f := cmd.Flags()
	f.StringVar(&fs.common.StateDir, "state-dir", "", "local state folder: workspaces, the local backend and the simulated cloud (default <project>/.state)")
	f.Float64Var(&fs.latency, "latency-factor", DefaultLatencyFactor, "1 is real AWS time, 0 instant")
	complete(cmd, "state-dir", completeDirs)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		common, err := fs.parse(args, d)
		if err != nil {
			return err
		}
		common.Cloud, common.LatencyFactor = infra.CloudSim, fs.latency
		if !(fs.latency >= 0 && fs.latency <= maxLatencyFactor) {
			common.refuse(&UsageError{Msg: fmt.Sprintf("--latency-factor %g: want 0 (instant) to %g (1 is real AWS time)", fs.latency, float64(maxLatencyFactor))})
		}
		return SimServe(c.Context(), d, SimServeOptions{Common: *common})
	}
	return cmd
}

// SimServe validates the stack, prepares the plain CLI's project folder, starts the simulated
// world, prints the environment and serves until ctx ends.
func SimServe(ctx context.Context, d *Deps, o SimServeOptions) error {
	if v, _ := d.LookupEnv("NOTIFYCTL_BACKEND"); v != "" {
		o.Backend = v
	}
	if v, _ := d.LookupEnv("NOTIFYCTL_SECRETS_PROVIDER"); v != "" && v != infra.PassphraseProvider {
		o.refuse(&UsageError{Msg: fmt.Sprintf("NOTIFYCTL_SECRETS_PROVIDER %q: sim serve keeps the rehearsal's secrets with the passphrase provider: unset it or set passphrase", v)})
	}
	opts := o.options(d)
	f, err := d.Check(opts)
	if err = o.refused(err); err != nil {
		return err
	}
	if f == nil {
		return fmt.Errorf("stack %s: no stack file was read", o.Stack)
	}
	stateDir := o.StateDir
	if stateDir == "" {
		stateDir = filepath.Join(f.ProjectDir, ".state")
	}
	if stateDir, err = filepath.Abs(stateDir); err != nil {
		return err
	}
	o.StateDir = stateDir
	if o.Backend == "" {
		o.Backend = "file://" + filepath.ToSlash(filepath.Join(stateDir, "backend"))
	}
	env, warnings, err := cliEnv(d, o, f)
	if err != nil {
		return err
	}
	world := o.simStateFile()
	simOpts := SimOptions(f, o.LatencyFactor, world)
	// The plain CLI has no image step: the world pushes the release images into the stack's
	// repositories as they are created, as CI does on AWS (docs/images.md).
	simOpts.PushReleaseImages = true
	sim, err := d.StartSim(ctx, simOpts)
	if err != nil {
		return fmt.Errorf("start the simulated cloud: %w", err)
	}
	for k, v := range sim.Env() {
		env.Env[k] = v
	}
	env.World = world
	if o.JSON {
		err = writeJSON(d.Stdout, env)
	} else {
		err = writeExports(d.Stdout, env)
	}
	if err != nil {
		return errors.Join(err, sim.Close())
	}
	for _, w := range warnings {
		fmt.Fprintf(d.Stderr, "warning: %s\n", w)
	}
	writeServeHelp(d, o, env)
	stopSync := watchWorld(world, sim, worldSyncInterval)
	<-ctx.Done()
	stopSync()
	fmt.Fprintf(d.Stderr, "stopping: saving the world to %s\n", world)
	if err := sim.Close(); err != nil {
		return fmt.Errorf("save the simulated world: %w", err)
	}
	fmt.Fprintf(d.Stderr, "stopped: the world of %s is saved; the next sim serve prints new ports\n", o.Stack)
	return nil
}

// writeServeHelp tells, on stderr, how to use the environment just printed.
func writeServeHelp(d *Deps, o SimServeOptions, env *SimEnv) {
	w := d.Stderr
	fmt.Fprintf(w, "serving the simulated AWS of %s (latency factor %g), world %s\n", o.Stack, o.LatencyFactor, env.World)
	fmt.Fprintf(w, "in another shell, with the lines above on stdout evaluated (eval \"$(cat <file>)\"):\n")
	for _, op := range []string{"preview", "up", "refresh", "destroy"} {
		fmt.Fprintf(w, "  pulumi %s -s %s --cwd \"$NOTIFYCTL_SIM_CWD\"\n", op, o.Stack)
	}
	fmt.Fprintf(w, "notifyctl outputs --stack %s sees what they did; Ctrl-C stops serving (the world is saved)\n", o.Stack)
}

// watchWorld takes in what other processes write into the world file (notifyctl's runs, an edit)
// while the world is served: a served world otherwise keeps what it read at its start until it
// next writes. It returns the function that stops watching.
func watchWorld(file string, sim Sim, every time.Duration) func() {
	syncer, ok := sim.(interface{ Sync() error })
	if !ok {
		return func() {}
	}
	stamp := func() (time.Time, int64) {
		st, err := os.Stat(file)
		if err != nil {
			return time.Time{}, -1
		}
		return st.ModTime(), st.Size()
	}
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		seenT, seenN := stamp()
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if t, n := stamp(); t.Equal(seenT) && n == seenN {
					continue
				}
				_ = syncer.Sync()
				seenT, seenN = stamp()
			}
		}
	}()
	return func() { close(done); <-stopped }
}
