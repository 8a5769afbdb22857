package prcomment

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeGitHub is GitHub's issues API for one repository in memory, recording every request.
type fakeGitHub struct {
	mu       sync.Mutex
	nextID   int64
	comments map[int][]*fakeComment // issue number -> comments, in creation order
	issues   []*fakeIssue
	requests []string // "METHOD path"
	auth     []string
}

type fakeComment struct {
	ID   int64  `json:"id"`
	Body string `json:"body"`
	URL  string `json:"html_url"`
}

type fakeIssue struct {
	Number int      `json:"number"`
	Title  string   `json:"title"`
	Body   string   `json:"body"`
	State  string   `json:"state"`
	Labels []string `json:"-"`
}

var (
	commentsPath = regexp.MustCompile(`^/repos/cds-snc/notify/issues/(\d+)/comments$`)
	commentPath  = regexp.MustCompile(`^/repos/cds-snc/notify/issues/comments/(\d+)$`)
	issuesPath   = regexp.MustCompile(`^/repos/cds-snc/notify/issues$`)
	issuePath    = regexp.MustCompile(`^/repos/cds-snc/notify/issues/(\d+)$`)
)

func newFakeGitHub(t *testing.T) (*fakeGitHub, *httptest.Server) {
	f := &fakeGitHub{nextID: 1000, comments: map[int][]*fakeComment{}}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeGitHub) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.Path)
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	var in struct {
		Body   *string   `json:"body"`
		Title  *string   `json:"title"`
		State  *string   `json:"state"`
		Labels *[]string `json:"labels"`
	}
	if r.Body != nil {
		raw, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(raw, &in)
	}
	reply := func(code int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(v)
	}
	switch m := commentsPath.FindStringSubmatch(r.URL.Path); {
	case m != nil && r.Method == http.MethodGet:
		n, _ := strconv.Atoi(m[1])
		all := f.comments[n]
		per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		page = max(page, 1)
		lo, hi := min((page-1)*per, len(all)), min(page*per, len(all))
		if hi < len(all) {
			w.Header().Set("Link", fmt.Sprintf(`<http://%s%s?page=%d&per_page=%d>; rel="next"`, r.Host, r.URL.Path, page+1, per))
		}
		reply(200, all[lo:hi])
		return
	case m != nil && r.Method == http.MethodPost:
		n, _ := strconv.Atoi(m[1])
		f.nextID++
		c := &fakeComment{ID: f.nextID, Body: *in.Body, URL: fmt.Sprintf("https://github.com/cds-snc/notify/pull/%d#issuecomment-%d", n, f.nextID)}
		f.comments[n] = append(f.comments[n], c)
		reply(201, c)
		return
	}
	if m := commentPath.FindStringSubmatch(r.URL.Path); m != nil {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		for n, cs := range f.comments {
			for i, c := range cs {
				if c.ID != id {
					continue
				}
				if r.Method == http.MethodDelete {
					f.comments[n] = append(cs[:i:i], cs[i+1:]...)
					w.WriteHeader(204)
					return
				}
				c.Body = *in.Body
				reply(200, c)
				return
			}
		}
		reply(404, map[string]string{"message": "Not Found"})
		return
	}
	if issuesPath.MatchString(r.URL.Path) {
		if r.Method == http.MethodPost {
			i := &fakeIssue{Number: len(f.issues) + 1, Title: *in.Title, Body: *in.Body, State: "open", Labels: *in.Labels}
			f.issues = append(f.issues, i)
			reply(201, i)
			return
		}
		var open []*fakeIssue
		for _, i := range f.issues {
			if i.State == r.URL.Query().Get("state") {
				open = append(open, i)
			}
		}
		reply(200, open)
		return
	}
	if m := issuePath.FindStringSubmatch(r.URL.Path); m != nil {
		n, _ := strconv.Atoi(m[1])
		i := f.issues[n-1]
		if in.Body != nil {
			i.Body = *in.Body
		}
		if in.State != nil {
			i.State = *in.State
		}
		reply(200, i)
		return
	}
	reply(404, map[string]string{"message": "Not Found"})
}

func (f *fakeGitHub) take() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := f.requests
	f.requests = nil
	return r
}

func (f *fakeGitHub) bodies(pr int) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.comments[pr] {
		out = append(out, c.Body)
	}
	return out
}

func poster(t *testing.T, srv *httptest.Server, pr int) *Poster {
	p, err := NewPoster(srv.Client(), Target{Owner: "cds-snc", Repo: "notify", PullRequest: pr, Token: "t0ken", APIURL: srv.URL})
	require.NoError(t, err)
	return p
}

func count(reqs []string, method string) int {
	n := 0
	for _, r := range reqs {
		if regexp.MustCompile("^" + method + " ").MatchString(r) {
			n++
		}
	}
	return n
}

