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
	"github.com/cds-snc/notification-pulumi/policy"
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
	previews, err := PreviewAll(context.Background(), []string{"production", "dev", "staging"}, preview, nil, nil, nil)
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

// TestPreviewAllRunsThePolicyRules: a stack the policy rules refuse fails like one the gate
// refuses, its comment heads with the findings, and one that passes says so in a line.
func TestPreviewAllRunsThePolicyRules(t *testing.T) {
	preview := func(ctx context.Context, stack string) (*infra.Result, error) {
		return &infra.Result{Stack: stack, Cloud: infra.CloudSim}, nil
	}
	check := func(ctx context.Context, stack string) (*policy.Report, error) {
		rep := &policy.Report{Stack: stack, Rules: []policy.RuleResult{{ID: "s3-encryption"}, {ID: "kms-rotation"}}}
		if stack == "staging" {
			rep.Findings = []policy.Finding{{Rule: "kms-rotation", Name: "keys-main", Type: "aws:kms/key:Key", Message: "enableKeyRotation is false"}}
		}
		return rep, nil
	}
	previews, err := PreviewAll(context.Background(), []string{"dev", "staging"}, preview, check, nil, nil)
	var failed *policy.FailedError
	require.True(t, errors.As(err, &failed), "%v", err)
	assert.Equal(t, "staging", failed.Report.Stack)
	require.Len(t, previews, 2)
	assert.False(t, previews[0].Failed())
	assert.True(t, previews[1].Failed())

	dev := RenderStack(previews[0], Options{PullRequest: 3})[0].Body
	assert.Contains(t, dev, "Policy: the 2 rules pass")
	staging := RenderStack(previews[1], Options{PullRequest: 3})[0].Body
	assert.Contains(t, staging, "## ❌ `staging`")
	assert.Contains(t, staging, "**Refused by the policy rules: 1 finding(s), 0 exception error(s)**")
	assert.Contains(t, staging, "> - `kms-rotation` `keys-main` (`aws:kms/key:Key`): enableKeyRotation is false")
}
