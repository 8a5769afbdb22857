package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/drill"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// DrillOptions are `notifyctl drill`'s flags. Common.Stack is the source environment (--from).
type DrillOptions struct {
	Common
	Name, Environment, Account, Domain string
	// Set are key=value overrides of the drill's configuration.
	Set                        []string
	AllowOccupiedAccount, Keep bool
	Parallel                   int
	Timeout                    time.Duration
}

// newDrillCmd is `notifyctl drill` and its subcommands.
func newDrillCmd(d *Deps) *cobra.Command {
	var o DrillOptions
	cmd := &cobra.Command{
		Use:   "drill --from <env> --cloud sim|aws [flags]",
		Short: "Rebuild an environment from scratch into a new stack, timed, then tear it down",
		Long: `The BCP rebuild drill: a brand-new stack whose configuration is the source environment's,
rebuilt into an empty account (--account, --domain; a rehearsal derives both), deployed, verified and
torn down, every phase timed: bootstrap, preview, the registry images, deploy, verify, teardown.

The report (report.md, report.json, gantt.svg, gantt.png in <state>/drills/<name>/) says where the
time went: the critical path through the real dependency graph with the measured durations, the
10 slowest resources, the waits (queueing behind the parallelism limit as its own line), the
parallelism achieved against what the graph allowed, the recovery time against
drill.rtoMinutes, the manual steps a rebuild cannot skip, and the trend of earlier drills.

A failed, timed-out or cancelled drill still writes its report and tears down what it created
(unless --keep); Ctrl-C once cancels the deployment and tears down, twice stops the teardown too:
` + "`notifyctl drill cleanup --name <name>`" + ` finishes it. The drill refuses the names of the long-lived
stacks and of the repository's stack files, and an account that runs an environment (unless
--allow-occupied-account): it never operates dev, staging or production.`,
		Example: `  notifyctl drill --from dev --cloud sim --latency-factor 0.1
  notifyctl drill --from production --cloud aws --account 123456789012 --domain bcp.notification.cdssandbox.xyz \
    --backend s3://bcp-state --secrets-provider awskms://alias/bcp-state?region=ca-central-1
  notifyctl drill history
  notifyctl drill cleanup --name bcp-20261201-0930`,
		GroupID:                    groupStack,
		SuggestionsMinimumDistance: 2,
	}
	fs := &flagSet{cmd: cmd, common: &Common{}}
	f := cmd.Flags()
	f.SortFlags = false
	f.StringVar(&fs.common.Stack, "from", "", "the environment to rebuild: a stack with a file in the project (required)")
	f.StringVar(&o.Name, "name", "", "the drill's stack name (default bcp-<yyyymmdd-hhmm>)")
	f.StringVar(&o.Environment, "environment", "", "the environment name its resources carry (default: from the name, at most 10 characters)")
	f.StringVar(&o.Account, "account", "", "the 12-digit account to rebuild into, empty (required with --cloud aws; a rehearsal derives one)")
	f.StringVar(&o.Domain, "domain", "", "the domain the rebuilt environment answers on; its zone is created (required with --cloud aws)")
	f.StringArrayVar(&o.Set, "set", nil, "override a configuration key of the drill: key=value (YAML value; nested keys with dots, e.g. eks.desiredSize=2); repeatable")
	f.BoolVar(&o.AllowOccupiedAccount, "allow-occupied-account", false, "rebuild into an account that already runs an environment (deliberately)")
	f.BoolVar(&o.Keep, "keep", false, "leave the drill's stack and resources in place (drill cleanup removes them later)")
	f.IntVar(&o.Parallel, "parallel", 0, "resource operations the engine runs at once (default: notifyctl's choice for up and destroy, 256)")
	f.DurationVar(&o.Timeout, "timeout", 0, "cancel a deployment that runs longer, and end the drill as timed out (default: none)")
	f.BoolVar(&fs.common.JSON, "json", false, "print the report as JSON on stdout")
	f.StringVar(&fs.common.ProjectDir, "project-dir", "", "folder holding Pulumi.yaml (default: found from the working directory)")
	complete(cmd, "from", completeStacks(d))
	complete(cmd, "project-dir", completeDirs)
	fs.engineFlags(true)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if len(args) > 0 {
			msg := fmt.Sprintf("unknown command %q for %s", args[0], c.CommandPath())
			if s := c.SuggestionsFor(args[0]); len(s) > 0 {
				msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(s, " or "))
			}
			return &UsageError{Msg: msg + ": want history, cleanup, or flags (--from ...)"}
		}
		if fs.common.Stack == "" {
			return &UsageError{Msg: "--from is required: the environment to rebuild (e.g. --from dev)"}
		}
		common, err := fs.parse(args, d)
		if err != nil {
			return err
		}
		o.Common = *common
		return Drill(c.Context(), d, o)
	}
	cmd.AddCommand(newDrillHistoryCmd(d), newDrillCleanupCmd(d))
	return cmd
}

