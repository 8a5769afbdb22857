package prcomment

import (
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

var update = flag.Bool("update", false, "rewrite the golden comments from the recorded event streams")

// goldenOptions are the comments' options in every golden case: a pull request and a run, fixed.
var goldenOptions = Options{PullRequest: 42, RunURL: "https://github.com/cds-snc/notification-pulumi/actions/runs/1"}

// loadLog reads a recorded event stream (tests/record_test.go records them).
func loadLog(t *testing.T, name string) *infra.EventLog {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "events", name+".json.gz"))
	require.NoError(t, err, "record the streams with: go test ./tests -run TestRecordEventStreams -record")
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	var l infra.EventLog
	require.NoError(t, json.NewDecoder(zr).Decode(&l))
	return &l
}

// previewOf replays a recorded stream into the preview the comment tells, gated as the CLI
// gates it (on for production, no allowance).
func previewOf(t *testing.T, name string) Preview {
	l := loadLog(t, name)
	res := l.Result()
	p := Preview{Stack: l.Stack, Result: res}
	if !l.OK {
		// What the CLI puts here is the operation's error; the stream's own is its error
		// diagnostics not tied to a resource.
		var msgs []string
		for _, d := range res.Diagnostics {
			if d.Severity == "error" && d.URN == "" {
				msgs = append(msgs, d.Message)
			}
		}
		p.Error = fmt.Sprintf("%s of %s failed: %s", l.Operation, l.Stack, strings.Join(msgs, "\n"))
	}
	if DenyReplaceDefault(l.Stack) {
		p.Gate = Gate(res, nil)
	}
	return p
}

// goldenCases are the recorded streams.
func goldenCases(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "events", "*.json.gz"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "record the streams with: go test ./tests -run TestRecordEventStreams -record")
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".json.gz"))
	}
	return names
}

// TestGoldenComments renders each recorded stream and compares every comment part, exactly,
// with testdata/golden/<case>-<part>.md (regenerate with -update and review the diff).
func TestGoldenComments(t *testing.T) {
	for _, name := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			comments := RenderStack(previewOf(t, name), goldenOptions)
			stale, _ := filepath.Glob(filepath.Join("testdata", "golden", name+"-[0-9]*.md"))
			if *update {
				for _, f := range stale {
					require.NoError(t, os.Remove(f))
				}
			} else {
				assert.Len(t, stale, len(comments), "golden parts of %s", name)
			}
			for _, c := range comments {
				path := filepath.Join("testdata", "golden", fmt.Sprintf("%s-%d.md", name, c.Part))
				if *update {
					require.NoError(t, os.WriteFile(path, []byte(c.Body), 0o644))
					continue
				}
				want, err := os.ReadFile(path)
				require.NoError(t, err, "regenerate with: go test ./infra/prcomment -update")
				assert.Equal(t, string(want), c.Body, "%s differs from the renderer's output (go test ./infra/prcomment -update, then review)", path)
			}
		})
	}
}

// TestGoldenContract renders the JSON contract of every recorded preview (but the new
// environment's, hundreds of creations of the same shape) and compares it with
// testdata/golden/<case>.json: a change of the contract shows in review.
func TestGoldenContract(t *testing.T) {
	for _, name := range goldenCases(t) {
		if name == "create" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			got, err := json.MarshalIndent(NewSet([]Preview{previewOf(t, name)}), "", "  ")
			require.NoError(t, err)
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", name+".json")
			if *update {
				require.NoError(t, os.WriteFile(path, got, 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "regenerate with: go test ./infra/prcomment -update")
			assert.JSONEq(t, string(want), string(got))
		})
	}
}
