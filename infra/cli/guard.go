package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/prcomment"
)

// lockPoll is how often a run waiting for a stack's lock tries again.
const lockPoll = 15 * time.Second

// guarded says whether an up of stack is guarded (--guard auto|true|false; auto guards the
// stacks whose replacements the preview gate refuses by default: production).
func guarded(mode, stack string) (bool, error) {
	switch mode {
	case "auto", "":
		return prcomment.DenyReplaceDefault(stack), nil
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, &UsageError{Msg: fmt.Sprintf("--guard: got %q, want auto (production only), true or false", mode)}
}

// readAllowances reads an --allow-file: the reviewed replacements and deletions of stateful
// resources, each by URN with its reason (prcomment.ParseAllowances).
func readAllowances(flag, path string) ([]prcomment.Allowance, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &UsageError{Msg: fmt.Sprintf("%s %s: %v", flag, path, err)}
	}
	defer f.Close()
	allow, err := prcomment.ParseAllowances(f)
	if err != nil {
		return nil, &UsageError{Msg: fmt.Sprintf("%s %s: %v", flag, path, err)}
	}
	return allow, nil
}

// LockWaitError is a run that waited its whole --lock-wait for another run's lock.
type LockWaitError struct {
	Waited time.Duration
	Err    *infra.ConcurrentUpdateError
}

func (e *LockWaitError) Error() string {
	return fmt.Sprintf("waited %s for the lock of stack %s, which another run still holds (--lock-wait): %v", clock(e.Waited), e.Err.Stack, e.Err)
}

func (e *LockWaitError) Unwrap() error { return e.Err }

// lockWaiting runs op; while another run holds the stack's lock, it tries again every
// lockPoll, saying so on stderr, until wait has passed (then *LockWaitError). The lock is
// never broken: only its holder ends it (or `orphans --adopt`, when the holder is dead).
func (d *Deps) lockWaiting(ctx context.Context, wait time.Duration, what string, op func() (*infra.Result, error)) (*infra.Result, error) {
	start := d.Now()
	for {
		res, err := op()
		var locked *infra.ConcurrentUpdateError
		if !errors.As(err, &locked) || wait <= 0 {
			return res, err
		}
		waited := d.Now().Sub(start)
		if waited >= wait {
			return res, &LockWaitError{Waited: waited, Err: locked}
		}
		fmt.Fprintf(d.Stderr, "%s: stack %s is locked by another run; waiting for it (%s of %s), trying again in %s\n",
			what, locked.Stack, clock(waited), clock(wait), clock(min(lockPoll, wait-waited)))
		if err := d.sleep(ctx, min(lockPoll, wait-waited)); err != nil {
			return res, &infra.CancelledError{Stack: locked.Stack, Op: infra.Operation(what), Err: err}
		}
	}
}

// sleep waits for dur or until ctx ends.
func (d *Deps) sleep(ctx context.Context, dur time.Duration) error {
	if d.Sleep != nil {
		return d.Sleep(ctx, dur)
	}
	t := time.NewTimer(dur)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// guardedPlan is a guarded up's preparation: a refresh, so the plan is made against what the
// cloud holds (not what the state last recorded), then the preview, refused by the
// stateful-resource gate when it would replace or delete a database, cache, bucket, vault, key
// or zone no allowance covers.
func (d *Deps) guardedPlan(ctx context.Context, r Runner, o UpOptions, allow []prcomment.Allowance) (*infra.Result, error) {
	fmt.Fprintf(d.Stderr, "guarded up of %s: refresh, preview, stateful replacements refused unless allowed, the stack name typed to confirm\n", o.target())
	p := d.newProgress("refresh "+o.target(), 0)
	res, err := d.lockWaiting(ctx, o.LockWait, "refresh", func() (*infra.Result, error) {
		return r.Refresh(ctx, infra.RunOptions{Observer: p.observe})
	})
	p.closeWith(res)
	var missing *infra.StackNotFoundError
	switch {
	case errors.As(err, &missing):
		fmt.Fprintf(d.Stderr, "refresh: stack %s has no state yet (its first deployment): nothing to refresh\n", o.Stack)
	case err != nil:
		return res, err
	}
	p = d.newProgress("preview "+o.target(), 0)
	plan, err := r.Preview(ctx, infra.RunOptions{Observer: p.observe})
	p.closeWith(plan)
	if err != nil {
		return plan, err
	}
	v := prcomment.Gate(plan, allow)
	for _, a := range v.Allowed {
		fmt.Fprintf(d.Stderr, "allowed: %s %s (%s): %s\n", a.Op, a.Name, a.Kind, a.Reason)
	}
	return plan, v.Err(o.Stack)
}
