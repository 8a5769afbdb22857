package prcomment

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func lookupOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// TestTargetFromActionsEnv reads the repository, token, API, run and pull request from GitHub
// Actions' environment; flags win; every missing value is reported.
func TestTargetFromActionsEnv(t *testing.T) {
	event := filepath.Join(t.TempDir(), "event.json")
	require.NoError(t, os.WriteFile(event, []byte(`{"number": 31, "pull_request": {"number": 31}}`), 0o644))
	env := map[string]string{"GITHUB_REPOSITORY": "cds-snc/notification-pulumi", "GITHUB_TOKEN": "tok",
		"GITHUB_API_URL": "https://api.github.com", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "77",
		"GITHUB_EVENT_PATH": event}
	tg, err := TargetFromEnv(lookupOf(env), Target{})
	require.NoError(t, err)
	assert.Equal(t, Target{Owner: "cds-snc", Repo: "notification-pulumi", PullRequest: 31, Token: "tok",
		APIURL: "https://api.github.com", RunURL: "https://github.com/cds-snc/notification-pulumi/actions/runs/77"}, tg)

	tg, err = TargetFromEnv(lookupOf(map[string]string{"GITHUB_REF": "refs/pull/12/merge", "GITHUB_TOKEN": "t",
		"GITHUB_REPOSITORY": "a/b"}), Target{})
	require.NoError(t, err)
	assert.Equal(t, 12, tg.PullRequest)

	tg, err = TargetFromEnv(lookupOf(env), Target{PullRequest: 4})
	require.NoError(t, err)
	assert.Equal(t, 4, tg.PullRequest, "the flag wins")

	_, err = TargetFromEnv(lookupOf(nil), Target{})
	require.Error(t, err)
	for _, want := range []string{"no repository", "no token", "no pull request"} {
		assert.Contains(t, err.Error(), want)
	}
}

// TestMarkersRoundTrip.
func TestMarkersRoundTrip(t *testing.T) {
	m, ok := ParseMarker(StackMarker(12, "production", 3) + "\nbody")
	require.True(t, ok)
	assert.Equal(t, ParsedMarker{PullRequest: 12, Stack: "production", Part: 3}, m)
	m, ok = ParseMarker(OverviewMarker(12))
	require.True(t, ok)
	assert.Equal(t, ParsedMarker{PullRequest: 12}, m)
	_, ok = ParseMarker("LGTM <!-- notifyctl:preview pr=1 overview -->")
	assert.False(t, ok, "a marker is the first line only")
}
