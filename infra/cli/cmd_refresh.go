package cli

import (
	"context"

	"github.com/spf13/cobra"
)

// newRefreshCmd is `notifyctl refresh`.
func newRefreshCmd(d *Deps) *cobra.Command {
	var o RefreshOptions
	cmd := &cobra.Command{
		Use:   "refresh --stack <name> --cloud sim|aws",
		Short: "Reconcile the stack's state with what exists in the cloud",
		Long: `Reconcile the stack's state with what exists in the cloud.

--cloud is required. With --expect-no-changes the refresh exits 3 when the cloud changed outside
the program (drift); the state records it either way. A stack the backend does not hold exits 9
before anything is written.`,
		Example: `  notifyctl refresh --stack dev --cloud sim --expect-no-changes`,
		GroupID: groupStack,
	}
	fs := newFlagSet(cmd, d)
	fs.engineFlags(true)
	cmd.Flags().BoolVar(&o.ExpectNoChanges, "expect-no-changes", false, "exit with code 3 when the cloud changed outside the program (drift); the state records it either way")
	cmd.RunE = fs.runE(d, &o.Common, func(ctx context.Context) error { return Refresh(ctx, d, o) })
	return cmd
}
