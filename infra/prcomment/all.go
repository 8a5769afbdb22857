package prcomment

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/policy"
)

// PreviewFunc previews one stack: infra.Open in the stack's own workspace, then Stack.Preview.
type PreviewFunc func(ctx context.Context, stack string) (*infra.Result, error)

// CheckFunc runs the policy rules on one stack's program, offline (`notifyctl check`).
type CheckFunc func(ctx context.Context, stack string) (*policy.Report, error)

// PreviewAll previews every stack at once (`notifyctl preview --all`), gating each whose
// denyReplace says so (nil: DenyReplaceDefault) with the allowances. A failure of one stack never
// stops the others. The previews come back sorted by stack; the error joins every stack's error
// (wrapped with its name, the typed errors kept for errors.As) and every gate refusal. With
// check, the policy rules run on each stack while it is previewed, and a stack they refuse
// fails like one the gate refuses.
func PreviewAll(ctx context.Context, stacks []string, preview PreviewFunc, check CheckFunc, denyReplace func(stack string) bool, allow []Allowance) ([]Preview, error) {
	if denyReplace == nil {
		denyReplace = DenyReplaceDefault
	}
	previews := make([]Preview, len(stacks))
	errs := make([]error, len(stacks))
	var wg sync.WaitGroup
	for i, stack := range stacks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var rep *policy.Report
			var cerr error
			checked := make(chan struct{})
			go func() {
				defer close(checked)
				if check != nil {
					rep, cerr = check(ctx, stack)
				}
			}()
			res, err := preview(ctx, stack)
			<-checked
			previews[i] = NewPreview(stack, res, err, denyReplace(stack), allow)
			previews[i].Policy = rep
			switch {
			case err != nil:
				errs[i] = fmt.Errorf("preview %s: %w", stack, err)
			case cerr != nil:
				errs[i] = fmt.Errorf("policy check of %s: %w", stack, cerr)
			default:
				errs[i] = previews[i].Err()
			}
		}()
	}
	wg.Wait()
	return byStack(previews), errors.Join(errs...)
}
