package cli

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

func TestUpRecordsCommitPullRequestAndActor(t *testing.T) {
	h := newHarness(t)
	h.runner.results["preview"] = sampleResult(infra.OpPreview)
	h.runner.results["up"] = sampleResult(infra.OpUp)
	h.env["GITHUB_SHA"], h.env["GITHUB_ACTOR"], h.env["NOTIFYCTL_PULL_REQUEST"] = "abc1234", "ops-lead", "#321"
	require.Equal(t, ExitOK, h.run("up", "--stack", "dev", "--cloud", "sim", "--yes", "--message", "release 2026.12.1"), h.stderr.String())
	msg := h.runner.opts[len(h.runner.opts)-1].Message
	info := infra.ParseUpdateMessage(msg)
	assert.Equal(t, "release 2026.12.1", info.Subject)
	assert.Equal(t, "abc1234", info.Commit)
	assert.Equal(t, "321", info.PullRequest)
	assert.Equal(t, "ops-lead", info.Actor)
}

func TestHistoryListsUpdates(t *testing.T) {
	h := newHarness(t)
	h.runner.history = []infra.Update{{Kind: "update", Result: "succeeded", Start: t0, DurationSeconds: 83,
		ResourceChanges: map[string]int{"create": 2}, UpdateInfo: infra.UpdateInfo{Subject: "release", Commit: "abc1234", PullRequest: "321", Actor: "ops-lead"}}}
	require.Equal(t, ExitOK, h.run("history", "--stack", "dev"), h.stderr.String())
	assert.Regexp(t, `update\s+succeeded.*abc1234\s+#321\s+ops-lead`, h.stdout.String())
	h2 := newHarness(t)
	h2.runner.history = h.runner.history
	require.Equal(t, ExitOK, h2.run("history", "--stack", "dev", "--json"))
	var got struct {
		Stack   string         `json:"stack"`
		Updates []infra.Update `json:"updates"`
	}
	require.NoError(t, json.Unmarshal(h2.stdout.Bytes(), &got))
	assert.Equal(t, "ops-lead", got.Updates[0].Actor)
	assert.Equal(t, ExitUsage, newHarness(t).run("history", "--stack", "dev", "--limit", "-1"))
}
