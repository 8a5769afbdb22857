package cli

import (
	"context"

	"github.com/spf13/cobra"
)

// newOrphansCmd is `notifyctl orphans`.
func newOrphansCmd(d *Deps) *cobra.Command {
	var o OrphansOptions
	cmd := &cobra.Command{
		Use:   "orphans --stack <name> --cloud sim|aws [--adopt|--delete]",
		Short: "List what the cloud holds that the state does not (and the reverse); --adopt or --delete reconciles",
		Long: `Compare the stack's state with what the cloud holds: resources in the cloud only (an up would
create them twice), in the state only, stale locks of engines that no longer run, and an
operation that did not end with its state saved. Exits 3 when they disagree.

--adopt brings the cloud's resources into the state, --delete deletes them from the cloud (both
ask, or --yes). It is the recovery after any interrupted operation (exit 10).

--cloud is required. On AWS the inventory is the Resource Groups Tagging API over the
Environment tag in the environment's four regions: it finds orphans among the resources that
API lists (not IAM) and cannot tell what the state lost (a refresh does); --delete is refused
there with the ARNs to remove.`,
		Example: `  notifyctl orphans --stack dev --cloud sim
  notifyctl orphans --stack dev --cloud sim --adopt --yes`,
		GroupID: groupStack,
	}
	fs := newFlagSet(cmd, d)
	fs.engineFlags(true)
	cmd.Flags().BoolVar(&o.Adopt, "adopt", false, "bring the cloud's resources into the state (the recovery after an interrupted operation)")
	cmd.Flags().BoolVar(&o.Delete, "delete", false, "delete the cloud's resources the state does not know")
	cmd.Flags().BoolVar(&o.Yes, "yes", false, "reconcile without asking (required when stdin is not a terminal)")
	cmd.RunE = fs.runE(d, &o.Common, func(ctx context.Context) error { return Orphans(ctx, d, o) })
	return cmd
}
