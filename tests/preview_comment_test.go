package tests

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/cli"
	"github.com/cds-snc/notification-pulumi/infra/prcomment"
	"github.com/cds-snc/notification-pulumi/infra/prcomment/githubfake"
)

// TestPreviewAllCommentsOnThePullRequestThenUpdatesInPlace runs what the pull-request workflow
// runs, `notifyctl preview --all --cloud sim --comment`, through the engine against a fake
// GitHub: the first run prints and creates the overview and each stack's comments (several when
// one would pass GitHub's limit, as 850 creates do); the next run of the workflow (another run
// id, so the run's link changes) edits the same comments in place and creates none.
func TestPreviewAllCommentsOnThePullRequestThenUpdatesInPlace(t *testing.T) {
	requireEngine(t)
	t.Parallel()
	gh := githubfake.Start("cds-snc", "notification-pulumi")
	t.Cleanup(gh.Close)
	gh.Seed(7, 1, "Looks good to me")
	n := &notifyctlRunner{t: t, state: t.TempDir(), env: map[string]string{
		"GITHUB_TOKEN": "t0ken", "GITHUB_API_URL": gh.URL, "GITHUB_REPOSITORY": "cds-snc/notification-pulumi",
		"GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "100"}}

	code, stdout, stderr := n.run(nil, nil, "preview", "--all", "--cloud", "sim", "--comment", "--pr", "7", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stderr)
	for _, stack := range []string{"dev", "staging", "production"} {
		assert.Contains(t, stdout, prcomment.StackMarker(7, stack, 1), "the comments are printed too")
		assert.Regexp(t, regexp.MustCompile(`(?m)^`+stack+`: \d{3} to create, 0 to update, 0 to replace, 0 to delete$`), stderr)
	}
	reqs := gh.Take()
	comments := gh.Comments(7)
	require.GreaterOrEqual(t, len(comments), 1+1+3, "people's comment, the overview, a comment a stack")
	assert.Equal(t, len(comments)-1, githubfake.Count(reqs, "POST"), "one POST a comment")
	assert.Equal(t, "Looks good to me", comments[0].Body, "people's comments are left alone")
	overview, ok := prcomment.ParseMarker(comments[1].Body)
	require.True(t, ok)
	assert.Empty(t, overview.Stack, "the overview heads the thread")
	byStack := stackComments(comments)
	for _, stack := range []string{"dev", "staging", "production"} {
		assert.Contains(t, comments[1].Body, "`"+stack+"`")
		parts := byStack[stack]
		require.NotEmpty(t, parts, "a comment for %s", stack)
		assert.True(t, strings.HasPrefix(parts[0].Body, prcomment.StackMarker(7, stack, 1)))
		assert.Contains(t, comments[1].Body, parts[0].URL, "the overview links the stack's first comment")
		assert.Contains(t, parts[len(parts)-1].Body, "actions/runs/100", "the last part links the run")
		assert.Regexp(t, `Policy: the \d+ rules pass`, parts[0].Body, "the policy rules ran on the stack")
	}
	for _, a := range gh.Auth() {
		assert.Equal(t, "Bearer t0ken", a)
	}
	assert.Contains(t, stderr, "comments on cds-snc/notification-pulumi#7: ")

	n.env["GITHUB_RUN_ID"] = "101"
	code, _, stderr = n.run(nil, nil, "preview", "--all", "--cloud", "sim", "--comment", "--pr", "7", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stderr)
	reqs = gh.Take()
	assert.Zero(t, githubfake.Count(reqs, "POST"), "never duplicated: %v", reqs)
	assert.Zero(t, githubfake.Count(reqs, "DELETE"), "%v", reqs)
	assert.Equal(t, 1+3, githubfake.Count(reqs, "PATCH"), "the overview and each stack's last part (the run's link) edited in place: %v", reqs)
	again := gh.Comments(7)
	require.Len(t, again, len(comments))
	for i := range comments {
		assert.Equal(t, comments[i].ID, again[i].ID)
	}
	assert.Contains(t, again[1].Body, "actions/runs/101")
	for stack, parts := range stackComments(again) {
		assert.Contains(t, parts[len(parts)-1].Body, "actions/runs/101", stack)
	}
}

// stackComments is the comments of each stack, in part order.
func stackComments(comments []githubfake.Comment) map[string][]githubfake.Comment {
	out := map[string][]githubfake.Comment{}
	for _, c := range comments {
		if m, ok := prcomment.ParseMarker(c.Body); ok && m.Stack != "" {
			out[m.Stack] = append(out[m.Stack], c)
		}
	}
	return out
}
