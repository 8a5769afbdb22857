package infra

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/opthistory"
)

// UpdateInfo is what an update was made for and by whom: recorded in the update's message
// (RunOptions.Message, from UpdateInfo.Message) and read back by History.
type UpdateInfo struct {
	// Subject is the message's first line (what ran: "up production from release v1.4.0").
	Subject string `json:"subject,omitempty"`
	// Commit is the commit deployed.
	Commit string `json:"commit,omitempty"`
	// PullRequest is the pull request that brought the commit, without '#'.
	PullRequest string `json:"pullRequest,omitempty"`
	// Actor is who started the run (GitHub's login).
	Actor string `json:"actor,omitempty"`
}

// Message is the update message that records u: the subject, then one "key: value" line each
// for the commit, the pull request and the actor (as Git trailers).
func (u UpdateInfo) Message() string {
	var trailers []string
	for _, kv := range [][2]string{{"commit", u.Commit}, {"pull-request", u.PullRequest}, {"actor", u.Actor}} {
		if kv[1] != "" {
			trailers = append(trailers, kv[0]+": "+kv[1])
		}
	}
	if len(trailers) == 0 {
		return u.Subject
	}
	return strings.TrimSpace(u.Subject + "\n\n" + strings.Join(trailers, "\n"))
}

// EngineEnv is the environment that makes the engine record u in the update's metadata, where
// Pulumi's own tools show it (ci.pr.number, ci.pr.headSHA, ci.build.url): Pulumi's generic CI
// detection, which takes precedence over the CI it would detect itself. Empty when u names
// neither a commit nor a pull request.
func (u UpdateInfo) EngineEnv(runURL string) map[string]string {
	if u.Commit == "" && u.PullRequest == "" {
		return nil
	}
	env := map[string]string{"PULUMI_CI_SYSTEM": "notifyctl"}
	for k, v := range map[string]string{"PULUMI_PR_NUMBER": u.PullRequest, "PULUMI_CI_PULL_REQUEST_SHA": u.Commit,
		"PULUMI_CI_BUILD_URL": runURL} {
		if v != "" {
			env[k] = v
		}
	}
	return env
}

var trailerRE = regexp.MustCompile(`(?m)^(commit|pull-request|actor): *(\S+)\s*$`)

// ParseUpdateMessage reads an update message written by UpdateInfo.Message (any other message
// is all subject). The automation API hands the message to the CLI Go-quoted (--message=%q), so
// the history holds it quoted: it is unquoted first.
func ParseUpdateMessage(msg string) UpdateInfo {
	if uq, err := strconv.Unquote(msg); err == nil && strings.HasPrefix(msg, `"`) {
		msg = uq
	}
	u := UpdateInfo{Subject: strings.TrimSpace(strings.SplitN(msg, "\n", 2)[0])}
	for _, m := range trailerRE.FindAllStringSubmatch(msg, -1) {
		switch m[1] {
		case "commit":
			u.Commit = m[2]
		case "pull-request":
			u.PullRequest = strings.TrimPrefix(m[2], "#")
		case "actor":
			u.Actor = m[2]
		}
	}
	return u
}

var prRef = regexp.MustCompile(`^refs/pull/(\d+)/`)

// UpdateInfoFromEnv reads the commit, pull request and actor from GitHub Actions' environment
// (GITHUB_SHA, GITHUB_REF of a pull request, GITHUB_ACTOR), overridden by NOTIFYCTL_COMMIT and
// NOTIFYCTL_PULL_REQUEST (set by a workflow that deploys another commit than the one it runs
// on, or knows the pull request a merge or release came from); subject is the first line.
func UpdateInfoFromEnv(lookup func(string) (string, bool), subject string) UpdateInfo {
	get := func(k string) string { v, _ := lookup(k); return strings.TrimSpace(v) }
	u := UpdateInfo{Subject: subject, Commit: first(get("NOTIFYCTL_COMMIT"), get("GITHUB_SHA")), Actor: get("GITHUB_ACTOR"),
		PullRequest: strings.TrimPrefix(get("NOTIFYCTL_PULL_REQUEST"), "#")}
	if u.PullRequest == "" {
		if m := prRef.FindStringSubmatch(get("GITHUB_REF")); m != nil {
			u.PullRequest = m[1]
		}
	}
	return u
}

