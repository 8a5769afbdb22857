package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// DefaultLatencyFactor scales the simulated cloud's latency model (1 is real AWS time) when
// --latency-factor is not given: a dev up takes about a minute instead of about an hour.
const DefaultLatencyFactor = 0.02

// maxLatencyFactor bounds --latency-factor: beyond real time there is nothing to rehearse (and
// NaN or infinity would hang every resource).
const maxLatencyFactor = 10

// Common are the flags every engine subcommand takes.
type Common struct {
	// Stack is the stack to operate (--stack). Required.
	Stack string
	// Cloud is where resources live (--cloud).
	Cloud infra.Cloud
	// JSON prints the result as JSON on stdout (--json).
	JSON bool
	// ProjectDir, StateDir, Backend and SecretsProvider override infra.Options' defaults
	// (--project-dir, --state-dir, --backend or NOTIFYCTL_BACKEND, --secrets-provider or
	// NOTIFYCTL_SECRETS_PROVIDER).
	ProjectDir, StateDir, Backend, SecretsProvider string
	// LatencyFactor scales the simulated cloud's latency (--latency-factor, sim only).
	LatencyFactor float64
	// adopt starts the simulated cloud in adoption mode (orphans --adopt).
	adopt bool
	// refusals are the command line's problems that leave the stack known (a bad --cloud, a
	// stray argument, no --yes without a terminal): withStack reports them together with the
	// stack file's, in one error.
	refusals []string
	// mustExist refuses a stack the backend does not hold before anything is created (refresh,
	// destroy, outputs).
	mustExist bool
}

// refuse records a problem of the command line, to be reported with the stack file's.
func (c *Common) refuse(err error) {
	if err != nil {
		c.refusals = append(c.refusals, err.Error())
	}
}

// refused joins the command line's problems with check's (the stack file's, the options'), or
// returns check's error when the command line has none.
func (c *Common) refused(check error) error {
	if len(c.refusals) == 0 {
		return check
	}
	return errors.Join(&UsageError{Msg: strings.Join(c.refusals, "\n")}, check)
}

// flagSet is one subcommand's flags, bound to its cobra command.
type flagSet struct {
	cmd       *cobra.Command
	common    *Common
	cloud     string
	latency   float64
	cloudFlag bool
	cloudMust bool
}

// newFlagSet adds the flags every subcommand takes (--stack, --json, --project-dir) to cmd.
func newFlagSet(cmd *cobra.Command, d *Deps) *flagSet {
	fs := &flagSet{cmd: cmd, common: &Common{}}
	f := cmd.Flags()
	f.SortFlags = false
	f.StringVar(&fs.common.Stack, "stack", "", "stack to operate: dev, staging, production, or a short-lived stack with its own Pulumi.<name>.yaml (required)")
	f.BoolVar(&fs.common.JSON, "json", false, "print the result as JSON on stdout")
	f.StringVar(&fs.common.ProjectDir, "project-dir", "", "folder holding Pulumi.yaml (default: found from the working directory)")
	complete(cmd, "stack", completeStacks(d))
	complete(cmd, "project-dir", completeDirs)
	return fs
}

// engineFlags adds the flags of subcommands that reach a backend. cloudRequired makes --cloud
// mandatory (commands that change something); otherwise it defaults to sim.
func (fs *flagSet) engineFlags(cloudRequired bool) {
	fs.cloudFlag, fs.cloudMust = true, cloudRequired
	def := "sim"
	help := "where the resources live: sim (the simulated AWS, for rehearsals) or aws (real AWS)"
	if cloudRequired {
		def = ""
		help += " (required)"
	}
	f := fs.cmd.Flags()
	f.StringVar(&fs.cloud, "cloud", def, help)
	f.StringVar(&fs.common.StateDir, "state-dir", "", "local state folder: workspaces, the local backend and the simulated cloud (default <project>/.state)")
	f.StringVar(&fs.common.Backend, "backend", "", "state backend: file:///<folder> or s3://<bucket>[/<prefix>] (default $NOTIFYCTL_BACKEND, else the local folder for --cloud sim)")
	f.StringVar(&fs.common.SecretsProvider, "secrets-provider", "", "passphrase or awskms://<key>?region=<region> (default $NOTIFYCTL_SECRETS_PROVIDER, else passphrase)")
	f.Float64Var(&fs.latency, "latency-factor", DefaultLatencyFactor, "simulated cloud only: 1 is real AWS time, 0 instant")
	complete(fs.cmd, "cloud", completeWords(string(infra.CloudSim), string(infra.CloudAWS)))
	complete(fs.cmd, "state-dir", completeDirs)
	complete(fs.cmd, "backend", completePrefixes("file://", "s3://"))
	complete(fs.cmd, "secrets-provider", completePrefixes("passphrase", "awskms://"))
}

