package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// newPreviewCmd is `notifyctl preview`.
func newPreviewCmd(d *Deps) *cobra.Command {
	var (
		o       PreviewOptions
		refresh string
		many    PreviewsOptions
		all     bool
	)
	cmd := &cobra.Command{
		Use:   "preview --stack <name>[,<name>...] | --all",
		Short: "Show what up would change; nothing is changed",
		Long: `Show what up would change; nothing is changed.

--cloud defaults to sim. With --expect-no-changes the preview exits 3 when there are changes
(the drift check of CI), and reads the cloud first (--refresh auto) so that a resource deleted
or edited outside the program shows.

--all (or --stack a,b,c) previews several stacks at once, one workspace each, and prints one
pull-request comment per stack built from the engine's events (a summary by component, a banner
naming what forces each replacement or deletion, the property-level changes with values known
only after deploy shown as such and secrets masked), split where GitHub's 65,536-character
limit would cut one, and an overview; --markdown prints them for a single stack too, --json
prints the contract of docs/preview-contract.md, --comment posts them to the pull request
(edited in place on the next run). --deny-replace (auto: production only) fails the preview
when a database, cache, bucket, backup vault, KMS key or zone would be replaced or deleted,
unless --allow-file allows that resource with a reason. The policy rules (` + "`notifyctl check`" + `) run on
each stack while it is previewed; a finding no reasoned exception excuses fails the preview (exit
11) and heads the stack's comment (--policy=false skips them).`,
		Example: `  notifyctl preview --stack dev
  notifyctl preview --stack production --cloud aws --expect-no-changes
  notifyctl preview --all --cloud sim
  notifyctl preview --all --cloud aws --comment --allow-file .github/notifyctl-allow.yaml`,
		GroupID: groupStack,
	}
	fs := newFlagSet(cmd, d)
	fs.engineFlags(false)
	cmd.Flags().BoolVar(&o.ExpectNoChanges, "expect-no-changes", false, "exit with code 3 when there are changes")
	cmd.Flags().StringVar(&refresh, "refresh", "auto", "read the cloud first so changes made outside the program show: true, false, or auto (true with --expect-no-changes)")
	complete(cmd, "refresh", completeWords("true", "false", "auto"))
	cmd.Flags().BoolVar(&all, "all", false, "preview dev, staging and production at once")
	cmd.Flags().BoolVar(&many.Markdown, "markdown", false, "print the pull-request comments (the default with several stacks)")
	cmd.Flags().BoolVar(&many.Comment, "comment", false, "post the comments to the pull request (GITHUB_TOKEN, GITHUB_REPOSITORY and the pull request from GitHub Actions, or --repo and --pr)")
	cmd.Flags().StringVar(&many.DenyReplace, "deny-replace", "auto", "fail when a stateful resource would be replaced or deleted: --deny-replace (true), --deny-replace=false, or auto (production only)")
	cmd.Flags().StringVar(&many.AllowFile, "allow-file", "", "reviewed replacements of stateful resources, each with its reason (YAML)")
	cmd.Flags().StringVar(&many.Repo, "repo", "", "owner/name of the pull request's repository (default $GITHUB_REPOSITORY)")
	cmd.Flags().IntVar(&many.PR, "pr", 0, "the pull request's number (default: from GitHub Actions' event)")
	cmd.Flags().Lookup("deny-replace").NoOptDefVal = "true"
	cmd.Flags().BoolVar(&many.Policy, "policy", true, "with the comments: run the policy rules on each stack (exit 11 on a finding no exception excuses)")
	cmd.Flags().StringVar(&many.FromJSON, "from-json", "", "a folder of --json previews (one file a stack, from jobs that each held one account's role): render and post them instead of previewing")
	complete(cmd, "deny-replace", completeWords("auto", "true", "false"))
	complete(cmd, "from-json", completeDirs)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if many.FromJSON != "" {
			if fs.common.Stack != "" || len(args) > 0 {
				return &UsageError{Msg: "--from-json renders previews already made: it takes no --stack or argument"}
			}
			many.JSON = fs.common.JSON
			return Previews(c.Context(), d, many)
		}
		stacks := []string{fs.common.Stack}
		multi := all || strings.Contains(fs.common.Stack, ",")
		if multi {
			var err error
			if stacks, err = stacksOf(fs.common.Stack, all); err != nil {
				return err
			}
			fs.common.Stack = stacks[0] // the flags are checked as for one stack
		}
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
		if multi || many.Markdown || many.Comment || many.AllowFile != "" || c.Flags().Changed("deny-replace") {
			if len(o.refusals) > 0 {
				return o.refused(nil)
			}
			many.PreviewOptions, many.Stacks = o, stacks
			return Previews(c.Context(), d, many)
		}
		return Preview(c.Context(), d, o)
	}
	return cmd
}