// Update is one entry of a stack's history.
type Update struct {
	// Version is the update's number where the backend numbers them (the Pulumi Cloud); 0 in
	// a file or S3 backend.
	Version int `json:"version"`
	// Kind is update, refresh, destroy or import.
	Kind string `json:"kind"`
	// Result is succeeded, failed or in-progress.
	Result string    `json:"result"`
	Start  time.Time `json:"start"`
	// End is absent while the update runs.
	End *time.Time `json:"end,omitempty"`
	// DurationSeconds is End - Start (0 while running).
	DurationSeconds float64 `json:"durationSeconds"`
	// ResourceChanges counts resources by operation (create, update, delete, same, ...).
	ResourceChanges map[string]int `json:"resourceChanges"`
	UpdateInfo
	// Message is the update's whole message.
	Message string `json:"message,omitempty"`
}

// History lists the stack's updates from the backend's history, newest first (by start time);
// limit 0 is all.
// The whole history is read and cut here: the file backend's paging is not reliable.
func (s *Stack) History(ctx context.Context, limit int) ([]Update, error) {
	st, err := s.stack(ctx, false)
	if err != nil {
		return nil, err
	}
	sums, err := st.History(ctx, 0, 0, opthistory.ShowSecrets(false))
	if err != nil {
		return nil, s.engineErr(ctx, err, "history")
	}
	us := UpdatesOf(sums)
	if limit > 0 && len(us) > limit {
		us = us[:limit]
	}
	return us, nil
}

// UpdatesOf reads the engine's update summaries: times, counts, and the commit, pull request
// and actor from the message, else from the environment metadata the engine records in CI
// (git.head, ci.pr.number, ci.pr.headSHA).
func UpdatesOf(sums []auto.UpdateSummary) []Update {
	out := make([]Update, 0, len(sums))
	for _, s := range sums {
		u := Update{Version: s.Version, Kind: s.Kind, Result: s.Result, Message: s.Message,
			UpdateInfo: ParseUpdateMessage(s.Message), ResourceChanges: map[string]int{}}
		u.Start = parseHistoryTime(s.StartTime)
		if s.EndTime != nil {
			if end := parseHistoryTime(*s.EndTime); !end.IsZero() {
				u.End = &end
				u.DurationSeconds = end.Sub(u.Start).Seconds()
			}
		}
		if s.ResourceChanges != nil {
			for k, v := range *s.ResourceChanges {
				u.ResourceChanges[k] = v
			}
		}
		env := s.Environment
		if u.Commit == "" {
			u.Commit = first(env["ci.pr.headSHA"], env["git.head"])
		}
		if u.PullRequest == "" {
			u.PullRequest = env["ci.pr.number"]
		}
		out = append(out, u)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.After(out[j].Start) })
	return out
}

func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// parseHistoryTime reads the CLI's history times (2006-01-02T15:04:05.000Z07:00, or RFC 3339).
func parseHistoryTime(s string) time.Time {
	for _, layout := range []string{"2006-01-02T15:04:05.000Z07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999 -0700 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0).UTC()
	}
	return time.Time{}
}

// WriteHistory prints updates as a table: when, operation, result, duration, resource counts,
// commit, pull request and actor ("-" when unknown).
func WriteHistory(w io.Writer, updates []Update) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tSTARTED (UTC)\tOPERATION\tRESULT\tDURATION\tCHANGES\tCOMMIT\tPR\tACTOR")
	for _, u := range updates {
		dur := "-"
		if u.End != nil {
			dur = (time.Duration(u.DurationSeconds) * time.Second).String()
		}
		commit := u.Commit
		if len(commit) > 12 {
			commit = commit[:12]
		}
		pr := dash(u.PullRequest)
		if u.PullRequest != "" {
			pr = "#" + u.PullRequest
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", u.Version, u.Start.Format("2006-01-02 15:04"),
			u.Kind, u.Result, dur, changeCounts(u.ResourceChanges), dash(commit), pr, dash(u.Actor))
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// changeCounts is "3 create, 1 update" in a fixed order, "none" without changes.
func changeCounts(m map[string]int) string {
	var parts []string
	for _, op := range []string{"create", "update", "replace", "delete", "import"} {
		if n := m[op]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, op))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
