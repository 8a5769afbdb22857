package infra

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// EventKind says what happened to a resource.
type EventKind string

// Event kinds sent to an Observer.
const (
	ResourceStarted EventKind = "started"
	ResourceDone    EventKind = "done"
	ResourceFailed  EventKind = "failed"
	DiagnosticKind  EventKind = "diagnostic"
)

// Event is one change seen on the engine's event stream.
type Event struct {
	Kind     EventKind
	Resource ResourceRecord
	// Diagnostic is set for DiagnosticKind.
	Diagnostic Diagnostic
	// Planning is true during a preview.
	Planning bool
}

// Observer receives events as the engine emits them, one at a time, in order.
type Observer func(Event)

// EngineEventSink receives every raw engine event, in order (recorders, see EventLog).
type EngineEventSink func(apitype.EngineEvent)

// collector turns engine events into resource records.
type collector struct {
	now      func() time.Time
	observer Observer
	raw      EngineEventSink

	mu      sync.Mutex
	records map[string]*ResourceRecord
	order   []string
	diags   []Diagnostic
	errs    map[string][]string // urn -> error diagnostics
	summary map[string]int
}

func newCollector(now func() time.Time, observer Observer) *collector {
	return &collector{now: now, observer: observer, records: map[string]*ResourceRecord{},
		errs: map[string][]string{}}
}

// consume reads ch until it is closed; the returned channel closes when it is.
func (c *collector) consume(ch <-chan events.EngineEvent) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for e := range ch {
			if c.raw != nil {
				c.raw(e.EngineEvent)
			}
			c.handle(e.EngineEvent)
		}
	}()
	return done
}

// colorTags are the engine's colour directives (<{%reset%}>) left in some messages.
var colorTags = regexp.MustCompile(`<\{%[^%]*%\}>`)

func clean(s string) string { return strings.TrimSpace(colorTags.ReplaceAllString(s, "")) }

func (c *collector) handle(e apitype.EngineEvent) {
	var out []Event
	c.mu.Lock()
	now := c.now()
	switch {
	case e.ResourcePreEvent != nil:
		rec := c.step(e.ResourcePreEvent.Metadata)
		if rec.Start.IsZero() {
			rec.Start = now
		}
		rec.Status, rec.End, rec.DurationSeconds = StatusRunning, time.Time{}, 0
		out = append(out, Event{Kind: ResourceStarted, Resource: *rec, Planning: e.ResourcePreEvent.Planning})
	case e.ResOutputsEvent != nil:
		rec := c.step(e.ResOutputsEvent.Metadata)
		if rec.Status != StatusFailed {
			rec.Status = StatusDone
		}
		c.finish(rec, now)
		out = append(out, Event{Kind: ResourceDone, Resource: *rec, Planning: e.ResOutputsEvent.Planning})
	case e.ResOpFailedEvent != nil:
		rec := c.step(e.ResOpFailedEvent.Metadata)
		rec.Status = StatusFailed
		if rec.Error == "" {
			rec.Error = strings.Join(c.errs[rec.URN], "; ")
		}
		c.finish(rec, now)
		out = append(out, Event{Kind: ResourceFailed, Resource: *rec})
	case e.DiagnosticEvent != nil:
		d := e.DiagnosticEvent
		if d.Severity != "error" && d.Severity != "warning" || d.Ephemeral {
			break
		}
		diag := Diagnostic{Severity: d.Severity, URN: d.URN, Message: clean(d.Message)}
		c.diags = append(c.diags, diag)
		if d.Severity == "error" && d.URN != "" {
			c.errs[d.URN] = append(c.errs[d.URN], diag.Message)
			if rec, ok := c.records[d.URN]; ok && rec.Status == StatusFailed && rec.Error == "" {
				rec.Error = diag.Message
			}
		}
		out = append(out, Event{Kind: DiagnosticKind, Diagnostic: diag})
	case e.SummaryEvent != nil:
		c.summary = map[string]int{}
		for op, n := range e.SummaryEvent.ResourceChanges {
			c.summary[string(op)] = n
		}
	}
	c.mu.Unlock()
	if c.observer != nil {
		for _, ev := range out {
			c.observer(ev)
		}
	}
}

