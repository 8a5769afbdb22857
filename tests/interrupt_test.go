package tests

import (
	"bufio"
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

	"github.com/cds-snc/notification-pulumi/infra/cli"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
)

// TestDoubleCtrlCLeavesAReconcilableStack stops `notifyctl up` at once (a second Ctrl-C) while it
// creates resources. A rehearsal saves its state at the end of an operation, so the state may
// not know what the up created: notifyctl must not claim it saved anything, the next run is
// refused (exit 10) with the one command that reconciles, the orphan finder lists what the world
// holds, --adopt brings it into the state, and a rerun finishes with no duplicate and no orphan.
// When the engine finishes its cancel and saves before the second Ctrl-C reaches it (a matter
// of milliseconds), notifyctl says it saved, and the orphan finder must agree.
func TestDoubleCtrlCLeavesAReconcilableStack(t *testing.T) {
	requireEngine(t)
	t.Parallel()
	// The world and the state live in the test's temporary folder: nothing to tear down.
	n := &notifyctlRunner{t: t, state: t.TempDir()}

	// Both Ctrl-Cs come once a queue's creation (which never answers until its engine goes) is
	// under way, the second 30 ms after the first.
	interrupts := make(chan struct{}, 2)
	var once sync.Once
	onLine := func(l string) {
		if strings.Contains(l, "creating") && strings.Contains(l, "aws:sqs/queue:Queue") {
			once.Do(func() {
				go func() {
					time.Sleep(100 * time.Millisecond)
					interrupts <- struct{}{}
					time.Sleep(30 * time.Millisecond)
					interrupts <- struct{}{}
				}()
			})
		}
	}
	n.faults = []cloudsim.Fault{{Type: "aws:sqs/queue:Queue", Op: "create", Mode: cloudsim.Stuck}}
	code, stdout, stderr := n.run(interrupts, onLine, "up", "--stack", "dev", "--cloud", "sim", "--yes", "--latency-factor", "0.01")
	require.Equal(t, cli.ExitCancelled, code, stderr)
	if strings.Contains(stderr, "the engine saved what it completed") {
		// The engine finished its cancel and saved before the second Ctrl-C stopped it: the
		// claim must be true, the state and the cloud agreeing.
		t.Log("the engine saved before the second Ctrl-C reached it")
		assert.NotContains(t, stderr, "stopped before the engine saved its state")
		code, stdout, stderr = n.run(nil, nil, "orphans", "--stack", "dev", "--cloud", "sim", "--latency-factor", "0")
		require.Equal(t, cli.ExitOK, code, stdout+stderr)
	} else {
		assert.Contains(t, stderr, "stopped before the engine saved its state")
		assert.Contains(t, stderr, "notifyctl orphans --stack dev --cloud sim --adopt")

		code, _, stderr = n.run(nil, nil, "preview", "--stack", "dev", "--latency-factor", "0")
		assert.Equal(t, cli.ExitUnfinished, code, stderr)
		assert.Contains(t, stderr, "notifyctl orphans --stack dev --cloud sim --adopt")

		code, stdout, stderr = n.run(nil, nil, "orphans", "--stack", "dev", "--cloud", "sim", "--json", "--latency-factor", "0")
		require.Equal(t, cli.ExitChanges, code, stderr)
		var rep struct {
			Orphans    []struct{ URN string }
			Unfinished *struct{ Outcome string }
		}
		require.NoError(t, json.Unmarshal([]byte(stdout), &rep), stdout)
		require.NotNil(t, rep.Unfinished)
		require.NotEmpty(t, rep.Orphans, "the world holds what the stopped up created")
		t.Logf("after the second Ctrl-C: %d orphans (%s)", len(rep.Orphans), rep.Unfinished.Outcome)
	}

	code, stdout, stderr = n.run(nil, nil, "orphans", "--stack", "dev", "--cloud", "sim", "--adopt", "--yes", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stdout+stderr)
	assert.Contains(t, stdout, "the state and the cloud agree")

	code, _, stderr = n.run(nil, nil, "up", "--stack", "dev", "--cloud", "sim", "--yes", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stderr)
	code, _, stderr = n.run(nil, nil, "preview", "--stack", "dev", "--expect-no-changes", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stderr)
	code, stdout, stderr = n.run(nil, nil, "orphans", "--stack", "dev", "--cloud", "sim", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stdout+stderr)

	requireOnePerURN(t, n.state)
}

