package cli

import "github.com/spf13/cobra"

// newOutputsCmd is `notifyctl outputs`.
func newOutputsCmd(d *Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "outputs --stack <name>",
		Short: "Print the stack outputs",
		Long: `Print the stack outputs (secrets as [secret]).

--cloud defaults to sim; it chooses the default backend. A stack the backend does not hold exits
9 before anything is written.`,
		Example: `  notifyctl outputs --stack dev --json`,
		GroupID: groupStack,
	}
	fs := newFlagSet(cmd, d)
	fs.engineFlags(false)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		common, err := fs.parse(args, d)
		if err != nil {
			return err
		}
		return Outputs(c.Context(), d, OutputsOptions{Common: *common})
	}
	return cmd
}
