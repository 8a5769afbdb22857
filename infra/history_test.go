package infra

import (
	"bytes"
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUpdateMessageRoundTrip: the message written for an update gives back what it recorded.
func TestUpdateMessageRoundTrip(t *testing.T) {
	u := UpdateInfo{Subject: "deploy staging from main", Commit: "0123456789abcdef", PullRequest: "42", Actor: "octocat"}
	assert.Equal(t, "deploy staging from main\n\ncommit: 0123456789abcdef\npull-request: 42\nactor: octocat", u.Message())
	assert.Equal(t, u, ParseUpdateMessage(u.Message()))
	assert.Equal(t, u, ParseUpdateMessage(strconv.Quote(u.Message())), "as the automation API hands it to the CLI")
	assert.Equal(t, UpdateInfo{Subject: "by hand"}, ParseUpdateMessage("by hand"))
	assert.Equal(t, "by hand", UpdateInfo{Subject: "by hand"}.Message())
}

// TestUpdateInfoFromEnv reads GitHub Actions' variables, NOTIFYCTL_* overriding.
func TestUpdateInfoFromEnv(t *testing.T) {
	env := map[string]string{"GITHUB_SHA": "abc", "GITHUB_ACTOR": "octocat", "GITHUB_REF": "refs/pull/9/merge"}
	look := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	assert.Equal(t, UpdateInfo{Subject: "s", Commit: "abc", PullRequest: "9", Actor: "octocat"}, UpdateInfoFromEnv(look, "s"))
	env["NOTIFYCTL_COMMIT"], env["NOTIFYCTL_PULL_REQUEST"] = "def", "#12"
	assert.Equal(t, UpdateInfo{Subject: "s", Commit: "def", PullRequest: "12", Actor: "octocat"}, UpdateInfoFromEnv(look, "s"))
}

// TestUpdatesOfTheEngineSummaries: times, durations, counts, newest first; the commit and the
// pull request fall back to the CI metadata the engine records.
func TestUpdatesOfTheEngineSummaries(t *testing.T) {
	end := "2026-11-30T10:05:30.000Z"
	changes := map[string]int{"create": 3, "same": 1}
	us := UpdatesOf([]auto.UpdateSummary{
		{Version: 1, Kind: "update", Result: "succeeded", StartTime: "2026-11-30T10:00:00.000Z", EndTime: &end,
			ResourceChanges: &changes, Message: UpdateInfo{Subject: "up", Commit: "c1", PullRequest: "4", Actor: "a"}.Message()},
		{Version: 2, Kind: "destroy", Result: "in-progress", StartTime: "2026-11-30T11:00:00.000Z",
			Environment: map[string]string{"ci.pr.number": "5", "git.head": "c2"}},
	})
	require.Len(t, us, 2)
	assert.Equal(t, 2, us[0].Version, "newest first")
	assert.Equal(t, "c2", us[0].Commit)
	assert.Equal(t, "5", us[0].PullRequest)
	assert.Nil(t, us[0].End)
	assert.Equal(t, 330.0, us[1].DurationSeconds)
	assert.Equal(t, UpdateInfo{Subject: "up", Commit: "c1", PullRequest: "4", Actor: "a"}, us[1].UpdateInfo)

	var b bytes.Buffer
	require.NoError(t, WriteHistory(&b, us))
	assert.Equal(t, ""+
		"VERSION  STARTED (UTC)     OPERATION  RESULT       DURATION  CHANGES   COMMIT  PR  ACTOR\n"+
		"2        2026-11-30 11:00  destroy    in-progress  -         none      c2      #5  -\n"+
		"1        2026-11-30 10:00  update     succeeded    5m30s     3 create  c1      #4  a\n", b.String())
}

// TestHistoryThroughTheEngine runs two ups of a provider-less program through the real engine,
// the first with a message, and reads the backend's history; the raw event stream of the first
// replays into the result the up returned.
func TestHistoryThroughTheEngine(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Options{Stack: "dev", Cloud: CloudSim, ProjectDir: "..", StateDir: t.TempDir(), CLI: engineCLI(t),
		Program: things(2, nil), LookupEnv: env()})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = s.Destroy(context.Background(), RunOptions{}) })

	var mu sync.Mutex
	var events []apitype.EngineEvent
	info := UpdateInfo{Subject: "deploy dev", Commit: "feedface", PullRequest: "77", Actor: "octocat"}
	res, err := s.Up(ctx, RunOptions{Message: info.Message(), EngineEvents: func(e apitype.EngineEvent) {
		mu.Lock()
		defer mu.Unlock()
		events = append(events, e)
	}})
	require.NoError(t, err)
	_, err = s.Up(ctx, RunOptions{})
	require.NoError(t, err)

	hist, err := s.History(ctx, 0)
	require.NoError(t, err)
	require.Len(t, hist, 2)
	first := hist[1]
	assert.Equal(t, "update", first.Kind)
	assert.Equal(t, "succeeded", first.Result)
	assert.Equal(t, info, first.UpdateInfo)
	assert.Equal(t, 3, first.ResourceChanges["create"])
	require.NotNil(t, first.End)
	assert.WithinDuration(t, time.Now(), first.Start, 10*time.Minute)
	assert.Empty(t, hist[0].Actor, "an update without a message records no actor")

	last, err := s.History(ctx, 1)
	require.NoError(t, err)
	require.Len(t, last, 1)
	assert.Equal(t, hist[0], last[0], "the newest")

	mu.Lock()
	replay := (&EventLog{Stack: "dev", Cloud: CloudSim, Operation: OpUp, OK: true, Events: events}).Result()
	mu.Unlock()
	assert.Equal(t, res.Summary, replay.Summary)
	require.Len(t, replay.Resources, len(res.Resources))
	for i := range res.Resources {
		assert.Equal(t, res.Resources[i].URN, replay.Resources[i].URN)
		assert.Equal(t, res.Resources[i].Op, replay.Resources[i].Op)
	}
}
