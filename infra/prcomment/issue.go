package prcomment

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/go-github/v72/github"
)

// DriftLabel labels the drift issues.
const DriftLabel = "drift"

// DriftMarker is the hidden first line of a stack's drift issue.
func DriftMarker(stack string) string { return fmt.Sprintf("<!-- notifyctl:drift stack=%s -->", stack) }

// ReportDrift keeps one issue per stack telling its drift: with drift (body not empty) the open
// issue carrying the stack's marker is edited in place, or one is opened; without drift an open
// issue is closed with a last word. It returns the issue (nil when there was nothing to do).
func (p *Poster) ReportDrift(ctx context.Context, stack, body string) (*github.Issue, error) {
	marker := DriftMarker(stack)
	existing, err := p.driftIssue(ctx, marker)
	if err != nil {
		return nil, err
	}
	title := fmt.Sprintf("Drift in %s: the cloud differs from the program", stack)
	switch {
	case body == "" && existing == nil:
		return nil, nil
	case body == "":
		closed, _, err := p.Issues.Edit(ctx, p.Owner, p.Repo, existing.GetNumber(), &github.IssueRequest{
			State: github.Ptr("closed"), Body: github.Ptr(marker + "\nNo drift found by the last check.\n")})
		if err != nil {
			return nil, fmt.Errorf("close drift issue %d: %w", existing.GetNumber(), err)
		}
		return closed, nil
	case existing != nil:
		full := marker + "\n" + body
		if existing.GetBody() == full {
			return existing, nil
		}
		edited, _, err := p.Issues.Edit(ctx, p.Owner, p.Repo, existing.GetNumber(), &github.IssueRequest{Body: github.Ptr(full)})
		if err != nil {
			return nil, fmt.Errorf("edit drift issue %d: %w", existing.GetNumber(), err)
		}
		return edited, nil
	}
	created, _, err := p.Issues.Create(ctx, p.Owner, p.Repo, &github.IssueRequest{Title: github.Ptr(title),
		Body: github.Ptr(marker + "\n" + body), Labels: &[]string{DriftLabel}})
	if err != nil {
		return nil, fmt.Errorf("open drift issue for %s: %w", stack, err)
	}
	return created, nil
}

func (p *Poster) driftIssue(ctx context.Context, marker string) (*github.Issue, error) {
	opts := &github.IssueListByRepoOptions{State: "open", Labels: []string{DriftLabel}, ListOptions: github.ListOptions{PerPage: 100}}
	for {
		is, resp, err := p.Issues.ListByRepo(ctx, p.Owner, p.Repo, opts)
		if err != nil {
			return nil, fmt.Errorf("list drift issues: %w", err)
		}
		for _, i := range is {
			if strings.HasPrefix(i.GetBody(), marker) && !i.IsPullRequest() {
				return i, nil
			}
		}
		if resp == nil || resp.NextPage == 0 {
			return nil, nil
		}
		opts.ListOptions.Page = resp.NextPage
	}
}
