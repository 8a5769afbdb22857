package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/prcomment"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// PreviewOptions are `notifyctl preview`'s flags.
type PreviewOptions struct {
	Common
	// ExpectNoChanges fails with exit code 3 when the preview finds changes.
	ExpectNoChanges bool
	// Refresh reads the cloud first, so drift shows in the preview (on with ExpectNoChanges
	// unless --refresh=false).
	Refresh bool
}

// UpOptions are `notifyctl up`'s flags.
type UpOptions struct {
	Common
	// Yes applies without asking (required when stdin is not a terminal).
	Yes bool
	// Message is the update's subject in the backend's history; the commit, pull request and
	// actor are added from the environment (NOTIFYCTL_COMMIT, NOTIFYCTL_PULL_REQUEST,
	// GITHUB_SHA, GITHUB_REF, GITHUB_ACTOR).
	Message string
	// Guard is auto (production only), true or false: a guarded up refreshes first, refuses
	// replacing or deleting stateful resources that AllowFile does not allow, and asks for the
	// stack's name rather than yes.
	Guard string
	// AllowFile lists the reviewed replacements and deletions of stateful resources, by URN,
	// each with its reason (the preview's --allow-file format).
	AllowFile string
	// LockWait is how long to wait while another run holds the stack's lock (0: fail at once).
	LockWait time.Duration
}

// RefreshOptions are `notifyctl refresh`'s flags.
type RefreshOptions struct {
	Common
	// ExpectNoChanges fails with exit code 3 when the refresh finds drift.
	ExpectNoChanges bool
}

// DestroyOptions are `notifyctl destroy`'s flags.
type DestroyOptions struct {
	Common
	// Yes destroys without asking (required when stdin is not a terminal).
	Yes bool
	// Unprotect lifts resource protection first (simulated cloud only).
	Unprotect bool
}

// OutputsOptions are `notifyctl outputs`'s flags.
type OutputsOptions struct{ Common }

// DeclinedError is a confirmation answered with anything but what was asked for.
type DeclinedError struct{}

func (DeclinedError) Error() string { return "not confirmed: nothing was changed" }

// Preview shows what an up would change.
func Preview(ctx context.Context, d *Deps, o PreviewOptions) error {
	return d.withStack(ctx, o.Common, func(r Runner) error {
		p := d.newProgress("preview "+o.target(), 0)
		res, err := r.Preview(ctx, infra.RunOptions{Observer: p.observe, ExpectNoChanges: o.ExpectNoChanges, Refresh: o.Refresh})
		p.closeWith(res)
		return d.report(o.Common, res, err)
	})
}

// Up previews, asks for confirmation (unless --yes), deploys and prints the stack outputs.
func Up(ctx context.Context, d *Deps, o UpOptions) error {
	o.refuse(d.attended("up", o.Stack, o.Yes))
	guard, err := guarded(o.Guard, o.Stack)
	o.refuse(err)
	allow, err := readAllowances("--allow-file", o.AllowFile)
	o.refuse(err)
	if o.LockWait < 0 {
		o.refuse(&UsageError{Msg: fmt.Sprintf("--lock-wait: got %s, want 0 (fail at once) or a positive duration such as 10m", o.LockWait)})
	}
	return d.withStack(ctx, o.Common, func(r Runner) error {
		var plan *infra.Result
		var err error
		if guard {
			plan, err = d.guardedPlan(ctx, r, o, allow)
		} else {
			p := d.newProgress("preview "+o.target(), 0)
			plan, err = r.Preview(ctx, infra.RunOptions{Observer: p.observe})
			p.closeWith(plan)
		}
		if plan != nil && !o.JSON {
			writePlan(d.Stderr, plan)
		}
		if err != nil {
			return d.report(o.Common, plan, err)
		}
		if !o.Yes && plan.Changes() > 0 {
			question, want := fmt.Sprintf("Apply these %d changes to %s? Type yes to continue: ", plan.Changes(), o.target()), "yes"
			if guard {
				question, want = fmt.Sprintf("Apply these %d changes to %s? Type the stack's name to continue: ", plan.Changes(), o.target()), o.Stack
			}
			if err := d.confirm(question, want); err != nil {
				return err
			}
		}
		subject := o.Message
		if subject == "" {
			subject = "notifyctl up --stack " + o.Stack
		}
		info := infra.UpdateInfoFromEnv(d.LookupEnv, subject)
		run := infra.RunOptions{Message: info.Message(), Metadata: info.EngineEnv(runURL(d.LookupEnv))}
		p := d.newProgress("up "+o.target(), plan.Changes())
		run.Observer = p.observe
		res, err := d.lockWaiting(ctx, o.LockWait, "up", func() (*infra.Result, error) { return r.Up(ctx, run) })
		p.closeWith(res)
		return d.report(o.Common, res, err)
	})
}

