package cli

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/cds-snc/notification-pulumi/infra"
)

// OrphansOptions are `notifyctl orphans`'s flags.
type OrphansOptions struct {
	Common
	// Adopt brings the cloud's resources the state does not know into the state.
	Adopt bool
	// Delete deletes them from the cloud instead.
	Delete bool
	// Yes runs --adopt or --delete without asking.
	Yes bool
}

// orphanFinder is what the orphans command needs of a stack; *infra.Stack implements it.
type orphanFinder interface {
	Orphans(ctx context.Context) (*infra.OrphanReport, error)
	Adopt(ctx context.Context, o infra.RunOptions) (*infra.OrphanReport, error)
	DeleteOrphans(ctx context.Context, o infra.RunOptions) (*infra.OrphanReport, error)
}

// Orphans lists what the cloud holds that the stack's state does not (and the reverse); with
// --adopt or --delete it reconciles them. It is the recovery after an operation whose state was
// not saved. Exit 0 when they agree (after reconciling), 3 when they do not (listing only).
func Orphans(ctx context.Context, d *Deps, o OrphansOptions) error {
	if o.Adopt && o.Delete {
		return &UsageError{Msg: "--adopt and --delete exclude each other: adopt keeps the resources, delete removes them"}
	}
	changing := o.Adopt || o.Delete
	if changing {
		if err := d.attended("reconcile", o.Stack, o.Yes); err != nil {
			return err
		}
	}
	o.Common.adopt = o.Adopt
	return d.withStack(ctx, o.Common, func(r Runner) error {
		f, ok := r.(orphanFinder)
		if !ok {
			return fmt.Errorf("the orphan finder is not available for stack %s", o.Stack)
		}
		rep, err := f.Orphans(ctx)
		if err != nil {
			return err
		}
		if changing && !rep.Clean() || changing && len(rep.StaleLocks) > 0 {
			if !o.JSON {
				writeOrphans(d.Stderr, rep)
			}
			if !o.Yes {
				what := "adopt them into the state"
				if o.Delete {
					what = "DELETE them from the cloud"
				}
				if err := d.confirm(fmt.Sprintf("Reconcile %s: %s? Type the stack name to continue: ", o.target(), what), o.Stack); err != nil {
					return err
				}
			}
			if o.Adopt {
				rep, err = f.Adopt(ctx, infra.RunOptions{})
			} else {
				rep, err = f.DeleteOrphans(ctx, infra.RunOptions{})
			}
			if err != nil && rep == nil {
				return err
			}
		}
		if o.JSON {
			if werr := writeJSON(d.Stdout, rep); werr != nil {
				return werr
			}
		} else {
			writeOrphans(d.Stdout, rep)
		}
		if err == nil && !rep.Clean() {
			err = &infra.OrphansFoundError{Report: rep}
		}
		return err
	})
}

func writeOrphans(w io.Writer, rep *infra.OrphanReport) {
	for _, a := range rep.Actions {
		fmt.Fprintf(w, "done: %s\n", a)
	}
	if rep.Unfinished != nil {
		fmt.Fprintf(w, "unfinished: the %s started %s did not end with its state saved (%s)\n", rep.Unfinished.Operation,
			rep.Unfinished.Started.Format("2006-01-02 15:04:05"), rep.Unfinished.Outcome)
	}
	for _, l := range rep.StaleLocks {
		fmt.Fprintf(w, "stale lock (its engine no longer runs): %s\n", l)
	}
	if rep.Clean() && len(rep.StaleLocks) == 0 {
		fmt.Fprintf(w, "orphans of %s: none; the state and the cloud agree\n", rep.Stack)
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "WHERE\tTYPE\tID\tURN\n")
	for _, r := range rep.Orphans {
		fmt.Fprintf(tw, "cloud only\t%s\t%s\t%s\n", r.Type, r.ID, r.URN)
	}
	for _, r := range rep.Lost {
		fmt.Fprintf(tw, "state only\t%s\t%s\t%s\n", r.Type, r.ID, r.URN)
	}
	_ = tw.Flush()
	fmt.Fprintf(w, "%d in the cloud only, %d in the state only\n", len(rep.Orphans), len(rep.Lost))
}

// SimInventory returns the simulated cloud's inventory (nil when the Sim has none, as fakes).
func SimInventory(sim Sim) infra.Inventory {
	if w, ok := sim.(infra.World); ok {
		return infra.WorldInventory(w)
	}
	return nil
}