// step returns the record of a step's resource, merging the three steps of a replacement.
func (c *collector) step(m apitype.StepEventMetadata) *ResourceRecord {
	rec, ok := c.records[m.URN]
	if !ok {
		urn := resource.URN(m.URN)
		rec = &ResourceRecord{URN: m.URN, Type: m.Type, Name: urn.Name(), Component: ComponentOf(m.URN)}
		c.records[m.URN] = rec
		c.order = append(c.order, m.URN)
	}
	if m.New != nil {
		rec.Custom, rec.Protect = m.New.Custom, rec.Protect || m.New.Protect
	} else if m.Old != nil {
		rec.Custom, rec.Protect = m.Old.Custom, rec.Protect || m.Old.Protect
	}
	op := normalOp(string(m.Op))
	if opRank(op) >= opRank(rec.Op) {
		rec.Op = op
	}
	if len(m.Diffs) > 0 {
		rec.Diffs = union(rec.Diffs, m.Diffs)
	}
	if op == "replace" && len(m.Keys) > 0 {
		rec.ReplaceReasons = union(rec.ReplaceReasons, m.Keys)
	}
	if rec.Changes == nil && (op == "update" || op == "replace") && m.Old != nil && m.New != nil {
		rec.Changes = propertyChanges(m)
	}
	return rec
}

func (c *collector) finish(rec *ResourceRecord, now time.Time) {
	rec.End = now
	if !rec.Start.IsZero() {
		rec.DurationSeconds = now.Sub(rec.Start).Seconds()
	}
}

// normalOp folds the engine's replacement steps into "replace".
func normalOp(op string) string {
	switch op {
	case "create-replacement", "delete-replaced", "replace", "discard-replaced", "import-replacement":
		return "replace"
	case "refresh":
		return "refresh"
	}
	return op
}

// opRank orders operations so a record shows the most significant step of its resource.
func opRank(op string) int {
	switch op {
	case "":
		return 0
	case "same", "read", "refresh":
		return 1
	case "replace":
		return 3
	}
	return 2
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string(nil), a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// interruptCancelled turns the steps that failed only because the operation was cancelled
// (the engine reports the steps in flight at Ctrl-C as failed, "operation cancelled") into
// interrupted ones; a step that failed for another reason stays failed.
func (c *collector) interruptCancelled() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, rec := range c.records {
		if rec.Status == StatusFailed && isCancellation(rec.Error) {
			rec.Status = StatusInterrupted
		}
	}
}

func isCancellation(msg string) bool { return strings.Contains(strings.ToLower(msg), "cancel") }

// result assembles what was collected. Steps still running are done when the operation
// succeeded (a component finishes without an outputs event of its own) and interrupted otherwise.
func (c *collector) result(stack string, cloud Cloud, op Operation, start, end time.Time, ok bool) *Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, rec := range c.records {
		if rec.Status != StatusRunning {
			continue
		}
		if ok {
			rec.Status = StatusDone
			c.finish(rec, end)
		} else {
			rec.Status = StatusInterrupted
		}
	}
	r := &Result{Stack: stack, Cloud: cloud, Operation: op, Start: start, End: end,
		DurationSeconds: end.Sub(start).Seconds(), Summary: map[string]int{},
		// Lists are [] rather than null in JSON when empty.
		Diagnostics: append([]Diagnostic{}, c.diags...), Resources: make([]ResourceRecord, 0, len(c.order))}
	for _, urn := range c.order {
		r.Resources = append(r.Resources, *c.records[urn])
	}
	if c.summary != nil {
		for k, v := range c.summary {
			r.Summary[k] = v
		}
	} else {
		for _, rec := range r.Resources {
			r.Summary[rec.Op]++
		}
	}
	return r
}

func (c *collector) failures() []ResourceRecord {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []ResourceRecord
	for _, urn := range c.order {
		if rec := c.records[urn]; rec.Status == StatusFailed {
			out = append(out, *rec)
		}
	}
	return out
}

// errorText joins the error diagnostics not attached to a resource.
func (c *collector) errorText() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var msgs []string
	for _, d := range c.diags {
		if d.Severity == "error" {
			msgs = append(msgs, d.Message)
		}
	}
	return strings.Join(msgs, "\n")
}
