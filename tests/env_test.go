package tests

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cli"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/ephemeral"
)

// TestEnvCreateListReap creates a short-lived environment from dev with a one-minute time to
// live in the simulated cloud, lists it, moves notifyctl's clock past its expiry and reaps it:
// the simulated world and the backend then hold nothing of it, and its files are gone.
func TestEnvCreateListReap(t *testing.T) {
	requireEngine(t)
	t.Parallel()
	state := t.TempDir()
	const name = "exp-e2e"
	var mu sync.Mutex
	now := time.Now().UTC()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	n := &notifyctlRunner{t: t, state: state, now: clock}
	run := func(args ...string) (int, string, string) { return n.run(nil, nil, args...) }
	// Cleanup first: whatever the test leaves is destroyed.
	t.Cleanup(func() {
		if _, err := os.Stat(ephemeral.EnvDir(state, name)); err == nil {
			code, _, stderr := run("env", "destroy", name, "--yes")
			assert.Equal(t, cli.ExitOK, code, stderr)
		}
	})

	code, stdout, stderr := run("env", "create", name, "--from", "dev", "--ttl", "1m", "--owner", "tester", "--yes", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stdout, "environment "+name+" (sim from dev): created")
	e, _, err := ephemeral.Read(state, name)
	require.NoError(t, err)
	assert.Equal(t, "tester", e.Owner)
	assert.Equal(t, time.Minute, e.Expires.Sub(e.Created))
	inAccount := func() int {
		res, err := cloudsim.ReadWorld(cloudsim.WorldFile(state))
		require.NoError(t, err)
		n := 0
		for _, r := range res {
			if r.Account == e.Account || cloudsim.StackOf(r.URN) == name {
				n++
			}
		}
		return n
	}
	require.Greater(t, inAccount(), 500, "the environment is deployed in its own account")

	code, stdout, stderr = run("env", "list", "--json")
	require.Equal(t, cli.ExitOK, code, stderr)
	var list []cli.EnvStatus
	require.NoError(t, json.Unmarshal([]byte(stdout), &list), stdout)
	require.Len(t, list, 1)
	assert.Equal(t, name, list[0].Name)
	assert.Equal(t, "dev", list[0].Source)
	assert.Equal(t, "tester", list[0].Owner)
	assert.False(t, list[0].Expired)
	assert.Greater(t, list[0].Resources, 500)
	assert.Equal(t, "update succeeded", list[0].LastResult)
	require.NotNil(t, list[0].LastUpdate)

	code, stdout, stderr = run("env", "reap", "--yes")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stdout, "no environment has expired", "a minute has not passed on notifyctl's clock")

	advance(2 * time.Minute)
	code, stdout, stderr = run("env", "list")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Regexp(t, name+`\s+dev\s+tester\s+sim\s+\S+\s+expired`, stdout)

	code, stdout, stderr = run("env", "reap", "--yes", "--json")
	require.Equal(t, cli.ExitOK, code, stderr)
	var reaped []ephemeral.Reaped
	require.NoError(t, json.Unmarshal([]byte(stdout), &reaped), stdout)
	require.Len(t, reaped, 1)
	assert.Equal(t, name, reaped[0].Name)
	assert.True(t, reaped[0].Removed, reaped[0].Error)

	assert.Zero(t, inAccount(), "the simulated world holds nothing of the environment")
	// The backend lists no stack of it (the file backend keeps only its .bak copy of the removed checkpoint).
	proj := t.TempDir()
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "Pulumi.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(proj, "Pulumi.yaml"), raw, 0o600))
	ls := exec.Command(requireEngine(t), "stack", "ls", "--json", "--non-interactive")
	ls.Dir = proj
	ls.Env = append(os.Environ(), "PULUMI_BACKEND_URL=file://"+filepath.ToSlash(filepath.Join(state, "backend")), "PULUMI_CONFIG_PASSPHRASE="+infra.RehearsalPassphrase)
	out, err := ls.CombinedOutput()
	require.NoError(t, err, string(out))
	assert.NotContains(t, string(out), name, "the backend holds no stack of it")
	checkpoints, _ := filepath.Glob(filepath.Join(state, "backend", ".pulumi", "stacks", "*", name+".json*"))
	for _, c := range checkpoints {
		assert.True(t, strings.HasSuffix(c, ".bak") || strings.HasSuffix(c, ".bak.attrs"), "a checkpoint of the environment is left: %s", c)
	}
	assert.NoDirExists(t, ephemeral.EnvDir(state, name), "its generated files are removed")
	assert.NoDirExists(t, filepath.Join(state, "workspaces", "sim-"+name))
	code, stdout, stderr = run("env", "list")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stdout, "no short-lived environment")
}
