package prcomment

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/prcomment/githubfake"
)

func newFakeGitHub(t *testing.T) *githubfake.GitHub {
	g := githubfake.Start("cds-snc", "notify")
	t.Cleanup(g.Close)
	return g
}

func poster(t *testing.T, f *githubfake.GitHub, pr int) *Poster {
	p, err := NewPoster(f.Client(), Target{Owner: "cds-snc", Repo: "notify", PullRequest: pr, Token: "t0ken", APIURL: f.URL})
	require.NoError(t, err)
	return p
}

// TestPublishCreatesThenUpdatesInPlaceThenRemovesStale posts the previews of two stacks (one in
// three parts) on a pull request that already has people's comments over two pages; posts again
// unchanged (nothing written), with a change (edited in place), and without a stack (its
// comments deleted). Another pull request's comments are never touched.
func TestPublishCreatesThenUpdatesInPlaceThenRemovesStale(t *testing.T) {
	f := newFakeGitHub(t)
	for i := 0; i < 120; i++ {
		f.Seed(5, int64(i+1), fmt.Sprintf("LGTM %d", i))
	}
	f.Seed(6, 99, StackMarker(6, "dev", 1)+"\nanother pull request")
	p := poster(t, f, 5)
	ctx := context.Background()
	o := Options{Limit: 6000}
	previews := []Preview{{Stack: "staging", Result: bigResult(40)}, {Stack: "dev", Result: bigResult(2)}}

	posted, err := p.Publish(ctx, previews, o)
	require.NoError(t, err)
	reqs := f.Take()
	assert.Equal(t, []string{"GET /repos/cds-snc/notify/issues/5/comments", "GET /repos/cds-snc/notify/issues/5/comments"}, reqs[:2], "every page is read")
	assert.Equal(t, "POST /repos/cds-snc/notify/issues/5/comments", reqs[2], "the overview is created first, so it heads the thread")
	stagingParts := len(RenderStack(previews[0], Options{PullRequest: 5, Limit: 6000}))
	require.Greater(t, stagingParts, 1)
	assert.Equal(t, 1+1+stagingParts, githubfake.Count(reqs, "POST"), "overview, dev, staging's parts")
	assert.Equal(t, 1, githubfake.Count(reqs, "PATCH"), "the overview gets its links")
	for _, a := range f.Auth() {
		assert.Equal(t, "Bearer t0ken", a)
	}
	bodies := f.Bodies(5)
	require.Len(t, bodies, 120+2+stagingParts)
	overview := bodies[120]
	assert.Contains(t, overview, OverviewMarker(5))
	assert.Contains(t, overview, "[comment]("+posted.Links["dev"]+")")
	assert.Contains(t, overview, "[comment]("+posted.Links["staging"]+")")
	assert.Regexp(t, `^<!-- notifyctl:preview pr=5 stack=dev part=1 -->`, bodies[121], "stacks in name order")

	_, err = p.Publish(ctx, previews, o)
	require.NoError(t, err)
	reqs = f.Take()
	assert.Zero(t, githubfake.Count(reqs, "POST")+githubfake.Count(reqs, "PATCH")+githubfake.Count(reqs, "DELETE"), "unchanged: nothing written (%v)", reqs)

	previews[1].Result = bigResult(3)
	_, err = p.Publish(ctx, previews, o)
	require.NoError(t, err)
	reqs = f.Take()
	assert.Zero(t, githubfake.Count(reqs, "POST"), "never duplicated")
	assert.Equal(t, 2, githubfake.Count(reqs, "PATCH"), "dev's comment and the overview's counts edited in place (%v)", reqs)

	previews = []Preview{{Stack: "staging", Result: bigResult(2)}}
	posted, err = p.Publish(ctx, previews, o)
	require.NoError(t, err)
	reqs = f.Take()
	assert.Zero(t, githubfake.Count(reqs, "POST"))
	assert.Equal(t, stagingParts, githubfake.Count(reqs, "DELETE"), "dev's comment and staging's extra parts are removed (%v)", reqs)
	assert.Len(t, posted.Deleted, stagingParts)
	bodies = f.Bodies(5)
	require.Len(t, bodies, 120+2)
	assert.NotContains(t, bodies[120], "`dev`", "the overview lists the stacks previewed")
	assert.Equal(t, []string{StackMarker(6, "dev", 1) + "\nanother pull request"}, f.Bodies(6))
}

// TestPublishRemovesDuplicates: two comments with one marker (a run that failed half-way) leave
// one.
func TestPublishRemovesDuplicates(t *testing.T) {
	f := newFakeGitHub(t)
	f.Seed(8, 1, StackMarker(8, "dev", 1)+"\nold")
	f.Seed(8, 2, StackMarker(8, "dev", 1)+"\nolder")
	_, err := poster(t, f, 8).Publish(context.Background(), []Preview{{Stack: "dev", Result: bigResult(1)}}, Options{})
	require.NoError(t, err)
	var devs int
	for _, b := range f.Bodies(8) {
		if m, ok := ParseMarker(b); ok && m.Stack == "dev" {
			devs++
		}
	}
	assert.Equal(t, 1, devs)
}

// TestReportDriftKeepsOneIssuePerStack: drift opens an issue, more drift edits it, no drift
// closes it, and another stack has its own.
func TestReportDriftKeepsOneIssuePerStack(t *testing.T) {
	f := newFakeGitHub(t)
	p := poster(t, f, 0)
	ctx := context.Background()
	i, err := p.ReportDrift(ctx, "production", "1 to update")
	require.NoError(t, err)
	assert.Equal(t, 1, i.GetNumber())
	_, err = p.ReportDrift(ctx, "production", "2 to update")
	require.NoError(t, err)
	_, err = p.ReportDrift(ctx, "staging", "1 to delete")
	require.NoError(t, err)
	issues := f.Issues()
	require.Len(t, issues, 2, "one issue per stack")
	assert.Equal(t, DriftMarker("production")+"\n2 to update", issues[0].Body)
	assert.Equal(t, []string{DriftLabel}, issues[0].Labels)
	_, err = p.ReportDrift(ctx, "production", "")
	require.NoError(t, err)
	issues = f.Issues()
	assert.Equal(t, "closed", issues[0].State)
	assert.Equal(t, "open", issues[1].State)
	i, err = p.ReportDrift(ctx, "production", "")
	require.NoError(t, err)
	assert.Nil(t, i, "no drift and no issue: nothing to do")
	reqs := f.Take()
	sort.Strings(reqs)
	assert.Equal(t, 2, githubfake.Count(reqs, "POST"))
}