// TestPublishCreatesThenUpdatesInPlaceThenRemovesStale posts the previews of two stacks (one in
// three parts) on a pull request that already has people's comments over two pages; posts again
// unchanged (nothing written), with a change (edited in place), and without a stack (its
// comments deleted). Another pull request's comments are never touched.
func TestPublishCreatesThenUpdatesInPlaceThenRemovesStale(t *testing.T) {
	f, srv := newFakeGitHub(t)
	for i := 0; i < 120; i++ {
		f.comments[5] = append(f.comments[5], &fakeComment{ID: int64(i + 1), Body: fmt.Sprintf("LGTM %d", i)})
	}
	f.comments[6] = []*fakeComment{{ID: 99, Body: StackMarker(6, "dev", 1) + "\nanother pull request"}}
	p := poster(t, srv, 5)
	ctx := context.Background()
	o := Options{Limit: 6000}
	previews := []Preview{{Stack: "staging", Result: bigResult(40)}, {Stack: "dev", Result: bigResult(2)}}

	posted, err := p.Publish(ctx, previews, o)
	require.NoError(t, err)
	reqs := f.take()
	assert.Equal(t, []string{"GET /repos/cds-snc/notify/issues/5/comments", "GET /repos/cds-snc/notify/issues/5/comments"}, reqs[:2], "every page is read")
	assert.Equal(t, "POST /repos/cds-snc/notify/issues/5/comments", reqs[2], "the overview is created first, so it heads the thread")
	stagingParts := len(RenderStack(previews[0], Options{PullRequest: 5, Limit: 6000}))
	require.Greater(t, stagingParts, 1)
	assert.Equal(t, 1+1+stagingParts, count(reqs, "POST"), "overview, dev, staging's parts")
	assert.Equal(t, 1, count(reqs, "PATCH"), "the overview gets its links")
	for _, a := range f.auth {
		assert.Equal(t, "Bearer t0ken", a)
	}
	bodies := f.bodies(5)
	require.Len(t, bodies, 120+2+stagingParts)
	overview := bodies[120]
	assert.Contains(t, overview, OverviewMarker(5))
	assert.Contains(t, overview, "[comment]("+posted.Links["dev"]+")")
	assert.Contains(t, overview, "[comment]("+posted.Links["staging"]+")")
	assert.Regexp(t, `^<!-- notifyctl:preview pr=5 stack=dev part=1 -->`, bodies[121], "stacks in name order")

	_, err = p.Publish(ctx, previews, o)
	require.NoError(t, err)
	reqs = f.take()
	assert.Zero(t, count(reqs, "POST")+count(reqs, "PATCH")+count(reqs, "DELETE"), "unchanged: nothing written (%v)", reqs)

	previews[1].Result = bigResult(3)
	_, err = p.Publish(ctx, previews, o)
	require.NoError(t, err)
	reqs = f.take()
	assert.Zero(t, count(reqs, "POST"), "never duplicated")
	assert.Equal(t, 2, count(reqs, "PATCH"), "dev's comment and the overview's counts edited in place (%v)", reqs)

	previews = []Preview{{Stack: "staging", Result: bigResult(2)}}
	posted, err = p.Publish(ctx, previews, o)
	require.NoError(t, err)
	reqs = f.take()
	assert.Zero(t, count(reqs, "POST"))
	assert.Equal(t, stagingParts, count(reqs, "DELETE"), "dev's comment and staging's extra parts are removed (%v)", reqs)
	assert.Len(t, posted.Deleted, stagingParts)
	bodies = f.bodies(5)
	require.Len(t, bodies, 120+2)
	assert.NotContains(t, bodies[120], "`dev`", "the overview lists the stacks previewed")
	assert.Equal(t, []string{StackMarker(6, "dev", 1) + "\nanother pull request"}, f.bodies(6))
}

// TestPublishRemovesDuplicates: two comments with one marker (a run that failed half-way) leave
// one.
func TestPublishRemovesDuplicates(t *testing.T) {
	f, srv := newFakeGitHub(t)
	f.comments[8] = []*fakeComment{{ID: 1, Body: StackMarker(8, "dev", 1) + "\nold"}, {ID: 2, Body: StackMarker(8, "dev", 1) + "\nolder"}}
	_, err := poster(t, srv, 8).Publish(context.Background(), []Preview{{Stack: "dev", Result: bigResult(1)}}, Options{})
	require.NoError(t, err)
	var devs int
	for _, b := range f.bodies(8) {
		if m, ok := ParseMarker(b); ok && m.Stack == "dev" {
			devs++
		}
	}
	assert.Equal(t, 1, devs)
}

// TestReportDriftKeepsOneIssuePerStack: drift opens an issue, more drift edits it, no drift
// closes it, and another stack has its own.
func TestReportDriftKeepsOneIssuePerStack(t *testing.T) {
	f, srv := newFakeGitHub(t)
	p := poster(t, srv, 0)
	ctx := context.Background()
	i, err := p.ReportDrift(ctx, "production", "1 to update")
	require.NoError(t, err)
	assert.Equal(t, 1, i.GetNumber())
	_, err = p.ReportDrift(ctx, "production", "2 to update")
	require.NoError(t, err)
	_, err = p.ReportDrift(ctx, "staging", "1 to delete")
	require.NoError(t, err)
	require.Len(t, f.issues, 2, "one issue per stack")
	assert.Equal(t, DriftMarker("production")+"\n2 to update", f.issues[0].Body)
	assert.Equal(t, []string{DriftLabel}, f.issues[0].Labels)
	_, err = p.ReportDrift(ctx, "production", "")
	require.NoError(t, err)
	assert.Equal(t, "closed", f.issues[0].State)
	assert.Equal(t, "open", f.issues[1].State)
	i, err = p.ReportDrift(ctx, "production", "")
	require.NoError(t, err)
	assert.Nil(t, i, "no drift and no issue: nothing to do")
	reqs := f.take()
	sort.Strings(reqs)
	assert.Equal(t, 2, count(reqs, "POST"))
}
