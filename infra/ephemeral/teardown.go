package ephemeral

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
)

// Cloud is what tearing down a short-lived stack needs of where it runs, beyond the engine.
type Cloud interface {
	// Hooks sets the engine options that reach this cloud (providers' environment, registry,
	// inventory).
	Hooks(o *infra.Options)
	// Leftovers lists what the cloud still holds of the stack (its resources and anything in its
	// account) after the teardown.
	Leftovers(ctx context.Context, stack, account string) ([]string, error)
	Close() error
}

// DestroyAndProve destroys a short-lived stack, checks that neither the state nor the cloud
// holds anything of it, and removes the stack from the backend; left lists what remains when
// they are not empty, and the error then names retry, the command that finishes the job.
func DestroyAndProve(ctx context.Context, st *infra.Stack, c Cloud, cloud infra.Cloud, account string, observe infra.Observer, retry string) ([]string, error) {
	if e, err := st.Journal(); err == nil && e != nil {
		// An interrupted operation: delete what the cloud holds that the state does not know (a
		// teardown has no use for adopting it), then destroy the rest.
		if _, err := st.DeleteOrphans(ctx, infra.RunOptions{Recovery: true}); err != nil {
			return nil, fmt.Errorf("delete what the interrupted operation left outside the state: %w", err)
		}
	}
	_, err := st.Destroy(ctx, infra.RunOptions{Unprotect: cloud == infra.CloudSim, Observer: observe})
	var missing *infra.StackNotFoundError
	if err != nil && !errors.As(err, &missing) {
		return nil, fmt.Errorf("destroy: %w", err)
	}
	var left []string
	if err == nil {
		urns, err := st.StateURNs(ctx)
		if err != nil {
			return nil, err
		}
		for _, u := range urns {
			left = append(left, "state: "+u)
		}
	}
	more, err := c.Leftovers(ctx, st.Name(), account)
	if err != nil {
		return left, fmt.Errorf("list what the cloud still holds: %w", err)
	}
	left = append(left, more...)
	if len(left) > 0 {
		return left, fmt.Errorf("teardown left %d resources (first: %s): run `%s`", len(left), left[0], retry)
	}
	if err := st.Remove(ctx); err != nil {
		return nil, err
	}
	return nil, nil
}

// SimOccupant says what the world file of a state folder holds in an account.
func SimOccupant(stateDir string) func(context.Context, string) (string, error) {
	return func(_ context.Context, account string) (string, error) {
		if _, err := os.Stat(cloudsim.WorldFile(stateDir)); errors.Is(err, os.ErrNotExist) {
			return "", nil // no rehearsal has run from this state folder
		}
		res, err := cloudsim.ReadWorld(cloudsim.WorldFile(stateDir))
		if err != nil {
			return "", err
		}
		stacksIn := map[string]int{}
		for _, r := range res {
			if r.Account == account {
				stacksIn[cloudsim.StackOf(r.URN)]++
			}
		}
		if len(stacksIn) == 0 {
			return "", nil
		}
		var parts []string
		for s, n := range stacksIn {
			parts = append(parts, fmt.Sprintf("%d resources of stack %s", n, s))
		}
		sort.Strings(parts)
		return "the simulated world holds " + strings.Join(parts, ", "), nil
	}
}
