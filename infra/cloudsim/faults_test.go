package cloudsim

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInjectedFailureNamesTheResourceAndRerunSucceeds(t *testing.T) {
	e := newEngine(t, Options{Faults: []Fault{{Type: "aws:s3/bucketV2:BucketV2", Op: "create", Mode: FailOnce, Message: "throttled"}}})
	ctx := context.Background()
	name, visibility := "cloudsim-fault-queue", 30
	st := e.stack(queueProgram(&name, &visibility))

	_, err := st.Up(ctx)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "aws:s3/bucketV2:BucketV2")
	assert.Contains(t, err.Error(), "bucket", "the failing resource is named")
	assert.Contains(t, err.Error(), "simulated failure of create")
	assert.Contains(t, err.Error(), "throttled")
	assert.Empty(t, byType(e.sim, "aws:s3/bucketV2:BucketV2"))

	up, err := st.Up(ctx)
	require.NoError(t, err, "the fault fired once")
	assert.Equal(t, 1, (*up.Summary.ResourceChanges)["create"], "only the bucket is left to create")
	assert.Len(t, e.sim.Resources(), 4)
}

func TestCancelledUpCompletesOnRerun(t *testing.T) {
	e := newEngine(t, Options{Faults: []Fault{{Type: "aws:iam/role:Role", Op: "create", Mode: HangOnce}}})
	name, visibility := "cloudsim-cancel-queue", 30
	st := e.stack(queueProgram(&name, &visibility))

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := st.Up(ctx)
		done <- err
	}()
	require.Eventually(t, func() bool { return e.sim.inflight("aws:iam/role:Role") > 0 }, 60*time.Second, 50*time.Millisecond,
		"the role's create starts and hangs")
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		require.Error(t, err, "a cancelled up fails")
	case <-time.After(30 * time.Second):
		t.Fatal("the cancelled up did not return")
	}
	timed(t, "cancellation", start)
	assert.Empty(t, byType(e.sim, "aws:iam/role:Role"))
	var hung Call
	for _, c := range e.sim.Calls() {
		if c.Method == "Create" && c.Type == "aws:iam/role:Role" {
			hung = c
		}
	}
	assert.Contains(t, hung.Err, "cancelled")
	var cancels int
	for _, c := range e.sim.Calls() {
		if c.Method == "Cancel" {
			cancels++
		}
	}
	t.Logf("the engine sent %d Cancel calls", cancels)

	up, err := st.Up(context.Background())
	require.NoError(t, err, "a rerun completes what was cancelled")
	assert.Equal(t, "arn:aws:iam::111122223333:role/cloudsim-test-role", up.Outputs["roleArn"].Value)
	assert.Len(t, e.sim.Resources(), 4)
}

func TestStatePersistsAcrossSims(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cloud.json")
	e := newEngine(t, Options{StateFile: file})
	ctx := context.Background()
	name, visibility := "cloudsim-state-queue", 30
	program := queueProgram(&name, &visibility)
	st := e.stack(program)
	up, err := st.Up(ctx)
	require.NoError(t, err)
	first := e.sim.Resources()
	require.NoError(t, e.sim.Close())

	data, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(data), "SIMULATED"), "the state file says it is a simulation")

	// A second process: a new Sim on the same file sees the same cloud.
	second, err := Start(ctx, Options{StateFile: file})
	require.NoError(t, err)
	t.Cleanup(func() { _ = second.Close() })
	assert.Equal(t, first, second.Resources())
	e.sim = second
	st = e.stack(program)
	ref, err := st.Refresh(ctx)
	require.NoError(t, err)
	changes := *ref.Summary.ResourceChanges
	delete(changes, "same")
	assert.Empty(t, changes, "refresh finds every resource where the first Sim left it")

	visibility = 60
	up2, err := st.Up(ctx)
	require.NoError(t, err, "an update across processes finds the resource")
	assert.Equal(t, up.Outputs["queueArn"], up2.Outputs["queueArn"])

	_, err = st.Destroy(ctx, optdestroy.Remove())
	require.NoError(t, err)
	assert.Empty(t, second.Resources())
	require.NoError(t, second.Close())
	third, err := Start(ctx, Options{StateFile: file})
	require.NoError(t, err)
	defer third.Close()
	assert.Empty(t, third.Resources(), "the destroy reached the file")
}
