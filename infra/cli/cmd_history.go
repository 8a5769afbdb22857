package cli

import "github.com/spf13/cobra"

// newHistoryCmd is `notifyctl history`.
func newHistoryCmd(d *Deps) *cobra.Command {
	var o HistoryOptions
	cmd := &cobra.Command{
		Use:   "history --stack <name>",
		Short: "List the stack's updates: when, operation, result, duration, changes, commit, pull request, actor",
		Long: `List the stack's updates from the backend's history, newest first: when, operation, result,
duration, resource changes, and the commit, pull request and actor each update's message
records (notifyctl up writes them from the environment; see up --message).

--cloud defaults to sim; it chooses the default backend. A stack the backend does not hold exits
9 before anything is written.`,
		Example: `  notifyctl history --stack production --cloud aws --limit 10
  notifyctl history --stack dev --json`,
		GroupID: groupStack,
	}
	fs := newFlagSet(cmd, d)
	fs.engineFlags(false)
	cmd.Flags().IntVar(&o.Limit, "limit", 0, "list this many updates, newest first (0: all)")
	cmd.RunE = func(c *cobra.Command, args []string) error {
		common, err := fs.parse(args, d)
		if err != nil {
			return err
		}
		if o.Limit < 0 {
			return &UsageError{Msg: "--limit: want 0 (all) or more"}
		}
		o.Common = *common
		return History(c.Context(), d, o)
	}
	return cmd
}
