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

// TestAFailedThenACancelledUpResume is one environment's bad day, in order: an up fails on one
// resource and keeps what it did; the rerun hangs on that resource and is cancelled (a concurrent
// up is refused meanwhile); the third run completes the environment without recreating anything.
// One sequence per environment instead of one deployment per scenario: the failed resource is
// certain to be attempted again, so the hang always meets it.
func TestAFailedThenACancelledUpResume(t *testing.T) {
	for _, env := range environments {
		t.Run(env, func(t *testing.T) {
			t.Parallel()
			r := newRig(t, env, cloudsim.Fault{Type: nat, Op: "create", Mode: cloudsim.FailOnce,
				Message: "simulated: NatGatewayLimitExceeded in ca-central-1"})
			failedResourceIsReported(t, r)
			r.sim.AddFault(cloudsim.Fault{Type: nat, Op: "create", Mode: cloudsim.HangOnce})
			cancelledUpIsRefusedConcurrentlyAndStops(t, r)
			// The engine may have been cancelled between reporting the NAT gateway's step and
			// calling the provider, leaving the hang unconsumed: the rerun must not meet it.
			r.sim.ClearFaults()
			again := r.up()
			assert.Positive(t, again.Summary["create"], "the rerun finishes the environment")
			assert.Zero(t, again.Summary["delete"]+again.Summary["replace"], "nothing created before is recreated")
			r.requireNoChanges()
		})
	}
}

const nat = "aws:ec2/natGateway:NatGateway"

// failedResourceIsReported: the up fails with the failing resource and the cloud's message, and
// everything else it could do is saved.
func failedResourceIsReported(t *testing.T, r *rig) {
	res, err := r.stack.Up(withTimeout(t, 10*time.Minute), infra.RunOptions{})
	var failure *infra.ResourceFailureError
	require.ErrorAs(t, err, &failure)
	require.Len(t, failure.Failures, 1, "exactly the injected failure")
	assert.Equal(t, nat, failure.Failures[0].Type)
	assert.Contains(t, failure.Failures[0].Error, "NatGatewayLimitExceeded")
	assert.Contains(t, err.Error(), failure.Failures[0].Name, "the error names the resource")
	require.NotNil(t, res)
	assert.Len(t, res.Failures(), 1)
	assert.Positive(t, res.Summary["create"], "what could be created was")

	urns, err := r.stack.StateURNs(context.Background())
	require.NoError(t, err)
	assert.NotEmpty(t, urns, "the state keeps what was created")
}

// cancelledUpIsRefusedConcurrentlyAndStops cancels an up while a create hangs in the cloud,
// checking that a concurrent up is refused while the first holds the lock.
func cancelledUpIsRefusedConcurrentlyAndStops(t *testing.T, r *rig) {
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
}
