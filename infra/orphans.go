package infra

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

// CloudResource is a resource the cloud holds for a stack.
type CloudResource struct {
	URN     string `json:"urn"`
	Type    string `json:"type"`
	ID      string `json:"id"`
	Account string `json:"account,omitempty"`
	Region  string `json:"region,omitempty"`
}

// Inventory is the orphan finder's view of the cloud: what it holds of a stack. The simulated
// cloud answers from its world (every resource keeps the URN that created it); on AWS it is the
// Resource Groups Tagging API over the stack tag every resource carries.
type Inventory interface {
	// StackResources lists the cloud's resources of a stack.
	StackResources(ctx context.Context, stack string) ([]CloudResource, error)
	// DeleteResource deletes one of them from the cloud.
	DeleteResource(ctx context.Context, r CloudResource) error
	// ByURN says whether it knows every resource by its URN (the simulated world), and so can
	// tell what the state lists that no longer exists; one that knows resources by ARN only
	// (AWS) finds orphans only.
	ByURN() bool
}

// OrphanReport compares a stack's state with what the cloud holds.
type OrphanReport struct {
	Stack string `json:"stack"`
	// Orphans exist in the cloud but not in the state: an up would create them again.
	Orphans []CloudResource `json:"orphans"`
	// Lost are in the state but no longer exist in the cloud.
	Lost []CloudResource `json:"lost"`
	// Unfinished is the operation that did not end with its state saved, if any.
	Unfinished *JournalEntry `json:"unfinished,omitempty"`
	// StaleLocks are backend locks of engines that no longer run (removed by Adopt).
	StaleLocks []string `json:"staleLocks,omitempty"`
	// Actions says what Adopt or DeleteOrphans did.
	Actions []string `json:"actions,omitempty"`
}

// Clean says whether the state and the cloud agree.
func (r *OrphanReport) Clean() bool {
	return len(r.Orphans) == 0 && len(r.Lost) == 0 && r.Unfinished == nil
}

// OrphansFoundError is an orphan report that found a disagreement.
type OrphansFoundError struct{ Report *OrphanReport }

func (e *OrphansFoundError) Error() string {
	return fmt.Sprintf("stack %s: %d resources in the cloud are not in the state and %d in the state no longer exist; run `notifyctl orphans --stack %s --adopt` (or --delete)",
		e.Report.Stack, len(e.Report.Orphans), len(e.Report.Lost), e.Report.Stack)
}

// Orphans compares the stack's state with what the cloud holds. It changes nothing.
func (s *Stack) Orphans(ctx context.Context) (*OrphanReport, error) {
	if s.opts.Inventory == nil {
		return nil, &OptionsError{Problems: []string{"the orphan finder has no inventory of the cloud " + string(s.opts.Cloud) + " (notifyctl provides one for --cloud sim)"}}
	}
	rep, err := s.orphansNow(ctx)
	if err != nil {
		return nil, err
	}
	if rep.Unfinished, err = s.Journal(); err != nil {
		return nil, err
	}
	rep.StaleLocks = s.staleLocks()
	return rep, nil
}

