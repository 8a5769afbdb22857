package cli

import "github.com/spf13/cobra"

// newUpCmd is `notifyctl up`.
func newUpCmd(d *Deps) *cobra.Command {
	var o UpOptions
	cmd := &cobra.Command{
		Use:   "up --stack <name> --cloud sim|aws",
		Short: "Preview, confirm, deploy, then print the stack outputs",
		Long: `Validate, preview, confirm, deploy, then print the stack outputs.

--cloud is required. Without --yes, up shows the plan and asks on the terminal (type yes), and
refuses to run when stdin is not a terminal. When the Lambdas' images are not in the
environment's repositories, the up first creates the repositories alone, copies the images from
lambdaImageSource (in rehearsals, the simulated release registry), then deploys everything,
timing each phase (docs/images.md).`,
		Example: `  notifyctl up --stack dev --cloud sim --yes
  notifyctl up --stack staging --cloud aws`,
		GroupID: groupStack,
	}
	fs := newFlagSet(cmd, d)
	fs.engineFlags(true)
	cmd.Flags().BoolVar(&o.Yes, "yes", false, "apply without asking (required when stdin is not a terminal)")
	cmd.Flags().StringVar(&o.Message, "message", "", "the update's subject in the stack's history (default: the command); the commit, pull request and actor come from NOTIFYCTL_COMMIT, NOTIFYCTL_PULL_REQUEST and GitHub Actions' environment")
	cmd.RunE = func(c *cobra.Command, args []string) error {
		common, err := fs.parse(args, d)
		if err != nil {
			return err
		}
		o.Common = *common
		return Up(c.Context(), d, o)
	}
	return cmd
}