// runURL is the GitHub Actions run's address ("" outside GitHub Actions).
func runURL(lookup func(string) (string, bool)) string {
	t, _ := prcomment.TargetFromEnv(lookup, prcomment.Target{})
	return t.RunURL
}

// Refresh reconciles the state with the cloud.
func Refresh(ctx context.Context, d *Deps, o RefreshOptions) error {
	o.mustExist = true
	return d.withStack(ctx, o.Common, func(r Runner) error {
		p := d.newProgress("refresh "+o.target(), 0)
		res, err := r.Refresh(ctx, infra.RunOptions{Observer: p.observe, ExpectNoChanges: o.ExpectNoChanges})
		p.closeWith(res)
		return d.report(o.Common, res, err)
	})
}

// Destroy deletes every resource of the stack after confirmation (unless --yes).
func Destroy(ctx context.Context, d *Deps, o DestroyOptions) error {
	o.refuse(d.attended("destroy", o.Stack, o.Yes))
	o.mustExist = true
	if o.Unprotect && o.Cloud == infra.CloudAWS {
		o.refuse(&UsageError{Msg: "--unprotect is for --cloud sim only: real resources lose protection by making the stack ephemeral, deliberately"})
	}
	return d.withStack(ctx, o.Common, func(r Runner) error {
		if !o.Yes {
			if err := d.confirm(fmt.Sprintf("Destroy every resource of %s? Type the stack name to continue: ", o.target()), o.Stack); err != nil {
				return err
			}
		}
		p := d.newProgress("destroy "+o.target(), 0)
		res, err := r.Destroy(ctx, infra.RunOptions{Observer: p.observe, Unprotect: o.Unprotect})
		p.closeWith(res)
		return d.report(o.Common, res, err)
	})
}

// Outputs prints the stack outputs.
func Outputs(ctx context.Context, d *Deps, o OutputsOptions) error {
	o.mustExist = true
	return d.withStack(ctx, o.Common, func(r Runner) error {
		outs, err := r.Outputs(ctx)
		if err != nil {
			return err
		}
		if o.JSON {
			return writeJSON(d.Stdout, struct {
				Stack   string                  `json:"stack"`
				Outputs map[string]infra.Output `json:"outputs"`
			}{o.Stack, outs})
		}
		return writeOutputs(d.Stdout, outs)
	})
}

// attended refuses a changing command when nobody can be asked and --yes is not given.
func (d *Deps) attended(cmd, stack string, yes bool) error {
	if yes || d.StdinTerminal {
		return nil
	}
	return &UsageError{Msg: fmt.Sprintf("refusing to %s stack %s without a terminal to confirm on: pass --yes to run unattended", cmd, stack)}
}

// confirm asks on stderr and reads the answer from stdin.
func (d *Deps) confirm(question, want string) error {
	fmt.Fprint(d.Stderr, question)
	line, _ := bufio.NewReader(d.Stdin).ReadString('\n')
	if strings.TrimSpace(line) != want {
		return DeclinedError{}
	}
	return nil
}