// TestKilledNotifyctlLeavesAReconcilableStack kills notifyctl itself (SIGKILL: no handler runs)
// during an up. The engine, in its own process group, outlives it and fails against the vanished
// simulated cloud; the journal written before the up tells the next run what happened, and the
// documented recovery (orphans --adopt, then the up again) ends with the state equal to the world.
func TestKilledNotifyctlLeavesAReconcilableStack(t *testing.T) {
	requireEngine(t)
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "notifyctl")
	build := exec.Command("go", "build", "-ldflags=-s -w", "-o", bin, "./infra/cmd/notifyctl") // no debug data: a third of the link
	build.Dir = repoRoot(t)
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))

	n := &notifyctlRunner{t: t, state: t.TempDir()}
	// Whatever happens, the orphaned engine ends before the temporary folders are removed.
	t.Cleanup(func() { waitForEngines(t, filepath.Join(n.state, "workspaces", "sim-dev")) })
	cmd := exec.Command(bin, "up", "--stack", "dev", "--cloud", "sim", "--yes", "--latency-factor", "0.01", "--state-dir", n.state,
		"--project-dir", repoRoot(t))
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	created := 0
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if strings.Contains(sc.Text(), " created ") {
			created++
		}
		if created == 150 {
			break
		}
	}
	require.Equal(t, 150, created, "the up got going")
	require.NoError(t, cmd.Process.Kill())
	_ = cmd.Wait()
	waitForEngines(t, filepath.Join(n.state, "workspaces", "sim-dev"))

	code, _, stderrText := n.run(nil, nil, "preview", "--stack", "dev", "--latency-factor", "0")
	require.Equal(t, cli.ExitUnfinished, code, stderrText)
	assert.Contains(t, stderrText, "ended before the operation did")
	code, stdout, stderrText := n.run(nil, nil, "orphans", "--stack", "dev", "--cloud", "sim", "--adopt", "--yes", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stdout+stderrText)
	code, _, stderrText = n.run(nil, nil, "up", "--stack", "dev", "--cloud", "sim", "--yes", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stderrText)
	code, stdout, stderrText = n.run(nil, nil, "orphans", "--stack", "dev", "--cloud", "sim", "--latency-factor", "0")
	require.Equal(t, cli.ExitOK, code, stdout+stderrText)
	requireOnePerURN(t, n.state)
}

// waitForEngines waits until no process works in dir (the engine an killed notifyctl left).
func waitForEngines(t *testing.T, dir string) {
	t.Helper()
	require.Eventually(t, func() bool {
		procs, _ := filepath.Glob("/proc/[0-9]*/cwd")
		for _, p := range procs {
			if target, err := os.Readlink(p); err == nil && target == dir {
				return false
			}
		}
		return true
	}, 3*time.Minute, 200*time.Millisecond, "the orphaned engine exits")
}

// requireOnePerURN checks the state folder's world holds no resource twice.
func requireOnePerURN(t *testing.T, state string) {
	t.Helper()
	world, err := cloudsim.ReadWorld(cloudsim.WorldFile(state))
	require.NoError(t, err)
	seen := map[string]int{}
	for _, r := range world {
		if r.URN != "" {
			seen[r.URN]++
		}
	}
	require.NotEmpty(t, seen)
	for urn, c := range seen {
		assert.Equal(t, 1, c, "one resource per URN: %s", urn)
	}
}
