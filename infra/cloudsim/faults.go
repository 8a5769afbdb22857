package cloudsim

import (
	"context"
	"fmt"
	"sync"
)

// faults holds the injected faults.
type faults struct {
	mu   sync.Mutex
	list []Fault
}

func (f *faults) add(x Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.list = append(f.list, x)
}

func (f *faults) clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.list = nil
}

// take returns the first fault matching an operation, removing it when it fires once.
func (f *faults) take(typ, urn, op string) (Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, x := range f.list {
		if (x.Type == "" || x.Type == typ) && (x.URN == "" || x.URN == urn) && (x.Op == "" || x.Op == op) {
			if x.Mode == FailOnce || x.Mode == HangOnce || x.Mode == Stuck {
				f.list = append(f.list[:i:i], f.list[i+1:]...)
			}
			return x, true
		}
	}
	return Fault{}, false
}

// apply injects a matching fault: a failure returns its error, a hang blocks until ctx ends (a
// stuck call until rpc, the engine's request, ends).
func (f *faults) apply(ctx, rpc context.Context, typ, urn, op string) error {
	x, ok := f.take(typ, urn, op)
	if !ok {
		return nil
	}
	msg := x.Message
	if msg == "" {
		msg = "injected fault"
	}
	switch x.Mode {
	case Stuck:
		<-rpc.Done()
		return fmt.Errorf("cloudsim: %s of %s never answered (simulated fault: %s)", op, typ, msg)
	case HangOnce, HangAlways:
		<-ctx.Done()
		return fmt.Errorf("cloudsim: %s of %s hung (simulated fault: %s) and was cancelled", op, typ, msg)
	default:
		return fmt.Errorf("cloudsim: simulated failure of %s on %s: %s", op, typ, msg)
	}
}
