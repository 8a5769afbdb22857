package tests

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

// TestConcurrentFirstRunsOfANewStack starts two runs of the same new stack at the same moment
// on a fresh state folder, as two operators (or two CI jobs) would: each opens the stack and
// previews it, so both find the stack missing and create it. Creation is serialized: the run
// that loses the race selects the stack the other created, and each run either succeeds or is
// a concurrent update (exit 4), never an engine failure. A third, later run then previews the
// stack: the state both runs left decrypts and plans as the winner's did. (Nothing is deployed,
// so that last preview shows the creates, not an empty plan.)
func TestConcurrentFirstRunsOfANewStack(t *testing.T) {
	t.Parallel()
	r := newRig(t, "dev")
	const runs = 2
	results := make([]*infra.Result, runs)
	errs := make([]error, runs)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			s, err := infra.Open(context.Background(), r.options())
			if err != nil {
				errs[i] = err
				return
			}
			results[i], errs[i] = s.Preview(withTimeout(t, 10*60e9), infra.RunOptions{})
		}()
	}
	close(start)
	wg.Wait()

	succeeded := 0
	for i, err := range errs {
		var conflict *infra.ConcurrentUpdateError
		switch {
		case err == nil:
			succeeded++
		case errors.As(err, &conflict):
			t.Logf("run %d: concurrent update (exit 4), as documented: %v", i, err)
		default:
			t.Errorf("run %d: want success or *infra.ConcurrentUpdateError, got %T: %v", i, err, err)
		}
	}
	require.Positive(t, succeeded, "at least one of the first runs previews the new stack")

	again := r.open()
	res, err := again.Preview(withTimeout(t, 10*60e9), infra.RunOptions{})
	require.NoError(t, err, "a later run uses the stack the first runs created")
	for i, prev := range results {
		if prev != nil {
			assert.Equal(t, prev.Summary, res.Summary, "run %d planned what a later run plans", i)
		}
	}
	urns, err := again.StateURNs(context.Background())
	require.NoError(t, err)
	assert.Empty(t, urns, "previews deploy nothing")
}