// parse validates the common flags; args are the positional arguments cobra left. Problems that
// leave the stack file unknown (--stack, the project folder) are returned at once, every one of
// them, as a *UsageError; the others are kept in Common.refusals, so the stack file is still
// checked and both are reported together. A flag that does not parse never gets here: cobra
// reports it through the root's flag error function, also a *UsageError.
func (fs *flagSet) parse(args []string, d *Deps) (*Common, error) {
	var problems, fatal []string
	if len(args) > 0 {
		problems = append(problems, fmt.Sprintf("unexpected argument %q: every value is given with a flag (e.g. --stack dev)", args[0]))
	}
	c := fs.common
	switch err := stackfile.CheckName(c.Stack); {
	case c.Stack == "":
		fatal = append(fatal, "--stack is required: dev, staging, production, or a short-lived stack with its own Pulumi.<name>.yaml")
	case err != nil:
		fatal = append(fatal, "--stack: "+err.Error())
	}
	if c.ProjectDir != "" {
		if _, err := os.Stat(filepath.Join(c.ProjectDir, stackfile.ProjectFile)); err != nil {
			fatal = append(fatal, "--project-dir: "+(&stackfile.NoProjectError{Dir: c.ProjectDir}).Error())
		}
	}
	if fs.cloudFlag {
		if fs.cloud == "" && fs.cloudMust {
			problems = append(problems, fmt.Sprintf("--cloud is required for %s: sim (rehearse against the simulated AWS) or aws (real AWS)", fs.cmd.Name()))
		} else if cloud, err := infra.ParseCloud(fs.cloud); err != nil {
			problems = append(problems, "--cloud: "+err.Error())
		} else {
			c.Cloud = cloud
		}
		latencySet := fs.cmd.Flags().Changed("latency-factor")
		switch {
		case latencySet && c.Cloud == infra.CloudAWS:
			problems = append(problems, fmt.Sprintf("--latency-factor %g applies to --cloud sim only: real AWS takes the time it takes", fs.latency))
		case latencySet && !(fs.latency >= 0 && fs.latency <= maxLatencyFactor):
			problems = append(problems, fmt.Sprintf("--latency-factor %g: want 0 (instant) to %g (1 is real AWS time)", fs.latency, float64(maxLatencyFactor)))
		case latencySet:
			c.LatencyFactor = fs.latency
		default:
			c.LatencyFactor = DefaultLatencyFactor
		}
		if c.Backend == "" {
			c.Backend, _ = d.LookupEnv("NOTIFYCTL_BACKEND")
		}
		if c.SecretsProvider == "" {
			c.SecretsProvider, _ = d.LookupEnv("NOTIFYCTL_SECRETS_PROVIDER")
		}
	}
	if c.ProjectDir == "" && len(fatal) == 0 {
		wd, err := d.Getwd()
		if err != nil {
			return nil, err
		}
		dir, err := stackfile.FindProjectDir(wd)
		if err != nil {
			fatal = append(fatal, err.Error())
		}
		c.ProjectDir = dir
	}
	if len(fatal) > 0 {
		return nil, &UsageError{Msg: strings.Join(append(fatal, problems...), "\n")}
	}
	c.refusals = problems
	return c, nil
}

// runE is the RunE of a subcommand whose body is its library call alone: it parses the common
// flags into *into, then calls run with the command's context.
func (fs *flagSet) runE(d *Deps, into *Common, run func(ctx context.Context) error) func(*cobra.Command, []string) error {
	return func(c *cobra.Command, args []string) error {
		common, err := fs.parse(args, d)
		if err != nil {
			return err
		}
		*into = *common
		return run(c.Context())
	}
}

// options turns the flags into the library's options.
func (c *Common) options(d *Deps) infra.Options {
	return infra.Options{Stack: c.Stack, Cloud: c.Cloud, ProjectDir: c.ProjectDir, StateDir: c.StateDir,
		Backend: c.Backend, SecretsProvider: c.SecretsProvider, LookupEnv: d.LookupEnv, Now: d.Now}
}

// simStateFile is the simulated world of the state folder: one world shared by every stack
// kept there, its resources keyed by account and region as in AWS, so a second stack pointed at
// an account that already runs an environment collides as it would in AWS.
func (c *Common) simStateFile() string {
	dir := c.StateDir
	if dir == "" {
		dir = filepath.Join(c.ProjectDir, ".state")
	}
	return cloudsim.WorldFile(dir)
}

// target names the stack and cloud in messages: "dev (sim)".
func (c *Common) target() string { return fmt.Sprintf("%s (%s)", c.Stack, c.Cloud) }
