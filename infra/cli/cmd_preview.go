package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// newPreviewCmd is `notifyctl preview`.
func newPreviewCmd(d *Deps) *cobra.Command {
	var (
		o       PreviewOptions
		refresh string
	)
	cmd := &cobra.Command{
		Use:   "preview --stack <name>",
		Short: "Show what up would change; nothing is changed",
		Long: `Show what up would change; nothing is changed.

--cloud defaults to sim. With --expect-no-changes the preview exits 3 when there are changes
(the drift check of CI), and reads the cloud first (--refresh auto) so that a resource deleted
or edited outside the program shows.`,
		Example: `  notifyctl preview --stack dev
  notifyctl preview --stack production --cloud aws --expect-no-changes`,
		GroupID: groupStack,
	}
	fs := newFlagSet(cmd, d)
	fs.engineFlags(false)
	cmd.Flags().BoolVar(&o.ExpectNoChanges, "expect-no-changes", false, "exit with code 3 when there are changes")
	cmd.Flags().StringVar(&refresh, "refresh", "auto", "read the cloud first so changes made outside the program show: true, false, or auto (true with --expect-no-changes)")
	complete(cmd, "refresh", completeWords("true", "false", "auto"))
	cmd.RunE = func(c *cobra.Command, args []string) error {
		common, err := fs.parse(args, d)
		if err != nil {
			return err
		}
		switch refresh {
		case "true", "auto":
			o.Refresh = refresh == "true" || o.ExpectNoChanges
		case "false":
		default:
			return &UsageError{Msg: fmt.Sprintf("--refresh: got %q, want true, false or auto", refresh)}
		}
		o.Common = *common
		return Preview(c.Context(), d, o)
	}
	return cmd
}