// overrides reads --set key=value flags (a drill's or an environment's configuration overrides)
// and checks --parallel, adding what is wrong to problems.
func overrides(sets []string, parallel int, problems []string) (map[string]string, []string) {
	set := map[string]string{}
	for _, kv := range sets {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			problems = append(problems, fmt.Sprintf("--set %q: want key=value, e.g. eks.desiredSize=2", kv))
			continue
		}
		set[k] = v
	}
	if parallel < 0 {
		problems = append(problems, fmt.Sprintf("--parallel %d: want 1 or more (0: notifyctl's choice)", parallel))
	}
	return set, problems
}

// Drill runs the rebuild drill and prints its summary (or the report as JSON).
func Drill(ctx context.Context, d *Deps, o DrillOptions) error {
	set, problems := overrides(o.Set, o.Parallel, nil)
	if o.Timeout < 0 {
		problems = append(problems, fmt.Sprintf("--timeout %s: want a positive duration such as 2h", o.Timeout))
	}
	if len(o.refusals) > 0 || len(problems) > 0 {
		return &UsageError{Msg: strings.Join(append(o.refusals, problems...), "\n")}
	}
	if o.Cloud == infra.CloudAWS {
		if err := infra.CheckAWSCredentials(d.LookupEnv); err != nil {
			return err
		}
	}
	stateDir := drillStateDir(o.Common)
	cliPath, err := infra.FindCLI(o.ProjectDir)
	if err != nil {
		return &infra.OptionsError{Problems: []string{err.Error()}}
	}
	abort := make(chan struct{})
	var once sync.Once
	d.onSecondInterrupt(func() { once.Do(func() { close(abort) }) })
	defer d.onSecondInterrupt(nil)
	// The live view of the deployment starts with its first step; phase lines are printed above it.
	view := &lazyProgress{d: d, title: "drill " + o.Stack}
	opts := drill.Options{From: o.Stack, Name: o.Name, Environment: o.Environment, Cloud: o.Cloud, Account: o.Account,
		Domain: o.Domain, Set: set, AllowOccupiedAccount: o.AllowOccupiedAccount, Keep: o.Keep, LatencyFactor: o.LatencyFactor,
		Parallel: o.Parallel, DeployTimeout: o.Timeout, ProjectDir: o.ProjectDir, StateDir: stateDir,
		Base:    infra.Options{Backend: o.Backend, SecretsProvider: o.SecretsProvider, CLI: cliPath, LookupEnv: d.LookupEnv, Now: d.Now},
		Connect: d.drillCloud(o.Cloud, o.LatencyFactor, stateDir), Abort: abort, Now: d.Now,
		Progress: func(s string) { view.phase("drill: " + s) },
		Observer: view.observe,
	}
	if o.Cloud == infra.CloudSim {
		opts.LatencyFactor = o.LatencyFactor
		opts.Occupant = drill.SimOccupant(stateDir)
	} else {
		opts.LatencyFactor = 0
	}
	rep, err := drill.Run(ctx, opts)
	view.close()
	var refused *drill.RefusedError
	if errors.As(err, &refused) {
		return &UsageError{Msg: refused.Error()}
	}
	if rep == nil {
		return err
	}
	if o.JSON {
		if werr := writeJSON(d.Stdout, rep); werr != nil && err == nil {
			err = werr
		}
	} else {
		writeDrillSummary(d.Stdout, rep, drill.Dir(stateDir, rep.Name))
	}
	if err != nil && rep.Status == drill.StatusCancelled {
		return &infra.CancelledError{Stack: rep.Name, Op: "drill", Err: err}
	}
	return err
}

