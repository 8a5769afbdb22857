package prcomment

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// Target is where comments go, and the token that may post them.
type Target struct {
	Owner, Repo string
	PullRequest int
	Token       string
	// APIURL is GitHub's API root ("" for api.github.com).
	APIURL string
	// RunURL links the workflow run ("" outside GitHub Actions).
	RunURL string
}

var pullRef = regexp.MustCompile(`^refs/pull/(\d+)/`)

// TargetFromEnv reads the target from GitHub Actions' environment: GITHUB_REPOSITORY,
// GITHUB_TOKEN, GITHUB_API_URL, the pull request's number from the event (GITHUB_EVENT_PATH) or
// GITHUB_REF (refs/pull/<n>/merge), and the run's URL. Flags given by the caller take
// precedence: pass them as override (zero fields are read from the environment). Every missing
// value is reported at once.
func TargetFromEnv(lookup func(string) (string, bool), override Target) (Target, error) {
	get := func(k string) string { v, _ := lookup(k); return v }
	t := override
	if t.Owner == "" || t.Repo == "" {
		if owner, repo, ok := strings.Cut(get("GITHUB_REPOSITORY"), "/"); ok {
			t.Owner, t.Repo = owner, repo
		}
	}
	if t.Token == "" {
		t.Token = get("GITHUB_TOKEN")
	}
	if t.APIURL == "" {
		t.APIURL = get("GITHUB_API_URL")
	}
	if t.RunURL == "" && get("GITHUB_RUN_ID") != "" {
		t.RunURL = fmt.Sprintf("%s/%s/actions/runs/%s", get("GITHUB_SERVER_URL"), get("GITHUB_REPOSITORY"), get("GITHUB_RUN_ID"))
	}
	if t.PullRequest == 0 {
		t.PullRequest = pullRequestOf(get("GITHUB_EVENT_PATH"), get("GITHUB_REF"))
	}
	var errs []error
	if t.Owner == "" || t.Repo == "" {
		errs = append(errs, errors.New("no repository: set --repo owner/name or GITHUB_REPOSITORY"))
	}
	if t.Token == "" {
		errs = append(errs, errors.New("no token: set GITHUB_TOKEN"))
	}
	if t.PullRequest <= 0 {
		errs = append(errs, errors.New("no pull request: set --pr or run on a pull_request event"))
	}
	return t, errors.Join(errs...)
}

// pullRequestOf reads the pull request's number from the event payload, else from the ref.
func pullRequestOf(eventPath, ref string) int {
	if eventPath != "" {
		if raw, err := os.ReadFile(eventPath); err == nil {
			var ev struct {
				Number      int `json:"number"`
				PullRequest *struct {
					Number int `json:"number"`
				} `json:"pull_request"`
			}
			if json.Unmarshal(raw, &ev) == nil {
				if ev.PullRequest != nil && ev.PullRequest.Number > 0 {
					return ev.PullRequest.Number
				}
				if ev.Number > 0 {
					return ev.Number
				}
			}
		}
	}
	if m := pullRef.FindStringSubmatch(ref); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

func ensureSlash(p string) string {
	if !strings.HasSuffix(p, "/") {
		return p + "/"
	}
	return p
}
