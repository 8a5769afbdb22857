package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cds-snc/notification-pulumi/infra/render"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
	"github.com/cds-snc/notification-pulumi/policy"
)

// CheckOptions are `notifyctl check`'s flags.
type CheckOptions struct {
	Stacks     []string
	All, JSON  bool
	ProjectDir string
}

// newCheckCmd is `notifyctl check`.
func newCheckCmd(d *Deps) *cobra.Command {
	var o CheckOptions
	cmd := &cobra.Command{
		Use:   "check --stack <name>[,<name>...] | --all",
		Short: "Run the policy rules on the rendered graph, offline",
		Long: `Run every policy rule (docs/policy.md: encryption, TLS, public access, IAM, ingress,
protection and backups, retention, IMDSv2, WAF, tags, key rotation) on the stack's rendered
graph, offline: no cloud, engine or credentials. An exception names the rule, the resource and
the reason (policy/exceptions/all.yaml and <stack>.yaml); a finding no exception excuses, or an
exception that is stale, expired or ambiguous, fails with exit code 11.`,
		Example: `  notifyctl check --stack dev
  notifyctl check --all --json`,
		GroupID: groupOffline,
		Args:    cobra.NoArgs,
	}
	f := cmd.Flags()
	f.StringSliceVar(&o.Stacks, "stack", nil, "stacks to check, comma-separated")
	f.BoolVar(&o.All, "all", false, "check every permanent environment (dev, staging, production)")
	f.BoolVar(&o.JSON, "json", false, "print the reports as JSON on stdout")
	f.StringVar(&o.ProjectDir, "project-dir", "", "folder holding Pulumi.yaml (default: found from the working directory)")
	complete(cmd, "stack", completeStacks(d))
	cmd.RunE = func(c *cobra.Command, _ []string) error { return Check(c.Context(), d, o) }
	return cmd
}

// Check runs the policy rules on each stack's rendered graph.
func Check(ctx context.Context, d *Deps, o CheckOptions) error {
	switch {
	case o.All && len(o.Stacks) > 0:
		return &UsageError{Msg: "--all and --stack exclude each other: --all checks " + strings.Join(stackfile.Permanent, ", ")}
	case o.All:
		o.Stacks = stackfile.Permanent
	case len(o.Stacks) == 0:
		return &UsageError{Msg: "--stack <name> or --all is required"}
	}
	if o.ProjectDir == "" {
		wd, err := d.Getwd()
		if err != nil {
			return err
		}
		if o.ProjectDir, err = stackfile.FindProjectDir(wd); err != nil {
			return &UsageError{Msg: err.Error()}
		}
	} else if _, err := os.Stat(filepath.Join(o.ProjectDir, stackfile.ProjectFile)); err != nil {
		return &UsageError{Msg: "--project-dir: " + (&stackfile.NoProjectError{Dir: o.ProjectDir}).Error()}
	}
	var errs []error
	var reports []*policy.Report
	for _, stack := range o.Stacks {
		rep, err := checkStack(ctx, d, o.ProjectDir, stack)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", stack, err))
			continue
		}
		reports = append(reports, rep)
		if !o.JSON {
			fmt.Fprintf(d.Stdout, "== %s\n", stack)
			if werr := policy.WriteText(d.Stdout, rep); werr != nil {
				return werr
			}
		}
		if rerr := rep.Err(); rerr != nil {
			errs = append(errs, fmt.Errorf("%s: %w", stack, rerr))
		}
	}
	if o.JSON {
		if err := writeJSON(d.Stdout, reports); err != nil {
			return err
		}
	}
	return errors.Join(errs...)
}

func checkStack(ctx context.Context, d *Deps, projectDir, stack string) (*policy.Report, error) {
	f, err := stackfile.Load(projectDir, stack)
	if err != nil {
		return nil, err
	}
	ex, err := policy.ExceptionsFor(stack)
	if err != nil {
		return nil, err
	}
	g, err := d.Render(ctx, render.Options{Stack: stack, ProjectDir: projectDir})
	if err != nil {
		return nil, err
	}
	return policy.Check(g, ex, f.Config.Ephemeral), nil
}
