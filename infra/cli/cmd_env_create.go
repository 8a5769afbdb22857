package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/ephemeral"
)

// EnvCreateOptions are `notifyctl env create`'s flags.
type EnvCreateOptions struct {
	EnvFlags
	Name, From, Cloud, Account, Domain, Owner string
	TTL                                       time.Duration
	// Set are key=value overrides of the environment's configuration.
	Set                       []string
	AllowOccupiedAccount, Yes bool
	Parallel                  int
	LatencyFactor             float64
}

// newEnvCreateCmd is `notifyctl env create`.
func newEnvCreateCmd(d *Deps) *cobra.Command {
	var o EnvCreateOptions
	cmd := &cobra.Command{
		Use:   "create <name> --from <env> [flags]",
		Short: "Deploy a short-lived environment from an environment's configuration, with an owner and a time to live",
		Long: `Create a short-lived environment: the source environment's configuration (--from) rebuilt into
its own account and domain (a rehearsal derives both; --cloud aws needs --account and --domain),
nothing protected, its stack file generated and validated under <state>/envs/<name>/project/,
then deployed. Its owner (--owner, default $NOTIFYCTL_OWNER, $GITHUB_ACTOR or $USER), source,
creation time and expiry (now + --ttl) are keys of that stack file.

Refused before anything is written: the names dev, staging and production and any name with a
Pulumi.<name>.yaml in the repository, an existing environment's name, an account that a stack
file names or in which the simulated world holds anything (unless --allow-occupied-account), and
a TTL outside 1m to 720h. An environment whose deployment fails stays until env destroy or the
reaper removes it.`,
		Example: `  notifyctl env create exp-1 --from dev --ttl 72h --yes
  notifyctl env create exp-2 --from staging --set eks.desiredSize=2 --owner jane.doe --yes
  notifyctl env create exp-3 --from dev --cloud aws --account 123456789012 --domain exp-3.notification.cdssandbox.xyz --yes`,
	}
	f := cmd.Flags()
	f.SortFlags = false
	f.StringVar(&o.From, "from", "", "the environment whose configuration is rebuilt: a stack with a file in the project (required)")
	f.DurationVar(&o.TTL, "ttl", 72*time.Hour, "time to live, from now (1m to 720h); env reap removes the environment after it")
	f.StringVar(&o.Owner, "owner", "", "who answers for the environment (default $NOTIFYCTL_OWNER, else $GITHUB_ACTOR, else $USER)")
	f.StringVar(&o.Cloud, "cloud", "sim", "where the resources live: sim (the simulated AWS) or aws (real AWS)")
	f.StringVar(&o.Account, "account", "", "the 12-digit account to build into, empty (required with --cloud aws; a rehearsal derives one)")
	f.StringVar(&o.Domain, "domain", "", "the domain the environment answers on; its zone is created (required with --cloud aws)")
	f.BoolVar(&o.AllowOccupiedAccount, "allow-occupied-account", false, "build into an account that already runs an environment (deliberately)")
	f.StringArrayVar(&o.Set, "set", nil, "override a configuration key: key=value (YAML value; nested keys with dots, e.g. eks.desiredSize=2); repeatable")
	f.BoolVar(&o.Yes, "yes", false, "create without asking (required when stdin is not a terminal)")
	f.IntVar(&o.Parallel, "parallel", 0, "resource operations the engine runs at once (default: notifyctl's choice for up, 256)")
	f.Float64Var(&o.LatencyFactor, "latency-factor", DefaultLatencyFactor, "simulated cloud only: 1 is real AWS time, 0 instant")
	o.EnvFlags.add(cmd)
	complete(cmd, "from", completeStacks(d))
	complete(cmd, "cloud", completeWords(string(infra.CloudSim), string(infra.CloudAWS)))
	cmd.RunE = func(c *cobra.Command, args []string) error {
		name, err := envName(c, args)
		if err != nil {
			return err
		}
		o.Name = name
		return EnvCreate(c.Context(), d, o)
	}
	return cmd
}

// EnvCreate checks everything, asks (unless --yes), writes the environment's stack file and
// deploys it.
func EnvCreate(ctx context.Context, d *Deps, o EnvCreateOptions) error {
	var problems []string
	cloud, err := infra.ParseCloud(o.Cloud)
	if err != nil {
		problems = append(problems, "--cloud: "+err.Error())
	}
	set, problems := overrides(o.Set, o.Parallel, problems)
	if !(o.LatencyFactor >= 0 && o.LatencyFactor <= maxLatencyFactor) {
		problems = append(problems, fmt.Sprintf("--latency-factor %g: want 0 (instant) to %g (1 is real AWS time)", o.LatencyFactor, float64(maxLatencyFactor)))
	}
	if o.Owner == "" {
		for _, k := range []string{"NOTIFYCTL_OWNER", "GITHUB_ACTOR", "USER"} {
			if v, ok := d.LookupEnv(k); ok && v != "" {
				o.Owner = v
				break
			}
		}
	}
	if err := d.attended("create", o.Name, o.Yes); err != nil {
		problems = append(problems, err.Error())
	}
	g, err := o.engine(d, o.LatencyFactor)
	if err != nil {
		return err
	}
	co := ephemeral.CreateOptions{Name: o.Name, From: o.From, Cloud: cloud, Account: o.Account, Domain: o.Domain, Set: set,
		AllowOccupiedAccount: o.AllowOccupiedAccount, TTL: o.TTL, Owner: o.Owner, Parallel: o.Parallel, Now: d.Now}
	if cloud == infra.CloudSim {
		co.Occupant = ephemeral.SimOccupant(g.StateDir)
	}
	// The library's refusals (name, source, account, TTL, owner, overrides) with the command line's.
	if problems = append(problems, g.Check(ctx, co)...); len(problems) > 0 {
		return &UsageError{Msg: "the short-lived environment is refused (nothing was created):\n  - " + strings.Join(problems, "\n  - ")}
	}
	if cloud == infra.CloudAWS {
		if err := infra.CheckAWSCredentials(d.LookupEnv); err != nil {
			return err
		}
	}
	if !o.Yes {
		if err := d.confirm(fmt.Sprintf("Create environment %s from %s (%s, owner %s, for %s)? Type yes to continue: ", o.Name, o.From, cloud, o.Owner, o.TTL), "yes"); err != nil {
			return err
		}
	}
	view := &lazyProgress{d: d, title: "env " + o.Name}
	g.Observer = view.observe
	e, res, err := g.Create(ctx, co)
	view.close()
	if e == nil {
		return envError(err)
	}
	if o.JSON {
		out := struct {
			Environment *ephemeral.Env `json:"environment"`
			Summary     map[string]int `json:"summary,omitempty"`
		}{Environment: e}
		if res != nil {
			out.Summary = res.Summary
		}
		if werr := writeJSON(d.Stdout, out); werr != nil && err == nil {
			err = werr
		}
	} else {
		status := "created"
		if err != nil {
			status = "FAILED"
		}
		fmt.Fprintf(d.Stdout, "environment %s (%s from %s): %s\n", e.Name, e.Cloud, e.Source, status)
		fmt.Fprintf(d.Stdout, "  account %s, domain %s, owner %s\n", e.Account, e.Domain, e.Owner)
		fmt.Fprintf(d.Stdout, "  expires %s (in %s): notifyctl env extend %s --ttl 24h gives it more\n",
			e.Expires.Format(time.RFC3339), shortDuration(e.Expires.Sub(d.Now())), e.Name)
		if res != nil {
			fmt.Fprintf(d.Stdout, "  %d resources created\n", res.Summary["create"])
		}
	}
	return err
}
