package infra

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRequireStackReadsTheBackendOnly: a stack a file backend does not hold is refused without
// anything written; one it holds, in either layout of the Pulumi CLI, passes; a layout it does
// not know, or another backend, is left to the engine.
func TestRequireStackReadsTheBackendOnly(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state")
	opts := Options{Stack: "dev", Cloud: CloudSim, ProjectDir: "..", StateDir: state, LookupEnv: env()}
	var nf *StackNotFoundError
	require.ErrorAs(t, RequireStack(opts), &nf)
	_, err := os.Stat(state)
	assert.True(t, os.IsNotExist(err), "nothing is written")

	backend := filepath.Join(state, "backend", ".pulumi")
	write := func(path, text string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(backend, path)), 0o700))
		require.NoError(t, os.WriteFile(filepath.Join(backend, path), []byte(text), 0o600))
	}
	write("meta.yaml", "version: 1\n")
	write("stacks/gcnotify/staging.json", "{}")
	require.ErrorAs(t, RequireStack(opts), &nf, "another stack of the backend is not this one")
	write("stacks/gcnotify/dev.json", "{}")
	assert.NoError(t, RequireStack(opts))

	require.NoError(t, os.RemoveAll(backend))
	write("stacks/dev.json.gz", "")
	assert.NoError(t, RequireStack(opts), "legacy layout")

	require.NoError(t, os.RemoveAll(backend))
	write("meta.yaml", "version: 7\n")
	assert.NoError(t, RequireStack(opts), "a layout it does not know: the engine decides")

	opts.Backend, opts.SecretsProvider = "s3://bucket", "awskms://alias/k?region=ca-central-1"
	assert.NoError(t, RequireStack(opts), "other backends: the engine decides")
}
