package tests

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
)

// TestFailedResourceIsReportedAndARerunCompletes injects one failing create: the up fails with
// the failing resource and the cloud's message; everything else it could do is saved, and a
// rerun completes the environment.
func TestFailedResourceIsReportedAndARerunCompletes(t *testing.T) {
	for _, env := range environments {
		t.Run(env, func(t *testing.T) {
			t.Parallel()
			failedResourceIsReportedAndARerunCompletes(t, env)
		})
	}
}

func failedResourceIsReportedAndARerunCompletes(t *testing.T, env string) {
	const sg = "aws:ec2/securityGroup:SecurityGroup"
	r := newRig(t, env, cloudsim.Fault{Type: sg, Op: "create", Mode: cloudsim.FailOnce,
		Message: "simulated: VcpuLimitExceeded in ca-central-1"})

	res, err := r.stack.Up(withTimeout(t, 10*time.Minute), infra.RunOptions{})
	var failure *infra.ResourceFailureError
	require.ErrorAs(t, err, &failure)
	require.Len(t, failure.Failures, 1, "exactly the injected failure")
	assert.Equal(t, sg, failure.Failures[0].Type)
	assert.Contains(t, failure.Failures[0].Error, "VcpuLimitExceeded")
	assert.Contains(t, err.Error(), failure.Failures[0].Name, "the error names the resource")
	require.NotNil(t, res)
	assert.Len(t, res.Failures(), 1)
	assert.Positive(t, res.Summary["create"], "what could be created was")

	urns, err := r.stack.StateURNs(context.Background())
	require.NoError(t, err)
	assert.NotEmpty(t, urns, "the state keeps what was created")

	again := r.up()
	assert.Positive(t, again.Summary["create"], "the rerun creates what was left")
	assert.Zero(t, again.Summary["delete"]+again.Summary["replace"], "nothing created before is recreated")
	r.requireNoChanges()
}

// TestCancelledUpResumes cancels an up while a create hangs in the cloud, checks a concurrent up
// is refused while the first holds the lock, then checks a rerun completes.
func TestCancelledUpResumes(t *testing.T) {
	for _, env := range environments {
		t.Run(env, func(t *testing.T) {
			t.Parallel()
			cancelledUpResumes(t, env)
		})
	}
}

func cancelledUpResumes(t *testing.T, env string) {
	const nat = "aws:ec2/natGateway:NatGateway"
	r := newRig(t, env, cloudsim.Fault{Type: nat, Op: "create", Mode: cloudsim.HangOnce})

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	hanging := false
	observe := func(e infra.Event) {
		if e.Kind == infra.ResourceStarted && e.Resource.Type == nat && !e.Planning {
			mu.Lock()
			hanging = true
			mu.Unlock()
		}
	}
	type outcome struct {
		res *infra.Result
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := r.stack.Up(ctx, infra.RunOptions{Observer: observe})
		done <- outcome{res, err}
	}()
	require.Eventually(t, func() bool { mu.Lock(); defer mu.Unlock(); return hanging }, 5*time.Minute, 100*time.Millisecond,
		"the up reaches the hanging NAT gateway")

	// A second run on the same stack while the first holds the lock is a concurrent update.
	other, err := infra.Open(context.Background(), r.options())
	require.NoError(t, err)
	_, err = other.Up(withTimeout(t, 5*time.Minute), infra.RunOptions{})
	var conflict *infra.ConcurrentUpdateError
	assert.ErrorAs(t, err, &conflict, "got %v", err)

	cancel()
	var got outcome
	select {
	case got = <-done:
	case <-time.After(3 * time.Minute):
		t.Fatal("the cancelled up did not return")
	}
	var cancelled *infra.CancelledError
	require.ErrorAs(t, got.err, &cancelled)
	assert.True(t, strings.Contains(got.err.Error(), "cancelled"), got.err.Error())
	assert.False(t, errors.As(got.err, &conflict))

	// The engine may have been cancelled between reporting the NAT gateway's step and calling
	// the provider, leaving the hang unconsumed: the rerun must not meet it.
	r.sim.ClearFaults()
	again := r.up()
	assert.Positive(t, again.Summary["create"], "the rerun finishes the environment")
	r.requireNoChanges()
}
