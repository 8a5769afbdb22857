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

// fakeCLI is a script standing in for the Pulumi CLI: it answers any command with a version
// and counts how often it was run.
type fakeCLI struct {
	t     *testing.T
	path  string
	calls string
}

func newFakeCLI(t *testing.T) *fakeCLI {
	dir := t.TempDir()
	return &fakeCLI{t: t, path: filepath.Join(dir, "pulumi"), calls: filepath.Join(dir, "calls")}
}

// write (re)builds the CLI answering version, modified at mod.
func (f *fakeCLI) write(version string, mod time.Time) {
	script := "#!/bin/sh\necho run >> " + f.calls + "\necho " + version + "\n"
	require.NoError(f.t, os.WriteFile(f.path, []byte(script), 0o755))
	require.NoError(f.t, os.Chtimes(f.path, mod, mod))
}

// runs is how many times the CLI was run.
func (f *fakeCLI) runs() int {
	data, _ := os.ReadFile(f.calls)
	return strings.Count(string(data), "run")
}

// TestCLIVersionRunsOncePerBinary: the stacks one run opens ask the CLI its version once; a
// rebuilt CLI is asked again, and a CLI that is not Pulumi v3 is refused every time.
func TestCLIVersionRunsOncePerBinary(t *testing.T) {
	cli := newFakeCLI(t)
	t0 := time.Now().Add(-time.Hour)
	cli.write("v3.175.0", t0)
	for i := 0; i < 3; i++ {
		c, err := NewCommand(cli.path)
		require.NoError(t, err)
		assert.Equal(t, "3.175.0", c.Version().String())
	}
	assert.Equal(t, 1, cli.runs(), "three stacks, one `pulumi version`")

	cli.write("v3.176.0", t0.Add(time.Minute))
	c, err := NewCommand(cli.path)
	require.NoError(t, err)
	assert.Equal(t, "3.176.0", c.Version().String(), "a rebuilt CLI is asked again")
	assert.Equal(t, 2, cli.runs())

	cli.write("v2.0.0", t0.Add(2*time.Minute))
	for i := 0; i < 2; i++ {
		_, err = NewCommand(cli.path)
		require.ErrorContains(t, err, "want v3")
	}
	assert.Equal(t, 4, cli.runs(), "a refusal is not remembered")
}

// TestCLIVersionIsKeptInTheStateFolder: a later run (another process) with the same state
// folder and the same CLI binary does not ask again; a rebuilt binary is asked again.
func TestCLIVersionIsKeptInTheStateFolder(t *testing.T) {
	cli, state := newFakeCLI(t), t.TempDir()
	newProcess := func() {
		cliVersions.mu.Lock()
		cliVersions.byID = map[cliID]*cliEntry{}
		cliVersions.mu.Unlock()
	}
	t0 := time.Now().Add(-time.Hour)
	cli.write("v3.175.0", t0)
	for i := 0; i < 2; i++ {
		newProcess()
		c, err := newCommand(cli.path, state)
		require.NoError(t, err)
		assert.Equal(t, "3.175.0", c.Version().String())
	}
	assert.Equal(t, 1, cli.runs(), "the second run reads the state folder's record")

	cli.write("v3.176.0", t0.Add(time.Minute))
	newProcess()
	c, err := newCommand(cli.path, state)
	require.NoError(t, err)
	assert.Equal(t, "3.176.0", c.Version().String(), "a rebuilt CLI is asked again")
	assert.Equal(t, 2, cli.runs())
	data, err := os.ReadFile(filepath.Join(state, cliVersionFile))
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(string(data), cli.path), "one record per binary: %s", data)
}
