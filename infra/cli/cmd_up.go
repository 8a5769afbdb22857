package cli

import (
	"context"
	"time"

	"github.com/spf13/cobra"
)

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
timing each phase (docs/images.md).

A guarded up (--guard, on by default for production) refreshes first, so the plan is made
against what the cloud holds; refuses (exit 11) to replace or delete a stateful resource
(database, cache, bucket, backup vault, KMS key, zone) unless --allow-file allows it by URN with
a reason; and asks for the stack's name to be typed rather than yes (--yes is for CI, behind the
workflow's approval). Every up records the commit, pull request and actor in the update's
message and metadata (from GitHub Actions' environment, NOTIFYCTL_COMMIT and
NOTIFYCTL_PULL_REQUEST). While another run holds the stack's lock, up waits up to --lock-wait,
saying so, then fails (exit 4); it never breaks the lock.`,
		Example: `  notifyctl up --stack dev --cloud sim --yes
  notifyctl up --stack staging --cloud aws
  notifyctl up --stack production --cloud aws --yes --allow-file reviewed-replacements.yaml --lock-wait 15m`,
		GroupID: groupStack,
	}
	fs := newFlagSet(cmd, d)
	fs.engineFlags(true)
	cmd.Flags().BoolVar(&o.Yes, "yes", false, "apply without asking (required when stdin is not a terminal)")
	cmd.Flags().StringVar(&o.Message, "message", "", "the update's subject in the stack's history (default: the command); the commit, pull request and actor come from NOTIFYCTL_COMMIT, NOTIFYCTL_PULL_REQUEST and GitHub Actions' environment")
	cmd.Flags().StringVar(&o.Guard, "guard", "auto", "refresh first, refuse stateful replacements and deletions unless allowed, confirm by typing the stack's name: auto (production), true or false")
	cmd.Flags().StringVar(&o.AllowFile, "allow-file", "", "reviewed replacements and deletions of stateful resources, by URN with a reason (docs/preview-contract.md)")
	cmd.Flags().DurationVar(&o.LockWait, "lock-wait", 10*time.Minute, "how long to wait while another run holds the stack's lock (0: fail at once)")
	cmd.RunE = fs.runE(d, &o.Common, func(ctx context.Context) error { return Up(ctx, d, o) })
	return cmd
}
