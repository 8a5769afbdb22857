package cli

import "github.com/spf13/cobra"

// newEstimateCmd is `notifyctl estimate`.
func newEstimateCmd(d *Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "estimate --stack <name>",
		Short: "Predict a from-scratch rebuild offline: its critical path, and today's staged order",
		Long: `Predict a from-scratch rebuild of the stack, offline: the critical path through the rendered
graph with published AWS creation times (the simulated cloud's latency model at real time), and
the same resources in today's staged Terragrunt order (stages one after another) for comparison.
No Terragrunt init or plan time is counted.`,
		Example: `  notifyctl estimate --stack production
  notifyctl estimate --stack dev --json`,
		GroupID: groupOffline,
	}
	offline(cmd, d, Estimate)
	return cmd
}
