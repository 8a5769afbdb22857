package cli

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCommandReference keeps docs/commands equal to the command tree (go test ./infra/cli -run
// TestCommandReference -update rewrites it).
func TestCommandReference(t *testing.T) {
	committed := filepath.Join("..", "..", "docs", "commands")
	fresh := t.TempDir()
	require.NoError(t, WriteReference(fresh))
	if *update {
		old, err := filepath.Glob(filepath.Join(committed, "notifyctl*.md"))
		require.NoError(t, err)
		for _, f := range old {
			require.NoError(t, os.Remove(f))
		}
		require.NoError(t, os.MkdirAll(committed, 0o755))
		require.NoError(t, WriteReference(committed))
	}
	want, got := pages(t, fresh), pages(t, committed)
	require.Contains(t, want, "notifyctl.md")
	require.Contains(t, want, "notifyctl_preview.md")
	assert.Equal(t, names(want), names(got), "docs/commands lists other commands than the tree: run go test ./infra/cli -run TestCommandReference -update")
	for name, text := range want {
		if g, ok := got[name]; ok {
			assert.Equal(t, text, g, "docs/commands/%s is stale: run go test ./infra/cli -run TestCommandReference -update", name)
		}
	}
	for name, text := range want {
		assert.NotContains(t, text, "Auto generated", "%s: the reference must not change by itself", name)
	}
}

// pages reads the notifyctl*.md files of dir by name.
func pages(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "notifyctl*.md"))
	require.NoError(t, err)
	out := map[string]string{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		out[filepath.Base(f)] = string(raw)
	}
	return out
}

func names(m map[string]string) string {
	return strings.Join(slices.Sorted(maps.Keys(m)), "\n")
}