// orphansNow compares the state with the cloud's inventory.
func (s *Stack) orphansNow(ctx context.Context) (*OrphanReport, error) {
	rep := &OrphanReport{Stack: s.Name(), Orphans: []CloudResource{}, Lost: []CloudResource{}}
	cloud, err := s.opts.Inventory.StackResources(ctx, s.Name())
	if err != nil {
		return nil, fmt.Errorf("list the cloud's resources of %s: %w", s.Name(), err)
	}
	state, err := s.stateOrEmpty(ctx)
	if err != nil {
		return nil, err
	}
	managed := func(r stateResource) bool {
		return r.Custom && !strings.HasPrefix(string(r.Type), "pulumi:providers:") && r.ID != ""
	}
	inState, stateArns := map[string]bool{}, map[string]bool{}
	for _, r := range state {
		if managed(r) {
			inState[string(r.URN)+"|"+string(r.ID)] = true
			if arn, ok := r.Outputs["arn"].(string); ok {
				stateArns[arn] = true
			}
			stateArns[string(r.ID)] = true // resources whose id is their ARN
		}
	}
	inCloud, byURN := map[string]bool{}, s.opts.Inventory.ByURN()
	for _, c := range cloud {
		if c.URN == "" { // known by ARN only (AWS)
			if !stateArns[c.ID] {
				rep.Orphans = append(rep.Orphans, c)
			}
			continue
		}
		inCloud[c.URN+"|"+c.ID] = true
		if !inState[c.URN+"|"+c.ID] {
			rep.Orphans = append(rep.Orphans, c)
		}
	}
	for _, r := range state {
		// Only an inventory that knows every resource by URN can tell what no longer exists.
		if byURN && managed(r) && !inCloud[string(r.URN)+"|"+string(r.ID)] {
			rep.Lost = append(rep.Lost, CloudResource{URN: string(r.URN), Type: string(r.Type), ID: string(r.ID)})
		}
	}
	sort.Slice(rep.Orphans, func(i, j int) bool { return rep.Orphans[i].URN < rep.Orphans[j].URN })
	sort.Slice(rep.Lost, func(i, j int) bool { return rep.Lost[i].URN < rep.Lost[j].URN })
	return rep, nil
}

// stateOrEmpty is the state's resources, none when the stack does not exist yet.
func (s *Stack) stateOrEmpty(ctx context.Context) ([]stateResource, error) {
	res, err := s.state(ctx)
	var notFound *StackNotFoundError
	if errors.As(err, &notFound) {
		return nil, nil
	}
	return res, err
}

// Adopt reconciles the state with the cloud after an operation that did not end with its state
// saved: stale locks of dead engines are removed, a refresh drops what no longer exists, the
// orphans are brought into the state (an up targeted at them and what they need: the simulated
// cloud answers the creation of a resource it already holds under the same URN with that
// resource), a refresh records what the cloud holds, and the journal is cleared. It returns the
// report after reconciling.
func (s *Stack) Adopt(ctx context.Context, o RunOptions) (*OrphanReport, error) {
	before, actions, err := s.beginReconcile(ctx)
	if err != nil {
		return nil, err
	}
	o.Recovery = true
	if len(before.Lost) > 0 || before.Unfinished != nil {
		if _, err := s.refresh(ctx, o, optrefresh.ClearPendingCreates()); err != nil {
			return nil, fmt.Errorf("refresh before adopting: %w", err)
		}
		actions = append(actions, fmt.Sprintf("refreshed: %d resources that no longer exist dropped from the state", len(before.Lost)))
	}
	var byArn []string
	for _, r := range before.Orphans {
		if r.URN == "" {
			byArn = append(byArn, r.ID)
		}
	}
	if len(byArn) > 0 {
		return before, fmt.Errorf("%d orphans are known by ARN only, so nothing says which resource of the program they are: import each with `pulumi import` under its logical name, or delete it: %s",
			len(byArn), strings.Join(byArn, ", "))
	}
	if len(before.Orphans) > 0 {
		targets, err := s.adoptionTargets(ctx, before.Orphans)
		if err != nil {
			return nil, err
		}
		if _, err := s.run(ctx, OpUp, true, o, func(st auto.Stack, ch chan<- events.EngineEvent) (auto.OutputMap, error) {
			r, err := st.Up(ctx, optup.EventStreams(ch), optup.Color("never"), optup.Target(targets))
			return r.Outputs, err
		}); err != nil {
			return nil, fmt.Errorf("adopt the orphans: %w", err)
		}
		if _, err := s.refresh(ctx, o); err != nil {
			return nil, fmt.Errorf("refresh after adopting: %w", err)
		}
		actions = append(actions, fmt.Sprintf("adopted %d resources into the state", len(before.Orphans)))
	}
	return s.reconciled(ctx, actions)
}

