package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/cds-snc/notification-pulumi/infra/ephemeral"
)

// newEnvDestroyCmd is `notifyctl env destroy`.
func newEnvDestroyCmd(d *Deps) *cobra.Command {
	var o EnvFlags
	var yes bool
	cmd := &cobra.Command{
		Use:   "destroy <name> [--yes]",
		Short: "Destroy a short-lived environment, prove nothing is left, remove its stack and files",
		Long: `Destroy a short-lived environment: what an interrupted operation left outside the state is deleted,
the stack is destroyed, the state and the cloud are checked to hold nothing of it (its resources
and anything in its account), then its stack is removed from the backend and its folder and
workspace from the state folder. Only environments that env create made are destroyed: dev,
staging, production and every stack with a file in the repository are refused whatever the
state folder holds. Without --yes it asks on the terminal (type the name).`,
		Example: `  notifyctl env destroy exp-1 --yes`,
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "destroy without asking (required when stdin is not a terminal)")
	o.add(cmd)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		name, err := envName(c, args)
		if err != nil {
			return err
		}
		g, err := o.engine(d, 0)
		if err != nil {
			return err
		}
		e, _, err := ephemeral.Guard(g.ProjectDir, g.StateDir, name)
		if err != nil {
			return envError(err)
		}
		if err := d.attended("destroy", name, yes); err != nil {
			return err
		}
		if !yes {
			if err := d.confirm(fmt.Sprintf("Destroy environment %s (%s, owner %s) and everything in it? Type its name to continue: ", name, e.Cloud, e.Owner), name); err != nil {
				return err
			}
		}
		leftover, err := g.Destroy(c.Context(), name)
		for _, l := range leftover {
			fmt.Fprintf(d.Stderr, "left: %s\n", l)
		}
		if err != nil {
			return envError(err)
		}
		if o.JSON {
			return writeJSON(d.Stdout, ephemeral.Reaped{Env: *e, Removed: true})
		}
		fmt.Fprintf(d.Stdout, "environment %s: destroyed; the state and the cloud hold nothing of it; its stack and files are removed\n", name)
		return nil
	}
	return cmd
}

// newEnvReapCmd is `notifyctl env reap`.
func newEnvReapCmd(d *Deps) *cobra.Command {
	var o EnvFlags
	var yes, dryRun bool
	cmd := &cobra.Command{
		Use:   "reap [--yes] [--dry-run]",
		Short: "Destroy every short-lived environment whose time to live has run out, and report them",
		Long: `Destroy every expired environment of the state folder as env destroy does, and report each: removed,
or what stopped it (the others are still reaped; the exit code is then 1). --dry-run only lists
them. The daily reap workflow runs it with --yes.`,
		Example: `  notifyctl env reap --dry-run
  notifyctl env reap --yes --json`,
		Args: cobra.NoArgs,
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "destroy without asking (required when stdin is not a terminal)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "list the expired environments, destroy nothing")
	o.add(cmd)
	cmd.RunE = func(c *cobra.Command, _ []string) error {
		g, err := o.engine(d, 0)
		if err != nil {
			return err
		}
		now := d.Now()
		if !dryRun && !yes {
			if err := d.attended("reap", "environments", yes); err != nil {
				return err
			}
			expired, _ := g.Reap(c.Context(), now, true)
			if len(expired) == 0 {
				fmt.Fprintln(d.Stdout, "no environment has expired")
				return nil
			}
			var names []string
			for _, r := range expired {
				names = append(names, r.Name)
			}
			if err := d.confirm(fmt.Sprintf("Destroy the expired environments %s? Type yes to continue: ", strings.Join(names, ", ")), "yes"); err != nil {
				return err
			}
		}
		reaped, err := g.Reap(c.Context(), now, dryRun)
		if reaped == nil {
			reaped = []ephemeral.Reaped{}
		}
		if o.JSON {
			if werr := writeJSON(d.Stdout, reaped); werr != nil && err == nil {
				err = werr
			}
			return err
		}
		writeReaped(d, reaped, now, dryRun)
		return err
	}
	return cmd
}

func writeReaped(d *Deps, reaped []ephemeral.Reaped, now time.Time, dryRun bool) {
	if len(reaped) == 0 {
		fmt.Fprintln(d.Stdout, "no environment has expired")
		return
	}
	tw := tabwriter.NewWriter(d.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tOWNER\tSOURCE\tCLOUD\tEXPIRED\tRESULT")
	for _, r := range reaped {
		result := "removed: the state and the cloud hold nothing of it"
		switch {
		case dryRun:
			result = "would be destroyed (dry run)"
		case !r.Removed:
			result = "NOT removed: " + firstLine(r.Error)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s ago\t%s\n", r.Name, r.Owner, r.Source, r.Cloud, shortDuration(now.Sub(r.Expires)), result)
	}
	_ = tw.Flush()
}
