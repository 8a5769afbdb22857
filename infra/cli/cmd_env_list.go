package cli

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/cds-snc/notification-pulumi/infra/ephemeral"
)

// EnvStatus is one line of `notifyctl env list`: the environment, its age and time left, and
// what its backend says of it.
type EnvStatus struct {
	ephemeral.Env
	AgeSeconds  float64 `json:"ageSeconds"`
	LeftSeconds float64 `json:"leftSeconds"`
	Expired     bool    `json:"expired"`
	ephemeral.Activity
	// Error says why the backend could not be read ("" when it was).
	Error string `json:"error,omitempty"`
}

// newEnvListCmd is `notifyctl env list`.
func newEnvListCmd(d *Deps) *cobra.Command {
	var o EnvFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the short-lived environments: source, owner, age, time left, resources, last update",
		Long: `List the short-lived environments of the state folder: name, source, owner, cloud, age, time left
(or how long ago it expired), the resources in its state, and its last operation (when it ended
and its result), read from its backend. --json prints the same as a JSON array.`,
		Args: cobra.NoArgs,
	}
	o.add(cmd)
	cmd.RunE = func(c *cobra.Command, _ []string) error {
		g, err := o.engine(d, 0)
		if err != nil {
			return err
		}
		list, err := EnvList(c.Context(), d, g, g.Activity)
		if err != nil {
			return err
		}
		if o.JSON {
			return writeJSON(d.Stdout, list)
		}
		return writeEnvList(d, list)
	}
	return cmd
}

// EnvList reads every environment of the state folder and asks activity what its backend
// holds; an environment whose backend cannot be read is listed with the error.
func EnvList(ctx context.Context, d *Deps, g *ephemeral.Engine, activity func(context.Context, *ephemeral.Env) (ephemeral.Activity, error)) ([]EnvStatus, error) {
	now := d.Now()
	out := []EnvStatus{}
	for _, name := range ephemeral.Names(g.StateDir) {
		e, _, err := ephemeral.Read(g.StateDir, name)
		if err != nil {
			out = append(out, EnvStatus{Env: ephemeral.Env{Name: name}, Error: err.Error()})
			continue
		}
		s := EnvStatus{Env: *e, AgeSeconds: now.Sub(e.Created).Seconds(), LeftSeconds: e.Expires.Sub(now).Seconds(), Expired: e.Expired(now)}
		a, err := activity(ctx, e)
		s.Activity = a
		if err != nil {
			s.Error = firstLine(err.Error())
		}
		out = append(out, s)
	}
	return out, nil
}

func writeEnvList(d *Deps, list []EnvStatus) error {
	if len(list) == 0 {
		fmt.Fprintln(d.Stdout, "no short-lived environment in this state folder: notifyctl env create <name> --from dev makes one")
		return nil
	}
	now := d.Now()
	tw := tabwriter.NewWriter(d.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSOURCE\tOWNER\tCLOUD\tAGE\tLEFT\tRESOURCES\tLAST UPDATE\tLAST RESULT")
	for _, s := range list {
		if s.Created.IsZero() {
			fmt.Fprintf(tw, "%s\t-\t-\t-\t-\t-\t-\t-\tunreadable: %s\n", s.Name, s.Error)
			continue
		}
		resources, last, result := fmt.Sprint(s.Resources), "-", s.LastResult
		if s.LastUpdate != nil {
			last = s.LastUpdate.UTC().Format("2006-01-02 15:04")
		}
		if s.Error != "" {
			resources, result = "?", "backend unreadable: "+s.Error
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.Name, s.Source, s.Owner, s.Cloud,
			shortDuration(now.Sub(s.Created)), left(now, s.Expires), resources, last, result)
	}
	return tw.Flush()
}

// newEnvExtendCmd is `notifyctl env extend`.
func newEnvExtendCmd(d *Deps) *cobra.Command {
	var o EnvFlags
	var ttl time.Duration
	cmd := &cobra.Command{
		Use:   "extend <name> --ttl <duration>",
		Short: "Set a short-lived environment's expiry to now plus --ttl",
		Long: `Set an environment's expiry to now plus --ttl (1m to 720h): the time to live counts from now, it
is not added to what is left, so extending twice is not extending by twice as much. An expired
environment the reaper has not removed yet can be extended.`,
		Example: `  notifyctl env extend exp-1 --ttl 24h`,
	}
	cmd.Flags().DurationVar(&ttl, "ttl", 0, "the new time to live, from now (1m to 720h; required)")
	o.add(cmd)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		name, err := envName(c, args)
		if err != nil {
			return err
		}
		if err := checkTTL(ttl); err != nil {
			return &UsageError{Msg: err.Error()}
		}
		g, err := o.engine(d, 0)
		if err != nil {
			return err
		}
		if _, _, err := ephemeral.Guard(g.ProjectDir, g.StateDir, name); err != nil {
			return envError(err)
		}
		e, err := ephemeral.Extend(g.StateDir, name, d.Now().Add(ttl))
		if err != nil {
			return envError(err)
		}
		if o.JSON {
			return writeJSON(d.Stdout, e)
		}
		fmt.Fprintf(d.Stdout, "environment %s: expires %s (in %s)\n", e.Name, e.Expires.Format(time.RFC3339), shortDuration(e.Expires.Sub(d.Now())))
		return nil
	}
	return cmd
}