// drillStateDir is the state folder (absolute).
func drillStateDir(c Common) string {
	dir := c.StateDir
	if dir == "" {
		dir = filepath.Join(c.ProjectDir, ".state")
	}
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

// drillCloud reaches the drill's cloud: the simulated one on the state folder's world (which the
// long-lived rehearsals share), or AWS.
func (d *Deps) drillCloud(cloud infra.Cloud, factor float64, stateDir string) func(context.Context, *stackfile.File) (drill.Cloud, error) {
	return func(ctx context.Context, f *stackfile.File) (drill.Cloud, error) {
		if cloud == infra.CloudAWS {
			return drill.AWSCloud{Config: f.Config}, nil
		}
		s, err := d.StartSim(ctx, SimOptions(f, factor, cloudsim.WorldFile(stateDir)))
		if err != nil {
			return nil, err
		}
		sim, ok := s.(*cloudsim.Sim)
		if !ok {
			_ = s.Close()
			return nil, fmt.Errorf("the drill needs the simulated cloud's world (got %T)", s)
		}
		return drill.SimCloud{Sim: sim}, nil
	}
}

func writeDrillSummary(w io.Writer, r *drill.Report, dir string) {
	fmt.Fprintf(w, "drill %s (%s from %s): %s in %s\n", r.Name, r.Cloud, r.From, strings.ToUpper(r.Status), infra.HMS(r.Seconds))
	if r.Error != "" {
		fmt.Fprintf(w, "  error: %s\n", firstLine(r.Error))
	}
	fmt.Fprintf(w, "  time to a verified environment: %s", infra.HMS(r.RecoverySeconds))
	if r.ProjectedAWSSeconds > 0 {
		fmt.Fprintf(w, " (projected on AWS: %s)", infra.HMS(r.ProjectedAWSSeconds))
	}
	met := "not met"
	if r.MetRTO {
		met = "met"
	}
	fmt.Fprintf(w, "; objective %d min: %s\n", r.RTOMinutes, met)
	if a := r.Deploy; a != nil {
		fmt.Fprintf(w, "  deploy %s against a critical path of %s: ratio %.3f; parallelism peak %d (the graph allowed %d)\n",
			infra.HMS(a.Seconds), infra.HMS(a.CriticalPathSeconds), a.Ratio, a.PeakParallel, a.AllowedPeak)
	}
	if r.EstimateSeconds > 0 {
		fmt.Fprintf(w, "  offline estimate of the same stack: %s (%+.1f%% against the measured deploy); today's staged order: %s\n",
			infra.HMS(r.EstimateSeconds), 100*r.EstimateError, infra.HMS(r.TodaySeconds))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  PHASE\tSTATUS\tTIME\tDETAIL")
	for _, p := range r.Phases {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", p.Name, p.Status, infra.HMS(p.Seconds), p.Detail)
	}
	_ = tw.Flush()
	for _, f := range r.Failures {
		fmt.Fprintf(w, "  %s %s: %s\n", f.Status, f.URN, firstLine(f.Error))
	}
	switch {
	case r.Kept:
		fmt.Fprintf(w, "  kept: notifyctl drill cleanup --name %s removes it\n", r.Name)
	case len(r.Leftovers) > 0:
		fmt.Fprintf(w, "  the teardown left %d resources: notifyctl drill cleanup --name %s\n", len(r.Leftovers), r.Name)
	default:
		fmt.Fprintln(w, "  nothing left: the state and the cloud hold nothing of the drill")
	}
	fmt.Fprintf(w, "  report: %s\n", filepath.Join(dir, "report.md"))
}

// newDrillHistoryCmd is `notifyctl drill history`.
func newDrillHistoryCmd(d *Deps) *cobra.Command {
	var jsonOut bool
	var projectDir, stateDir string
	cmd := &cobra.Command{
		Use:   "history",
		Short: "List the earlier drills: when, from which environment, result, recovery time, ratio",
		Args:  cobra.NoArgs,
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the history as JSON on stdout")
	cmd.Flags().StringVar(&projectDir, "project-dir", "", "folder holding Pulumi.yaml (default: found from the working directory)")
	cmd.Flags().StringVar(&stateDir, "state-dir", "", "local state folder (default <project>/.state)")
	cmd.RunE = func(c *cobra.Command, args []string) error {
		dir, err := d.stateDirOf(projectDir, stateDir)
		if err != nil {
			return err
		}
		h, err := drill.ReadHistory(dir)
		if err != nil {
			return err
		}
		if jsonOut {
			return writeJSON(d.Stdout, h)
		}
		if len(h) == 0 {
			fmt.Fprintln(d.Stdout, "no drill has run from this state folder yet")
			return nil
		}
		tw := tabwriter.NewWriter(d.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "STARTED\tDRILL\tFROM\tCLOUD\tSTATUS\tRECOVERY\tPROJECTED ON AWS\tDEPLOY/CRITICAL PATH\tRESOURCES\tRTO")
		for i := len(h) - 1; i >= 0; i-- {
			e := h[i]
			projected, rto := "-", "not met"
			if e.ProjectedAWSSeconds > 0 {
				projected = infra.HMS(e.ProjectedAWSSeconds)
			}
			if e.MetRTO {
				rto = "met"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.3f\t%d\t%d min %s\n", e.Start.UTC().Format("2006-01-02 15:04"), e.Name, e.From,
				e.Cloud, e.Status, infra.HMS(e.RecoverySeconds), projected, e.Ratio, e.Resources, e.RTOMinutes, rto)
		}
		return tw.Flush()
	}
	return cmd
}

// newDrillCleanupCmd is `notifyctl drill cleanup`.
func newDrillCleanupCmd(d *Deps) *cobra.Command {
	var name, projectDir, stateDir, backend, secrets string
	cmd := &cobra.Command{
		Use:   "cleanup --name <drill>",
		Short: "Finish a drill that was interrupted or kept: destroy it, prove nothing is left, remove its stack",
		Args:  cobra.NoArgs,
	}
	f := cmd.Flags()
	f.StringVar(&name, "name", "", "the drill's name (its folder under <state>/drills; required)")
	f.StringVar(&projectDir, "project-dir", "", "folder holding Pulumi.yaml (default: found from the working directory)")
	f.StringVar(&stateDir, "state-dir", "", "local state folder (default <project>/.state)")
	f.StringVar(&backend, "backend", "", "state backend the drill used (default $NOTIFYCTL_BACKEND, else the local folder for a rehearsal)")
	f.StringVar(&secrets, "secrets-provider", "", "secrets provider the drill used (default $NOTIFYCTL_SECRETS_PROVIDER, else passphrase)")
	cmd.RunE = func(c *cobra.Command, args []string) error {
		dir, err := d.stateDirOf(projectDir, stateDir)
		if err != nil {
			return err
		}
		if name == "" {
			return &UsageError{Msg: fmt.Sprintf("--name is required: one of the drills in %s: %s", filepath.Join(dir, "drills"), strings.Join(drill.List(dir), ", "))}
		}
		rec, err := drill.ReadRecord(dir, name)
		if err != nil {
			return &UsageError{Msg: err.Error()}
		}
		if rec.Cloud == infra.CloudAWS {
			if err := infra.CheckAWSCredentials(d.LookupEnv); err != nil {
				return err
			}
		}
		if backend == "" {
			backend, _ = d.LookupEnv("NOTIFYCTL_BACKEND")
		}
		if secrets == "" {
			secrets, _ = d.LookupEnv("NOTIFYCTL_SECRETS_PROVIDER")
		}
		cliPath, err := infra.FindCLI(filepath.Dir(dir))
		if err != nil {
			if cliPath, err = infra.FindCLI(projectDir); err != nil {
				return &infra.OptionsError{Problems: []string{err.Error()}}
			}
		}
		_, left, err := drill.Cleanup(c.Context(), drill.CleanupOptions{Name: name, StateDir: dir,
			Base:     infra.Options{Backend: backend, SecretsProvider: secrets, CLI: cliPath, LookupEnv: d.LookupEnv, Now: d.Now},
			Connect:  d.drillCloud(rec.Cloud, 0, dir),
			Progress: func(s string) { fmt.Fprintf(d.Stderr, "drill: %s\n", s) }})
		for _, l := range left {
			fmt.Fprintf(d.Stdout, "left: %s\n", l)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(d.Stdout, "drill %s: torn down; the state and the cloud hold nothing of it\n", name)
		return nil
	}
	return cmd
}

// stateDirOf is the state folder of a project (absolute).
func (d *Deps) stateDirOf(projectDir, stateDir string) (string, error) {
	if stateDir == "" {
		if projectDir == "" {
			wd, err := d.Getwd()
			if err != nil {
				return "", err
			}
			if projectDir, err = stackfile.FindProjectDir(wd); err != nil {
				return "", &UsageError{Msg: err.Error()}
			}
		}
		stateDir = filepath.Join(projectDir, ".state")
	}
	return filepath.Abs(stateDir)
}
