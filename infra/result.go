package infra

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Operation names an engine operation.
type Operation string

// The operations of the library.
const (
	OpPreview Operation = "preview"
	OpUp      Operation = "up"
	OpRefresh Operation = "refresh"
	OpDestroy Operation = "destroy"
)

// Status is where a resource's step stands.
type Status string

// Step statuses.
const (
	StatusRunning Status = "running"
	StatusDone    Status = "done"
	StatusFailed  Status = "failed"
	// StatusInterrupted is a step the engine started but never finished (the operation failed
	// or was cancelled first).
	StatusInterrupted Status = "interrupted"
)

// Result is what one operation did (or, for a preview, would do). Its JSON form is what
// `notifyctl --json` prints.
type Result struct {
	Stack     string    `json:"stack"`
	Cloud     Cloud     `json:"cloud"`
	Operation Operation `json:"operation"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	// DurationSeconds is End - Start.
	DurationSeconds float64 `json:"durationSeconds"`
	// Summary counts resources by operation: create, update, replace, delete, same, read, ...
	Summary map[string]int `json:"summary"`
	// Resources has one record per resource the engine stepped over, in the order they started.
	Resources []ResourceRecord `json:"resources"`
	// Outputs are the stack outputs after an up (secrets shown as "[secret]").
	Outputs map[string]Output `json:"outputs,omitempty"`
	// Diagnostics are the engine's errors and warnings.
	Diagnostics []Diagnostic `json:"diagnostics,omitempty"`
	// Phases are the steps an up ran before the deployment itself, when it had to fill the
	// registries first (see Stack.Up); empty otherwise.
	Phases []Phase `json:"phases,omitempty"`
}

// ResourceRecord is one resource's step.
type ResourceRecord struct {
	URN  string `json:"urn"`
	Type string `json:"type"`
	Name string `json:"name"`
	// Custom is true for resources a provider manages, false for components and the stack.
	Custom bool `json:"custom"`
	// Op is create, update, replace, delete, same, read, refresh, import or discard.
	Op     string    `json:"op"`
	Status Status    `json:"status"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	// DurationSeconds is End - Start (0 while running).
	DurationSeconds float64 `json:"durationSeconds"`
	// Diffs are the top-level properties that change.
	Diffs []string `json:"diffs,omitempty"`
	// ReplaceReasons are the properties that force a replacement.
	ReplaceReasons []string `json:"replaceReasons,omitempty"`
	// Error is the failure message of a failed step.
	Error string `json:"error,omitempty"`
	// Component is the top-level component the resource belongs to (network for
	// gcnotify:network:Network$aws:ec2/vpc:Vpc), or StackLevel.
	Component string `json:"component,omitempty"`
	// Protect is true when the resource carries Pulumi's protect flag.
	Protect bool `json:"protect,omitempty"`
	// Changes are the property-level changes of an update or a replacement (see PropertyChange);
	// empty for creates, deletes and unchanged resources.
	Changes []PropertyChange `json:"changes,omitempty"`
}

// StackLevel is the component of resources outside any component: the stack and its providers.
const StackLevel = "(stack and providers)"

// ComponentOf names the top-level component a resource belongs to, from the first type of its
// URN's type chain (urn:pulumi:dev::gcnotify::gcnotify:network:Network$aws:ec2/vpc:Vpc::name is
// in network), or StackLevel.
func ComponentOf(urn string) string {
	parts := strings.Split(urn, "::")
	if len(parts) < 4 {
		return StackLevel
	}
	top := strings.SplitN(parts[2], "$", 2)[0]
	if seg := strings.Split(top, ":"); len(seg) == 3 && seg[0] == "gcnotify" {
		return seg[1]
	}
	return StackLevel
}

// Diagnostic is an engine message not tied to a step's outcome.
type Diagnostic struct {
	Severity string `json:"severity"`
	URN      string `json:"urn,omitempty"`
	Message  string `json:"message"`
}

// Output is a stack output.
type Output struct {
	Value  any  `json:"value"`
	Secret bool `json:"secret,omitempty"`
}

// SecretPlaceholder replaces secret values in results.
const SecretPlaceholder = "[secret]"

// Changes counts the resources that change (anything but same and read).
func (r *Result) Changes() int {
	n := 0
	for op, c := range r.Summary {
		if isChange(op) {
			n += c
		}
	}
	return n
}

// Failures returns the failed resource records.
func (r *Result) Failures() []ResourceRecord {
	var out []ResourceRecord
	for _, rec := range r.Resources {
		if rec.Status == StatusFailed {
			out = append(out, rec)
		}
	}
	return out
}

// ByOp returns the records of one operation, sorted by URN.
func (r *Result) ByOp(op string) []ResourceRecord {
	var out []ResourceRecord
	for _, rec := range r.Resources {
		if rec.Op == op {
			out = append(out, rec)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URN < out[j].URN })
	return out
}

func isChange(op string) bool {
	switch op {
	case "same", "read", "refresh", "":
		return false
	}
	return true
}

// mergeEarlier folds an earlier step of the same up (the targeted up that created the
// registries) into r: its changes replace r's "same" records of those resources (and are
// counted in the summary instead), and r starts when it started. The result then tells the
// whole up.
func (r *Result) mergeEarlier(e *Result) {
	later := map[string]bool{}
	for _, rec := range r.Resources {
		if rec.Op == "same" {
			later[rec.URN] = true
		}
	}
	if r.Summary == nil {
		r.Summary = map[string]int{}
	}
	var merged []ResourceRecord
	moved := map[string]bool{}
	for _, rec := range e.Resources {
		if !isChange(rec.Op) {
			continue
		}
		merged = append(merged, rec)
		moved[rec.URN] = true
		r.Summary[rec.Op]++
		if later[rec.URN] {
			r.Summary["same"]--
		}
	}
	for _, rec := range r.Resources {
		if !(moved[rec.URN] && rec.Op == "same") {
			merged = append(merged, rec)
		}
	}
	r.Resources = merged
	r.Start = e.Start
	r.DurationSeconds = r.End.Sub(r.Start).Seconds()
	r.Diagnostics = append(append([]Diagnostic(nil), e.Diagnostics...), r.Diagnostics...)
}

// HMS is a duration in seconds as h:mm:ss, or m:ss under an hour, rounded to the second: how
// notifyctl and the drill report print a phase's or an estimate's time.
func HMS(seconds float64) string {
	d := time.Duration(seconds * float64(time.Second)).Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}
