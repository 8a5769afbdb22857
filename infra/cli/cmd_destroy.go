package cli

import (
	"context"

	"github.com/spf13/cobra"
)

// newDestroyCmd is `notifyctl destroy`.
func newDestroyCmd(d *Deps) *cobra.Command {
	var o DestroyOptions
	cmd := &cobra.Command{
		Use:   "destroy --stack <name> --cloud sim|aws",
		Short: "Delete every resource of the stack (the empty stack stays)",
		Long: `Delete every resource of the stack; the empty stack stays in the backend.

--cloud is required. Without --yes, destroy asks on the terminal (type the stack name), and
refuses to run when stdin is not a terminal. It is refused before anything is deleted while the
stack holds protected resources (every permanent environment's data stores): --unprotect lifts
the protection for a rehearsal (--cloud sim only; it also empties the images the up copied into
the stack's own repositories, which ECR would otherwise refuse to delete); a real stack is made
ephemeral instead, deliberately.`,
		Example: `  notifyctl destroy --stack dev --cloud sim --yes --unprotect`,
		GroupID: groupStack,
	}
	fs := newFlagSet(cmd, d)
	fs.engineFlags(true)
	cmd.Flags().BoolVar(&o.Yes, "yes", false, "destroy without asking (required when stdin is not a terminal)")
	cmd.Flags().BoolVar(&o.Unprotect, "unprotect", false, "lift resource protection first (--cloud sim only: tearing down a rehearsal)")
	cmd.RunE = fs.runE(d, &o.Common, func(ctx context.Context) error { return Destroy(ctx, d, o) })
	return cmd
}
