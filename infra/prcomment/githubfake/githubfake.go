// Package githubfake is GitHub's issues API for one repository, in memory, behind an
// httptest.Server, recording every request: what the pull-request comment tests (unit and
// end-to-end) post to instead of github.com. Tests only; no production code imports it.
package githubfake

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Comment is an issue or pull-request comment.
type Comment struct {
	ID   int64  `json:"id"`
	Body string `json:"body"`
	URL  string `json:"html_url"`
}

// Issue is an issue.
type Issue struct {
	Number int      `json:"number"`
	Title  string   `json:"title"`
	Body   string   `json:"body"`
	State  string   `json:"state"`
	Labels []string `json:"-"`
}

// GitHub is the fake API of the repository Owner/Repo; URL is its root (GITHUB_API_URL).
type GitHub struct {
	Owner, Repo string
	URL         string
	server      *httptest.Server

	mu       sync.Mutex
	nextID   int64
	comments map[int][]*Comment // issue number -> comments, in creation order
	issues   []*Issue
	requests []string // "METHOD path"
	auth     []string
}

// Start serves a fake API for owner/repo until Close.
func Start(owner, repo string) *GitHub {
	g := &GitHub{Owner: owner, Repo: repo, nextID: 1000, comments: map[int][]*Comment{}}
	g.server = httptest.NewServer(http.HandlerFunc(g.serve))
	g.URL = g.server.URL
	return g
}

// Close stops the server.
func (g *GitHub) Close() { g.server.Close() }

// Client is an HTTP client for the server.
func (g *GitHub) Client() *http.Client { return g.server.Client() }

// Seed adds a comment someone else wrote to issue or pull request pr.
func (g *GitHub) Seed(pr int, id int64, body string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.comments[pr] = append(g.comments[pr], &Comment{ID: id, Body: body})
}

// Take returns the requests made since the last Take, as "METHOD path".
func (g *GitHub) Take() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	r := g.requests
	g.requests = nil
	return r
}

// Auth is the Authorization header of every request so far.
func (g *GitHub) Auth() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string(nil), g.auth...)
}

// Comments is a copy of pull request pr's comments, in creation order.
func (g *GitHub) Comments(pr int) []Comment {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]Comment, 0, len(g.comments[pr]))
	for _, c := range g.comments[pr] {
		out = append(out, *c)
	}
	return out
}

// Bodies is the bodies of pull request pr's comments, in creation order.
func (g *GitHub) Bodies(pr int) []string {
	var out []string
	for _, c := range g.Comments(pr) {
		out = append(out, c.Body)
	}
	return out
}

// Issues is a copy of the repository's issues.
func (g *GitHub) Issues() []Issue {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]Issue, 0, len(g.issues))
	for _, i := range g.issues {
		out = append(out, *i)
	}
	return out
}

// Count is how many of reqs use method.
func Count(reqs []string, method string) int {
	n := 0
	for _, r := range reqs {
		if strings.HasPrefix(r, method+" ") {
			n++
		}
	}
	return n
}

var (
	commentsPath = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/(\d+)/comments$`)
	commentPath  = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/comments/(\d+)$`)
	issuesPath   = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues$`)
	issuePath    = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/(\d+)$`)
)

type request struct {
	Body   *string   `json:"body"`
	Title  *string   `json:"title"`
	State  *string   `json:"state"`
	Labels *[]string `json:"labels"`
}

func (g *GitHub) serve(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.requests = append(g.requests, r.Method+" "+r.URL.Path)
	g.auth = append(g.auth, r.Header.Get("Authorization"))
	var in request
	if r.Body != nil {
		raw, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(raw, &in)
	}
	reply := func(code int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(v)
	}
	for _, re := range []*regexp.Regexp{commentsPath, commentPath, issuesPath, issuePath} {
		if m := re.FindStringSubmatch(r.URL.Path); m != nil && (m[1] != g.Owner || m[2] != g.Repo) {
			reply(404, map[string]string{"message": "Not Found"})
			return
		}
	}
	switch {
	case commentsPath.MatchString(r.URL.Path):
		n, _ := strconv.Atoi(commentsPath.FindStringSubmatch(r.URL.Path)[3])
		g.serveComments(w, r, n, in, reply)
	case commentPath.MatchString(r.URL.Path):
		id, _ := strconv.ParseInt(commentPath.FindStringSubmatch(r.URL.Path)[3], 10, 64)
		g.serveComment(w, r, id, in, reply)
	case issuesPath.MatchString(r.URL.Path):
		g.serveIssues(r, in, reply)
	case issuePath.MatchString(r.URL.Path):
		n, _ := strconv.Atoi(issuePath.FindStringSubmatch(r.URL.Path)[3])
		if n < 1 || n > len(g.issues) {
			reply(404, map[string]string{"message": "Not Found"})
			return
		}
		i := g.issues[n-1]
		if in.Body != nil {
			i.Body = *in.Body
		}
		if in.State != nil {
			i.State = *in.State
		}
		reply(200, i)
	default:
		reply(404, map[string]string{"message": "Not Found"})
	}
}

// serveComments lists a pull request's comments a page at a time (Link headers as GitHub's),
// or creates one.
func (g *GitHub) serveComments(w http.ResponseWriter, r *http.Request, n int, in request, reply func(int, any)) {
	if r.Method == http.MethodPost {
		if in.Body == nil {
			reply(422, map[string]string{"message": "body is missing"})
			return
		}
		g.nextID++
		c := &Comment{ID: g.nextID, Body: *in.Body,
			URL: fmt.Sprintf("https://github.com/%s/%s/pull/%d#issuecomment-%d", g.Owner, g.Repo, n, g.nextID)}
		g.comments[n] = append(g.comments[n], c)
		reply(201, c)
		return
	}
	all := g.comments[n]
	per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
	if per <= 0 {
		per = 30
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	lo, hi := min((page-1)*per, len(all)), min(page*per, len(all))
	if hi < len(all) {
		w.Header().Set("Link", fmt.Sprintf(`<http://%s%s?page=%d&per_page=%d>; rel="next"`, r.Host, r.URL.Path, page+1, per))
	}
	reply(200, all[lo:hi])
}

// serveComment edits or deletes one comment.
func (g *GitHub) serveComment(w http.ResponseWriter, r *http.Request, id int64, in request, reply func(int, any)) {
	for n, cs := range g.comments {
		for i, c := range cs {
			if c.ID != id {
				continue
			}
			if r.Method == http.MethodDelete {
				g.comments[n] = append(cs[:i:i], cs[i+1:]...)
				w.WriteHeader(204)
				return
			}
			if in.Body != nil {
				c.Body = *in.Body
			}
			reply(200, c)
			return
		}
	}
	reply(404, map[string]string{"message": "Not Found"})
}

// serveIssues lists the issues in a state, or opens one.
func (g *GitHub) serveIssues(r *http.Request, in request, reply func(int, any)) {
	if r.Method == http.MethodPost {
		i := &Issue{Number: len(g.issues) + 1, State: "open"}
		if in.Title != nil {
			i.Title = *in.Title
		}
		if in.Body != nil {
			i.Body = *in.Body
		}
		if in.Labels != nil {
			i.Labels = *in.Labels
		}
		g.issues = append(g.issues, i)
		reply(201, i)
		return
	}
	open := []*Issue{}
	for _, i := range g.issues {
		if i.State == r.URL.Query().Get("state") {
			open = append(open, i)
		}
	}
	reply(200, open)
}
