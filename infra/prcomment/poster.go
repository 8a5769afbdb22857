package prcomment

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"

	"github.com/google/go-github/v72/github"
)

// Issues is the part of GitHub's issues API the Poster calls (*github.IssuesService has it), so
// tests and other programs can give their own.
type Issues interface {
	ListComments(ctx context.Context, owner, repo string, number int, opts *github.IssueListCommentsOptions) ([]*github.IssueComment, *github.Response, error)
	CreateComment(ctx context.Context, owner, repo string, number int, comment *github.IssueComment) (*github.IssueComment, *github.Response, error)
	EditComment(ctx context.Context, owner, repo string, commentID int64, comment *github.IssueComment) (*github.IssueComment, *github.Response, error)
	DeleteComment(ctx context.Context, owner, repo string, commentID int64) (*github.Response, error)
	ListByRepo(ctx context.Context, owner, repo string, opts *github.IssueListByRepoOptions) ([]*github.Issue, *github.Response, error)
	Create(ctx context.Context, owner, repo string, issue *github.IssueRequest) (*github.Issue, *github.Response, error)
	Edit(ctx context.Context, owner, repo string, number int, issue *github.IssueRequest) (*github.Issue, *github.Response, error)
}

// Poster posts the previews' comments on a pull request, in place.
type Poster struct {
	Issues      Issues
	Owner, Repo string
	PullRequest int
}

// NewPoster is a Poster on GitHub's API at t.APIURL ("" is api.github.com; GitHub Actions
// gives GITHUB_API_URL, tests an httptest.Server's URL) with t.Token; httpClient nil is
// http.DefaultClient.
func NewPoster(httpClient *http.Client, t Target) (*Poster, error) {
	apiURL := t.APIURL
	c := github.NewClient(httpClient).WithAuthToken(t.Token)
	if apiURL != "" {
		// GITHUB_API_URL is the API's root, as is api.github.com.
		u, err := url.Parse(ensureSlash(apiURL))
		if err != nil {
			return nil, fmt.Errorf("github api url %s: %w", apiURL, err)
		}
		c.BaseURL = u
	}
	return &Poster{Issues: c.Issues, Owner: t.Owner, Repo: t.Repo, PullRequest: t.PullRequest}, nil
}

// Posted says what Publish did.
type Posted struct {
	// Created, Updated, Unchanged and Deleted are comment ids.
	Created, Updated, Unchanged, Deleted []int64
	// Links maps each stack to its first comment's URL.
	Links map[string]string
	// Overview is the overview comment's URL.
	Overview string
}

// Publish makes the pull request's comments tell previews: each stack's parts and the overview
// are created, or edited in place when their marker is found (left alone when unchanged);
// comments of stacks no longer previewed, or parts beyond a stack's count, are deleted. The
// overview is created first on a new pull request, so it heads the thread, and links every stack.
func (p *Poster) Publish(ctx context.Context, previews []Preview, o Options) (*Posted, error) {
	o.PullRequest = p.PullRequest
	existing, err := p.ours(ctx)
	if err != nil {
		return nil, err
	}
	out := &Posted{Links: map[string]string{}}
	overviewKey := key{}
	if _, ok := existing[overviewKey]; !ok {
		c, err := p.put(ctx, existing, overviewKey, RenderOverview(previews, nil, o).Body, out)
		if err != nil {
			return out, err
		}
		existing[overviewKey] = c
	}
	keep := map[key]bool{overviewKey: true}
	for _, pv := range byStack(previews) {
		for _, c := range RenderStack(pv, o) {
			k := key{stack: c.Stack, part: c.Part}
			keep[k] = true
			posted, err := p.put(ctx, existing, k, c.Body, out)
			if err != nil {
				return out, err
			}
			if c.Part == 1 {
				out.Links[c.Stack] = posted.GetHTMLURL()
			}
		}
	}
	ov, err := p.put(ctx, existing, overviewKey, RenderOverview(previews, out.Links, o).Body, out)
	if err != nil {
		return out, err
	}
	out.Overview = ov.GetHTMLURL()
	var stale []key
	for k := range existing {
		if !keep[k] {
			stale = append(stale, k)
		}
	}
	sort.Slice(stale, func(i, j int) bool { return stale[i].less(stale[j]) })
	for _, k := range stale {
		id := existing[k].GetID()
		if _, err := p.Issues.DeleteComment(ctx, p.Owner, p.Repo, id); err != nil {
			return out, fmt.Errorf("delete stale comment %d (stack %q part %d): %w", id, k.stack, k.part, err)
		}
		out.Deleted = append(out.Deleted, id)
	}
	return out, nil
}

// key identifies a comment among ours: a stack's part, or the overview (zero key).
type key struct {
	stack string
	part  int
}

func (k key) less(o key) bool {
	if k.stack != o.stack {
		return k.stack < o.stack
	}
	return k.part < o.part
}

// ours lists the pull request's comments that carry this pull request's markers (every page).
// A duplicate (two comments with one marker, left by a run that failed half-way) is deleted.
func (p *Poster) ours(ctx context.Context) (map[key]*github.IssueComment, error) {
	found := map[key]*github.IssueComment{}
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for {
		cs, resp, err := p.Issues.ListComments(ctx, p.Owner, p.Repo, p.PullRequest, opts)
		if err != nil {
			return nil, fmt.Errorf("list comments of pull request %d: %w", p.PullRequest, err)
		}
		for _, c := range cs {
			m, ok := ParseMarker(c.GetBody())
			if !ok || m.PullRequest != p.PullRequest {
				continue
			}
			k := key{stack: m.Stack, part: m.Part}
			if prev, dup := found[k]; dup {
				if _, err := p.Issues.DeleteComment(ctx, p.Owner, p.Repo, prev.GetID()); err != nil {
					return nil, fmt.Errorf("delete duplicate comment %d: %w", prev.GetID(), err)
				}
			}
			found[k] = c
		}
		if resp == nil || resp.NextPage == 0 {
			return found, nil
		}
		opts.Page = resp.NextPage
	}
}

// put creates the comment of k, or edits it when its body differs.
func (p *Poster) put(ctx context.Context, existing map[key]*github.IssueComment, k key, body string, out *Posted) (*github.IssueComment, error) {
	if c, ok := existing[k]; ok {
		if c.GetBody() == body {
			out.Unchanged = append(out.Unchanged, c.GetID())
			return c, nil
		}
		e, _, err := p.Issues.EditComment(ctx, p.Owner, p.Repo, c.GetID(), &github.IssueComment{Body: github.Ptr(body)})
		if err != nil {
			return nil, fmt.Errorf("edit comment %d (stack %q part %d): %w", c.GetID(), k.stack, k.part, err)
		}
		out.Updated = append(out.Updated, e.GetID())
		existing[k] = e
		return e, nil
	}
	c, _, err := p.Issues.CreateComment(ctx, p.Owner, p.Repo, p.PullRequest, &github.IssueComment{Body: github.Ptr(body)})
	if err != nil {
		return nil, fmt.Errorf("comment on pull request %d (stack %q part %d): %w", p.PullRequest, k.stack, k.part, err)
	}
	out.Created = append(out.Created, c.GetID())
	existing[k] = c
	return c, nil
}
