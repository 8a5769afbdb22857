package cli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/prcomment"
)

// DriftOptions are `notifyctl drift`'s flags.
type DriftOptions struct {
	Common
	Stacks []string
	// Issue keeps one GitHub issue per stack telling its drift (opened, edited, closed).
	Issue bool
	Repo  string
}

// newDriftCmd is `notifyctl drift`.
func newDriftCmd(d *Deps) *cobra.Command {
	var (
		o   DriftOptions
		all bool
	)
	cmd := &cobra.Command{
		Use:   "drift --stack <name>[,<name>...] | --all",
		Short: "Report what changed outside the program: a refresh in preview mode, exit 3 on drift",
		Long: `Read the cloud (a refresh in preview mode: nothing is written) and report every resource that
changed outside the program, in the same format as a pull-request preview, one report per stack.
Exit code 3 when there is drift. --issue keeps one GitHub issue per stack (label drift): opened
when drift appears, edited while it stays, closed when it is gone.`,
		Example: `  notifyctl drift --stack dev --cloud sim
  notifyctl drift --all --cloud aws --issue`,
		GroupID: groupStack,
	}
	fs := newFlagSet(cmd, d)
	fs.engineFlags(false)
	cmd.Flags().BoolVar(&all, "all", false, "check dev, staging and production")
	cmd.Flags().BoolVar(&o.Issue, "issue", false, "keep one GitHub issue per stack telling its drift (GITHUB_TOKEN, GITHUB_REPOSITORY or --repo)")
	cmd.Flags().StringVar(&o.Repo, "repo", "", "owner/name of the repository of the issues (default $GITHUB_REPOSITORY)")
	cmd.RunE = func(c *cobra.Command, args []string) error {
		stacks, err := stacksOf(fs.common.Stack, all)
		if err != nil {
			return err
		}
		fs.common.Stack = stacks[0]
		common, err := fs.parse(args, d)
		if err != nil {
			return err
		}
		if len(common.refusals) > 0 {
			return common.refused(nil)
		}
		o.Common, o.Stacks = *common, stacks
		return Drift(c.Context(), d, o)
	}
	return cmd
}

// Drift refreshes every stack in preview mode and reports what changed outside the program.
func Drift(ctx context.Context, d *Deps, o DriftOptions) error {
	var poster *prcomment.Poster
	if o.Issue {
		t := prcomment.Target{Token: get(d, "GITHUB_TOKEN"), APIURL: get(d, "GITHUB_API_URL")}
		repo := o.Repo
		if repo == "" {
			repo = get(d, "GITHUB_REPOSITORY")
		}
		owner, name, ok := strings.Cut(repo, "/")
		var problems []string
		if !ok || owner == "" || name == "" {
			problems = append(problems, fmt.Sprintf("--issue: no repository (got %q): set --repo owner/name or GITHUB_REPOSITORY", repo))
		}
		if t.Token == "" {
			problems = append(problems, "--issue: no token: set GITHUB_TOKEN")
		}
		if len(problems) > 0 {
			return &UsageError{Msg: strings.Join(problems, "\n")}
		}
		t.Owner, t.Repo = owner, name
		var err error
		if poster, err = prcomment.NewPoster(http.DefaultClient, t); err != nil {
			return err
		}
	}
	previews, err := previewAll(ctx, d, PreviewsOptions{PreviewOptions: PreviewOptions{Common: o.Common, Refresh: true}, Stacks: o.Stacks},
		func(string) bool { return false }, nil)
	drifted := 0
	for _, p := range previews {
		body := ""
		if p.Error == "" && prcomment.CountsOf(p.Result).Total() > 0 {
			drifted++
			body = prcomment.Markdown(p, prcomment.Options{})
			fmt.Fprintf(d.Stdout, "%s\n\n", body)
		}
		fmt.Fprintf(d.Stderr, "%s: %s\n", p.Stack, driftLine(p))
		if body != "" {
			// An up alone plans from the state, which does not know the change: it would leave it.
			fmt.Fprintf(d.Stderr, "%s: to undo it, record it in the state, then apply the program: notifyctl refresh --stack %s --cloud %s, then notifyctl up --stack %s --cloud %s\n",
				p.Stack, p.Stack, o.Cloud, p.Stack, o.Cloud)
		}
		if poster != nil && p.Error == "" {
			issue, ierr := poster.ReportDrift(ctx, p.Stack, body)
			if ierr != nil {
				err = errors.Join(err, fmt.Errorf("drift issue of %s: %w", p.Stack, ierr))
			} else if issue != nil {
				fmt.Fprintf(d.Stderr, "%s: issue #%d %s\n", p.Stack, issue.GetNumber(), issue.GetState())
			}
		}
	}
	if err == nil && drifted > 0 {
		return &infra.ChangesPresentError{Stack: strings.Join(o.Stacks, ", "), Summary: map[string]int{"drifted stacks": drifted}, Drift: true}
	}
	return err
}

func driftLine(p prcomment.Preview) string {
	if p.Error != "" {
		return "failed: " + firstLine(p.Error)
	}
	c := prcomment.CountsOf(p.Result)
	if c.Total() == 0 {
		return "no drift"
	}
	return fmt.Sprintf("drift: %d to create again, %d changed, %d to replace, %d to delete", c.Create, c.Update, c.Replace, c.Delete)
}

func get(d *Deps, key string) string {
	v, _ := d.LookupEnv(key)
	return strings.TrimSpace(v)
}
