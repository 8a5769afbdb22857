package infra

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProcessRunningSeesThroughZombies: a process that ended but was not reaped (what an engine
// becomes when the notifyctl that started it is killed) holds no lock.
func TestProcessRunningSeesThroughZombies(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc on this system")
	}
	sleeper := exec.Command("sleep", "30")
	require.NoError(t, sleeper.Start())
	t.Cleanup(func() { _ = sleeper.Process.Kill(); _ = sleeper.Wait() })
	assert.True(t, processRunning(sleeper.Process.Pid), "a running process")

	ended := exec.Command("true")
	require.NoError(t, ended.Start())
	pid := ended.Process.Pid
	require.Eventually(t, func() bool {
		raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		return err == nil && strings.Contains(string(raw), ") Z ")
	}, 10*time.Second, 10*time.Millisecond, "the ended child stays a zombie until waited for")
	assert.False(t, processRunning(pid), "a zombie runs no more")
	_ = ended.Wait()
	assert.False(t, processRunning(pid), "a reaped process is gone")
}
