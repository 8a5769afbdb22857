package infra

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// selectRecorder is a workspace that records the stacks the CLI would have been asked to select.
type selectRecorder struct {
	auto.Workspace
	selected []string
}

func (w *selectRecorder) SelectStack(_ context.Context, stack string) error {
	w.selected = append(w.selected, stack)
	return nil
}

// TestSelectSkipsTheCLIForAStackTheFileBackendHolds: a stack whose file the backend holds is
// selected without the CLI; a new stack, or one of a backend only the engine can read, is
// selected through it (which creates or refuses it).
func TestSelectSkipsTheCLIForAStackTheFileBackendHolds(t *testing.T) {
	dir := t.TempDir()
	rec := &selectRecorder{}
	s := &Stack{ws: rec, opts: &resolved{Options: Options{Backend: "file://" + filepath.ToSlash(dir)}},
		file: mustLoadStackFile(t, "dev")}
	ws := s.selecting()
	require.NoError(t, ws.SelectStack(context.Background(), "dev"))
	assert.Equal(t, []string{"dev"}, rec.selected, "a new stack goes to the CLI")

	path := filepath.Join(dir, ".pulumi", "stacks", string(s.file.Project.Name), "dev.json")
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	require.NoError(t, os.WriteFile(path, []byte("{}"), 0o600))
	require.NoError(t, ws.SelectStack(context.Background(), "dev"))
	assert.Equal(t, []string{"dev"}, rec.selected, "an existing stack is not selected through the CLI")
	require.NoError(t, ws.SelectStack(context.Background(), "staging"))
	assert.Equal(t, []string{"dev", "staging"}, rec.selected, "another stack of the backend is not this one")

	s.opts.Backend = "s3://bucket/prefix"
	require.NoError(t, s.selecting().SelectStack(context.Background(), "dev"))
	assert.Equal(t, []string{"dev", "staging", "dev"}, rec.selected, "other backends: the CLI decides")
}

func mustLoadStackFile(t *testing.T, stack string) *stackfile.File {
	t.Helper()
	_, f, err := Options{Stack: stack, Cloud: CloudSim, ProjectDir: "..", StateDir: t.TempDir(), LookupEnv: env()}.resolve()
	require.NoError(t, err)
	return f
}