// DeleteOrphans deletes from the cloud every resource the state does not know, and drops from
// the state what no longer exists.
func (s *Stack) DeleteOrphans(ctx context.Context, o RunOptions) (*OrphanReport, error) {
	before, actions, err := s.beginReconcile(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range before.Orphans {
		if err := s.opts.Inventory.DeleteResource(ctx, r); err != nil {
			return nil, fmt.Errorf("delete orphan %s (%s): %w", r.URN, r.ID, err)
		}
		actions = append(actions, "deleted "+r.Type+" "+r.ID)
	}
	o.Recovery = true
	if _, err := s.stackOrNil(ctx); err == nil && (len(before.Lost) > 0 || before.Unfinished != nil) {
		if _, err := s.refresh(ctx, o, optrefresh.ClearPendingCreates()); err != nil {
			return nil, fmt.Errorf("refresh after deleting: %w", err)
		}
	}
	return s.reconciled(ctx, actions)
}

// beginReconcile compares the state with the cloud and removes the locks of engines that no
// longer run (saying so in the returned actions).
func (s *Stack) beginReconcile(ctx context.Context) (*OrphanReport, []string, error) {
	before, err := s.Orphans(ctx)
	if err != nil {
		return nil, nil, err
	}
	var actions []string
	for _, l := range before.StaleLocks {
		if err := os.Remove(l); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, nil, fmt.Errorf("remove the stale lock %s: %w", l, err)
		}
		actions = append(actions, "removed the lock of an engine that no longer runs: "+l)
	}
	return before, actions, nil
}

// reconciled clears the journal and compares again: the report, and an error when the state and
// the cloud still disagree.
func (s *Stack) reconciled(ctx context.Context, actions []string) (*OrphanReport, error) {
	if err := s.ClearJournal(); err != nil {
		return nil, err
	}
	after, err := s.Orphans(ctx)
	if err != nil {
		return nil, err
	}
	after.Actions = actions
	if !after.Clean() {
		return after, &OrphansFoundError{Report: after}
	}
	return after, nil
}

// stackOrNil selects the stack when it exists.
func (s *Stack) stackOrNil(ctx context.Context) (auto.Stack, error) { return s.stack(ctx, false) }

// adoptionTargets are the orphans' URNs and everything they need (dependencies, parents,
// providers), from the rendered graph.
func (s *Stack) adoptionTargets(ctx context.Context, orphans []CloudResource) ([]string, error) {
	g, err := render.Render(ctx, render.Options{Stack: s.Name(), ProjectDir: s.opts.ProjectDir, Program: s.opts.Program})
	if err != nil {
		return nil, fmt.Errorf("render the graph of %s to adopt its orphans: %w", s.Name(), err)
	}
	want := map[string]bool{}
	for _, o := range orphans {
		want[o.URN] = true
	}
	return closure(g, func(r render.Resource) bool { return want[r.URN] }), nil
}

// processRunning reports whether pid is a process that still runs on this machine. A zombie
// (an engine that ended after the notifyctl that started it was killed, not yet reaped by the
// process that inherited it) runs no more and holds no lock, though kill(pid, 0) still finds it.
func processRunning(pid int) bool {
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return false
	}
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true // no /proc (not Linux), or it ended just now: the next look decides
	}
	// The state follows the command's name, which is in parentheses and may hold anything.
	if i := bytes.LastIndexByte(raw, ')'); i >= 0 && i+2 < len(raw) {
		switch raw[i+2] {
		case 'Z', 'X':
			return false
		}
	}
	return true
}

// staleLocks are the local backend's locks of this stack whose engine no longer runs on this
// machine (a killed engine leaves its lock).
func (s *Stack) staleLocks() []string {
	dir, ok := cutPrefix(s.opts.Backend, "file://")
	if !ok {
		return nil
	}
	pattern := filepath.Join(filepath.FromSlash(dir), ".pulumi", "locks", "*", "*", s.Name(), "*.json")
	files, _ := filepath.Glob(pattern)
	host, _ := os.Hostname()
	var stale []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		var l struct {
			Pid      int    `json:"pid"`
			Hostname string `json:"hostname"`
		}
		if json.Unmarshal(raw, &l) != nil || l.Hostname != host || l.Pid <= 0 {
			continue // another machine's lock: never broken from here
		}
		if !processRunning(l.Pid) {
			stale = append(stale, f)
		}
	}
	return stale
}
