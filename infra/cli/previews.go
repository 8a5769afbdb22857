package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/prcomment"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
	"github.com/cds-snc/notification-pulumi/policy"
)

// PreviewsOptions are the flags of a preview of several stacks, or of one rendered as
// pull-request comments.
type PreviewsOptions struct {
	PreviewOptions
	// Stacks are the stacks previewed at once, one workspace each.
	Stacks []string
	// Markdown prints the comments (one per stack, split where GitHub would refuse one, and the
	// overview) instead of the table.
	Markdown bool
	// Comment posts them to the pull request (GitHub Actions' environment, or --repo and --pr).
	Comment bool
	// DenyReplace is auto (production only), true or false.
	DenyReplace string
	// AllowFile lists the reviewed replacements of stateful resources, each with its reason.
	AllowFile string
	// Repo (owner/name) and PR override GitHub Actions' environment.
	Repo string
	PR   int
	// FromJSON is a folder of --json previews to render (and post) instead of previewing.
	FromJSON string
	// Policy runs the policy rules (notifyctl check) on each stack while it is previewed; a
	// stack they refuse fails the preview (exit 11) with the findings in its comment.
	Policy bool
}

// readPreviews reads every *.json file of a folder as a --json preview (docs/preview-contract.md).
func readPreviews(dir string) ([]prcomment.Preview, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		return nil, &UsageError{Msg: fmt.Sprintf("--from-json %s: no *.json preview in it", dir)}
	}
	var out []prcomment.Preview
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var set prcomment.Set
		if err := json.Unmarshal(data, &set); err != nil || set.Version != prcomment.ContractVersion {
			return nil, &UsageError{Msg: fmt.Sprintf("--from-json: %s is not a preview of contract %s (notifyctl preview --json): %v", f, prcomment.ContractVersion, err)}
		}
		out = append(out, set.Stacks...)
	}
	return out, nil
}

// stacksOf reads --stack a,b,c or --all into the stacks to preview.
func stacksOf(stack string, all bool) ([]string, error) {
	switch {
	case all && stack != "":
		return nil, &UsageError{Msg: "--all and --stack exclude each other: --all previews " + strings.Join(stackfile.Permanent, ", ")}
	case all:
		return append([]string(nil), stackfile.Permanent...), nil
	}
	var out, bad []string
	for _, s := range strings.Split(stack, ",") {
		s = strings.TrimSpace(s)
		if err := stackfile.CheckName(s); err != nil {
			bad = append(bad, "--stack: "+err.Error())
			continue
		}
		out = append(out, s)
	}
	if len(bad) > 0 {
		return nil, &UsageError{Msg: strings.Join(bad, "\n")}
	}
	return out, nil
}

// Previews previews every stack at once and prints (or posts) the pull-request comments, or
// the documented JSON contract (docs/preview-contract.md) with --json.
func Previews(ctx context.Context, d *Deps, o PreviewsOptions) error {
	allow, err := readAllowances("--allow-file", o.AllowFile)
	if err != nil {
		return err
	}
	var deny func(string) bool
	switch o.DenyReplace {
	case "auto", "":
		deny = prcomment.DenyReplaceDefault
	case "true":
		deny = func(string) bool { return true }
	case "false":
		deny = func(string) bool { return false }
	default:
		return &UsageError{Msg: fmt.Sprintf("--deny-replace: got %q, want auto (production only), true or false", o.DenyReplace)}
	}
	var target prcomment.Target
	if o.Comment {
		override := prcomment.Target{PullRequest: o.PR}
		if o.Repo != "" {
			owner, repo, ok := strings.Cut(o.Repo, "/")
			if !ok || owner == "" || repo == "" {
				return &UsageError{Msg: fmt.Sprintf("--repo %q: want owner/name", o.Repo)}
			}
			override.Owner, override.Repo = owner, repo
		}
		var err error
		if target, err = prcomment.TargetFromEnv(d.LookupEnv, override); err != nil {
			return &UsageError{Msg: "--comment: " + err.Error()}
		}
	}
	var previews []prcomment.Preview
	if o.FromJSON != "" {
		if previews, err = readPreviews(o.FromJSON); err != nil {
			return err
		}
		for _, p := range previews {
			if perr := p.Err(); perr != nil {
				err = errors.Join(err, perr)
			} else if p.Error != "" {
				err = errors.Join(err, fmt.Errorf("preview of %s: %s", p.Stack, firstLine(p.Error)))
			}
		}
	} else {
		previews, err = previewAll(ctx, d, o, deny, allow)
	}
	opts := prcomment.Options{PullRequest: target.PullRequest, RunURL: target.RunURL}
	switch {
	case o.JSON:
		if werr := writeJSON(d.Stdout, prcomment.NewSet(previews)); werr != nil && err == nil {
			err = werr
		}
	case o.Markdown || len(previews) > 1:
		for _, c := range prcomment.Render(previews, opts) {
			fmt.Fprintf(d.Stdout, "%s\n\n", c.Body)
		}
	}
	for _, p := range previews {
		fmt.Fprintf(d.Stderr, "%s: %s\n", p.Stack, previewLine(p))
	}
	if o.Comment {
		poster, perr := prcomment.NewPoster(http.DefaultClient, target)
		if perr != nil {
			return perr
		}
		posted, perr := poster.Publish(ctx, previews, opts)
		if perr != nil {
			return fmt.Errorf("post the comments to %s/%s#%d: %w", target.Owner, target.Repo, target.PullRequest, perr)
		}
		fmt.Fprintf(d.Stderr, "comments on %s/%s#%d: %d created, %d updated, %d unchanged, %d deleted\n", target.Owner, target.Repo,
			target.PullRequest, len(posted.Created), len(posted.Updated), len(posted.Unchanged), len(posted.Deleted))
	}
	return err
}

// previewAll previews the stacks at once, one workspace (and simulated cloud) each.
func previewAll(ctx context.Context, d *Deps, o PreviewsOptions, deny func(string) bool, allow []prcomment.Allowance) ([]prcomment.Preview, error) {
	fmt.Fprintf(d.Stderr, "previewing %s at once ...\n", strings.Join(o.Stacks, ", "))
	var checker prcomment.CheckFunc
	if o.Policy {
		checker = func(ctx context.Context, stack string) (*policy.Report, error) {
			return checkStack(ctx, d, o.ProjectDir, stack)
		}
	}
	return prcomment.PreviewAll(ctx, o.Stacks, func(ctx context.Context, stack string) (*infra.Result, error) {
		c := o.Common
		c.Stack = stack
		var res *infra.Result
		err := d.withStack(ctx, c, func(r Runner) error {
			var err error
			res, err = r.Preview(ctx, infra.RunOptions{Refresh: o.Refresh, ExpectNoChanges: o.ExpectNoChanges})
			return err
		})
		return res, err
	}, checker, deny, allow)
}

func previewLine(p prcomment.Preview) string {
	switch {
	case p.Error != "":
		return "failed: " + firstLine(p.Error)
	case p.Gate != nil && len(p.Gate.Refused) > 0:
		return fmt.Sprintf("refused by --deny-replace (%d stateful resources)", len(p.Gate.Refused))
	}
	c := prcomment.CountsOf(p.Result)
	return fmt.Sprintf("%d to create, %d to update, %d to replace, %d to delete", c.Create, c.Update, c.Replace, c.Delete)
}
