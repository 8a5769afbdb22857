package prcomment

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

// TestPreviewAllRunsEveryStackAtOnce: the three previews overlap, one failing does not stop
// the others, production is gated by default, and the error keeps each typed error.
func TestPreviewAllRunsEveryStackAtOnce(t *testing.T) {
	var running, most atomic.Int32
	engineErr := &infra.EngineError{Stack: "staging", Op: infra.OpPreview, Message: "boom"}
	preview := func(ctx context.Context, stack string) (*infra.Result, error) {
		n := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(50 * time.Millisecond)
		switch stack {
		case "staging":
			return nil, engineErr
		case "production":
			r := replacedCluster()
			return r, nil
		}
		return &infra.Result{Stack: stack}, nil
	}
	previews, err := PreviewAll(context.Background(), []string{"production", "dev", "staging"}, preview, nil, nil)
	assert.Equal(t, int32(3), most.Load(), "every stack at once")
	require.Len(t, previews, 3)
	assert.Equal(t, []string{"dev", "production", "staging"}, []string{previews[0].Stack, previews[1].Stack, previews[2].Stack})
	assert.Nil(t, previews[0].Gate, "dev is not gated by default")
	require.NotNil(t, previews[1].Gate)
	assert.Len(t, previews[1].Gate.Refused, 2)
	assert.Equal(t, "preview of stack staging failed: boom", previews[2].Error)

	var gate *GateError
	assert.True(t, errors.As(err, &gate))
	var eng *infra.EngineError
	assert.True(t, errors.As(err, &eng))
	assert.Contains(t, err.Error(), "preview staging: ")
}