// withStack validates everything, starts the simulated cloud when needed, opens the stack's
// workspace and runs fn with it.
func (d *Deps) withStack(ctx context.Context, c Common, fn func(Runner) error) error {
	opts := c.options(d)
	if len(c.refusals) > 0 && opts.Cloud == "" {
		// --cloud was refused: check what does not depend on the cloud, which is what the
		// simulated cloud needs (the stack file, the backend and secrets provider given).
		opts.Cloud = infra.CloudSim
	}
	f, err := d.Check(opts)
	if err = c.refused(err); err != nil {
		return err
	}
	if opts.CLI == "" && f != nil {
		// Before the simulated cloud starts, so a missing CLI leaves nothing behind.
		if opts.CLI, err = infra.FindCLI(f.ProjectDir); err != nil {
			return &infra.OptionsError{Problems: []string{err.Error()}}
		}
	}
	if c.mustExist && d.RequireStack != nil {
		// Before the simulated cloud starts and the workspace is made: a stack that does not
		// exist leaves the state folder as it was.
		if err := d.RequireStack(opts); err != nil {
			return err
		}
	}
	if c.Cloud == infra.CloudSim {
		simOpts := SimOptions(f, c.LatencyFactor, c.simStateFile())
		simOpts.Adopt = c.adopt
		sim, err := d.StartSim(ctx, simOpts)
		if err != nil {
			return fmt.Errorf("start the simulated cloud: %w", err)
		}
		defer sim.Close()
		opts.Env = sim.Env()
		opts.Registry, opts.ImageSource = SimRegistry(sim), cloudsim.ReleaseRegistry
		opts.Inventory = SimInventory(sim)
	} else {
		opts.Registry = infra.RemoteRegistry{}
		if f != nil {
			r := f.Config.Regions
			opts.Inventory = infra.AWSInventory{Environment: f.Config.Environment, Regions: []string{r.Primary, r.Email, r.SMS, r.Backup}}
		}
	}
	r, err := d.Open(ctx, opts)
	if err != nil {
		return err
	}
	d.running.Store(&r)
	defer d.running.Store(nil)
	return fn(r)
}

// SimOptions are the simulated cloud's options for a stack: the latency factor, the state file,
// and what exists before the stack (the zone another account owns, when the stack file names one).
func SimOptions(f *stackfile.File, latencyFactor float64, stateFile string) cloudsim.Options {
	o := cloudsim.Options{LatencyFactor: latencyFactor, StateFile: stateFile}
	if f == nil {
		return o
	}
	if account, zone, ok := f.Config.ForeignZone(); ok {
		o.ExternalZones = append(o.ExternalZones, cloudsim.ExternalZone{Account: account, Name: zone})
	}
	// CI's builds: the release registry holds the images the configuration names.
	for _, img := range f.Config.LambdaImages() {
		o.ReleaseImages = append(o.ReleaseImages, img.Repository+":"+img.Tag)
	}
	return o
}

// SimRegistry reaches the simulated ECR's registry API: the image step of an up copies the
// release images into the environment's simulated repositories through it.
func SimRegistry(sim Sim) infra.Registry {
	return infra.RemoteRegistry{Map: sim.RegistryRef, Insecure: true, Keychain: authn.NewMultiKeychain()}
}

// report prints a result (also when the operation failed part-way) and passes err on.
func (d *Deps) report(c Common, res *infra.Result, err error) error {
	if c.JSON {
		if res == nil && err == nil {
			return nil
		}
		if werr := writeJSON(d.Stdout, jsonResult(res, err)); werr != nil && err == nil {
			err = werr
		}
		return err
	}
	// An operation that failed before it touched any resource has no result worth printing.
	if res != nil && (err == nil || len(res.Resources) > 0) {
		if werr := writeResult(d.Stdout, res); werr != nil && err == nil {
			err = werr
		}
	}
	return err
}

// HistoryOptions are `notifyctl history`'s flags.
type HistoryOptions struct {
	Common
	// Limit is how many updates to list, newest first (0: all).
	Limit int
}

// History lists the stack's updates from the backend's history.
func History(ctx context.Context, d *Deps, o HistoryOptions) error {
	o.mustExist = true
	return d.withStack(ctx, o.Common, func(r Runner) error {
		updates, err := r.History(ctx, o.Limit)
		if err != nil {
			return err
		}
		if o.JSON {
			return writeJSON(d.Stdout, struct {
				Stack   string         `json:"stack"`
				Updates []infra.Update `json:"updates"`
			}{o.Stack, updates})
		}
		return infra.WriteHistory(d.Stdout, updates)
	})
}
