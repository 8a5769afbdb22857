//go:build unix

package infra

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCLIVersionRunsOncePerBinary: the stacks one run opens ask the CLI its version once; a
// rebuilt CLI is asked again, and a CLI that is not Pulumi v3 is refused every time.
func TestCLIVersionRunsOncePerBinary(t *testing.T) {
	dir := t.TempDir()
	calls := filepath.Join(dir, "calls")
	cli := filepath.Join(dir, "pulumi")
	write := func(version string, mod time.Time) {
		script := "#!/bin/sh\necho run >> " + calls + "\necho " + version + "\n"
		require.NoError(t, os.WriteFile(cli, []byte(script), 0o755))
		require.NoError(t, os.Chtimes(cli, mod, mod))
	}
	runs := func() int {
		data, _ := os.ReadFile(calls)
		return strings.Count(string(data), "run")
	}
	t0 := time.Now().Add(-time.Hour)
	write("v3.175.0", t0)
	for i := 0; i < 3; i++ {
		c, err := NewCommand(cli)
		require.NoError(t, err)
		assert.Equal(t, "3.175.0", c.Version().String())
	}
	assert.Equal(t, 1, runs(), "three stacks, one `pulumi version`")

	write("v3.176.0", t0.Add(time.Minute))
	c, err := NewCommand(cli)
	require.NoError(t, err)
	assert.Equal(t, "3.176.0", c.Version().String(), "a rebuilt CLI is asked again")
	assert.Equal(t, 2, runs())

	write("v2.0.0", t0.Add(2*time.Minute))
	for i := 0; i < 2; i++ {
		_, err = NewCommand(cli)
		require.ErrorContains(t, err, "want v3")
	}
	assert.Equal(t, 4, runs(), "a refusal is not remembered")
}

// TestCLIVersionIsKeptInTheStateFolder: a later run (another process) with the same state
// folder and the same CLI binary does not ask again; a rebuilt binary is asked again.
func TestCLIVersionIsKeptInTheStateFolder(t *testing.T) {
	dir, state := t.TempDir(), t.TempDir()
	calls := filepath.Join(dir, "calls")
	cli := filepath.Join(dir, "pulumi")
	write := func(version string, mod time.Time) {
		script := "#!/bin/sh\necho run >> " + calls + "\necho " + version + "\n"
		require.NoError(t, os.WriteFile(cli, []byte(script), 0o755))
		require.NoError(t, os.Chtimes(cli, mod, mod))
	}
	runs := func() int {
		data, _ := os.ReadFile(calls)
		return strings.Count(string(data), "run")
	}
	newProcess := func() {
		cliVersions.mu.Lock()
		cliVersions.byID = map[cliID]*cliEntry{}
		cliVersions.mu.Unlock()
	}
	t0 := time.Now().Add(-time.Hour)
	write("v3.175.0", t0)
	for i := 0; i < 2; i++ {
		newProcess()
		c, err := newCommand(cli, state)
		require.NoError(t, err)
		assert.Equal(t, "3.175.0", c.Version().String())
	}
	assert.Equal(t, 1, runs(), "the second run reads the state folder's record")

	write("v3.176.0", t0.Add(time.Minute))
	newProcess()
	c, err := newCommand(cli, state)
	require.NoError(t, err)
	assert.Equal(t, "3.176.0", c.Version().String(), "a rebuilt CLI is asked again")
	assert.Equal(t, 2, runs())
	data, err := os.ReadFile(filepath.Join(state, cliVersionFile))
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(string(data), cli), "one record per binary: %s", data)
}
