package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

func TestPreviewAllPrintsACommentPerStack(t *testing.T) {
	h := newHarness(t)
	h.runner.results["preview"] = sampleResult(infra.OpPreview)
	require.Equal(t, ExitOK, h.run("preview", "--stack", "dev,staging"), h.stderr.String())
	out := h.stdout.String()
	assert.Contains(t, out, "overview -->", "the overview comment")
	assert.Contains(t, out, "stack=dev part=1")
	assert.Contains(t, out, "stack=staging part=1")
	assert.Len(t, h.opened, 2, "one workspace a stack")
	assert.Contains(t, h.stderr.String(), "dev: 2 to create, 1 to update, 1 to replace, 0 to delete")

	h = newHarness(t)
	h.runner.results["preview"] = sampleResult(infra.OpPreview)
	require.Equal(t, ExitOK, h.run("preview", "--stack", "dev,staging", "--json"), h.stderr.String())
	var set map[string]any
	require.NoError(t, json.Unmarshal(h.stdout.Bytes(), &set))
	assert.Len(t, set["stacks"], 2)
}

func TestPreviewDenyReplaceRefusesAStatefulReplacement(t *testing.T) {
	h := newHarness(t)
	res := sampleResult(infra.OpPreview)
	res.Resources = append(res.Resources, infra.ResourceRecord{URN: "urn:pulumi:production::gcnotify::gcnotify:database:Database$aws:rds/cluster:Cluster::database-cluster",
		Type: "aws:rds/cluster:Cluster", Name: "database-cluster", Custom: true, Op: "replace", Status: infra.StatusDone,
		Diffs: []string{"clusterIdentifier"}, ReplaceReasons: []string{"clusterIdentifier"}})
	res.Summary["replace"]++
	h.runner.results["preview"] = res
	code := h.run("preview", "--stack", "production", "--markdown")
	assert.Equal(t, ExitPolicy, code, h.stderr.String())
	assert.Contains(t, h.stderr.String(), "--deny-replace refuses")
	assert.Contains(t, h.stdout.String(), "clusterIdentifier", "the comment names what forces it")

	h = newHarness(t)
	h.runner.results["preview"] = res
	assert.Equal(t, ExitOK, h.run("preview", "--stack", "production", "--markdown", "--deny-replace=false"), h.stderr.String())
}

func TestPreviewManyRefusals(t *testing.T) {
	for _, args := range [][]string{
		{"preview", "--all", "--stack", "dev"},
		{"preview", "--stack", "dev,Bad!"},
		{"preview", "--stack", "dev", "--comment"},
		{"preview", "--stack", "dev", "--markdown", "--deny-replace=maybe"},
		{"preview", "--stack", "dev", "--allow-file", "no-such-file.yaml"},
	} {
		h := newHarness(t)
		assert.Equal(t, ExitUsage, h.run(args...), "%s: %s", strings.Join(args, " "), h.stderr.String())
		assert.Empty(t, h.opened, "nothing opened: %v", args)
	}
}

func TestPreviewFromJSONRendersPreviewsMadeElsewhere(t *testing.T) {
	dir := t.TempDir()
	for _, stack := range []string{"dev", "staging"} {
		h := newHarness(t)
		h.runner.results["preview"] = sampleResult(infra.OpPreview)
		require.Equal(t, ExitOK, h.run("preview", "--stack", stack, "--json", "--deny-replace=auto"), h.stderr.String())
		require.NoError(t, os.WriteFile(filepath.Join(dir, stack+".json"), h.stdout.Bytes(), 0o600))
	}
	h := newHarness(t)
	require.Equal(t, ExitOK, h.run("preview", "--from-json", dir), h.stderr.String())
	assert.Contains(t, h.stdout.String(), "stack=dev part=1")
	assert.Contains(t, h.stdout.String(), "stack=staging part=1")
	assert.Empty(t, h.opened, "nothing previewed again")

	h = newHarness(t)
	assert.Equal(t, ExitUsage, h.run("preview", "--from-json", t.TempDir()), "an empty folder")
}
