package prcomment

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/cds-snc/notification-pulumi/infra"
)

// PreviewFunc previews one stack: infra.Open in the stack's own workspace, then Stack.Preview.
type PreviewFunc func(ctx context.Context, stack string) (*infra.Result, error)

// PreviewAll previews every stack at once (`notifyctl preview --all`), gating each whose
// denyReplace says so (nil: DenyReplaceDefault) with the allowances. A failure of one stack never
// stops the others. The previews come back sorted by stack; the error joins every stack's error
// (wrapped with its name, the typed errors kept for errors.As) and every gate refusal.
func PreviewAll(ctx context.Context, stacks []string, preview PreviewFunc, denyReplace func(stack string) bool, allow []Allowance) ([]Preview, error) {
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
			res, err := preview(ctx, stack)
			previews[i] = NewPreview(stack, res, err, denyReplace(stack), allow)
			if err != nil {
				errs[i] = fmt.Errorf("preview %s: %w", stack, err)
			} else {
				errs[i] = previews[i].Err()
			}
		}()
	}
	wg.Wait()
	return byStack(previews), errors.Join(errs...)
}
