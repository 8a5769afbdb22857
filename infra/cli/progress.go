package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cds-snc/notification-pulumi/infra"
)

// ing is the progressive form of each operation, for the progress view.
var ing = map[string]string{"create": "creating", "update": "updating", "replace": "replacing",
	"delete": "deleting", "import": "importing", "read": "reading", "refresh": "refreshing", "discard": "discarding"}

// progress shows resources as the engine steps over them, on stderr. On a terminal it keeps a
// live block at the bottom (a header and the resources in flight with their elapsed time) and
// prints finished resources above it; otherwise it prints one plain line per start and end, with
// no colour or cursor control.
type progress struct {
	w        io.Writer
	live     bool
	now      func() time.Time
	width    int
	title    string
	expected int
	start    time.Time

	mu      sync.Mutex
	running map[string]infra.ResourceRecord
	done    int
	failed  int
	drawn   int // lines of the live block on screen
	closed  bool
	stop    chan struct{}
	stopped chan struct{}
}

// newProgress starts a view titled e.g. "up dev (sim)"; expected is the number of changes the
// preview announced (0: unknown).
func (d *Deps) newProgress(title string, expected int) *progress {
	p := &progress{w: d.Stderr, live: d.StderrTerminal, now: d.Now, title: title, expected: expected,
		start: d.Now(), running: map[string]infra.ResourceRecord{}, stop: make(chan struct{}),
		stopped: make(chan struct{})}
	if d.Width != nil {
		p.width = d.Width()
	}
	if p.width <= 0 {
		p.width = 120
	}
	if p.live {
		go p.tick()
	} else {
		fmt.Fprintf(p.w, "%s: started\n", title)
		close(p.stopped)
	}
	return p
}

// quiet reports whether an event is not worth a line: no-op steps and the stack itself.
func quiet(rec infra.ResourceRecord) bool {
	return rec.Op == "same" || rec.Type == "pulumi:pulumi:Stack"
}

func (p *progress) observe(e infra.Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	rec := e.Resource
	var line string
	switch e.Kind {
	case infra.ResourceStarted:
		if e.Planning || quiet(rec) {
			return
		}
		p.running[rec.URN] = rec
		if !p.live {
			line = fmt.Sprintf("%s %-11s %s %s", p.stamp(), verb(ing, rec.Op), rec.Type, rec.Name)
		}
	case infra.ResourceDone:
		if e.Planning || quiet(rec) {
			return
		}
		delete(p.running, rec.URN)
		p.done++
		line = fmt.Sprintf("%s %-11s %s %s (%s)", p.stamp(), verb(verbs, rec.Op), rec.Type, rec.Name, round(rec.DurationSeconds))
	case infra.ResourceFailed:
		delete(p.running, rec.URN)
		p.failed++
		line = fmt.Sprintf("%s %-11s %s %s: %s", p.stamp(), "FAILED", rec.Type, rec.Name, firstLine(rec.Error))
	case infra.DiagnosticKind:
		line = fmt.Sprintf("%s %-11s %s", p.stamp(), e.Diagnostic.Severity+":", firstLine(e.Diagnostic.Message))
	}
	if line == "" {
		return
	}
	if p.live {
		p.clearBlock()
		fmt.Fprintln(p.w, p.fit(line))
		p.drawBlock()
		return
	}
	fmt.Fprintln(p.w, line)
}

func verb(words map[string]string, op string) string {
	if w, ok := words[op]; ok {
		return w
	}
	return op
}

func (p *progress) stamp() string {
	return fmt.Sprintf("%7s", clock(p.now().Sub(p.start)))
}

// clock is elapsed time as m:ss.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

func (p *progress) fit(line string) string {
	if len(line) > p.width-1 {
		return line[:p.width-2] + "…"
	}
	return line
}

// clearBlock erases the live block (cursor up, clear to end of screen).
func (p *progress) clearBlock() {
	if p.drawn > 0 {
		fmt.Fprintf(p.w, "\x1b[%dA\x1b[J", p.drawn)
		p.drawn = 0
	}
}

// maxRunningLines bounds the live block so it fits a small terminal.
const maxRunningLines = 12

func (p *progress) drawBlock() {
	total := ""
	if p.expected > 0 {
		total = fmt.Sprintf("/%d", p.expected)
	}
	lines := []string{fmt.Sprintf("%s  %s  %d%s done  %d in progress  %d failed", p.title,
		clock(p.now().Sub(p.start)), p.done, total, len(p.running), p.failed)}
	// Components are in progress until their last child is done: list the cloud's resources.
	recs := make([]infra.ResourceRecord, 0, len(p.running))
	for _, r := range p.running {
		if r.Custom {
			recs = append(recs, r)
		}
	}
	sort.Slice(recs, func(i, j int) bool {
		return recs[i].Start.Before(recs[j].Start) || recs[i].Start.Equal(recs[j].Start) && recs[i].URN < recs[j].URN
	})
	for i, r := range recs {
		if i == maxRunningLines {
			lines = append(lines, fmt.Sprintf("  ... and %d more", len(recs)-i))
			break
		}
		lines = append(lines, fmt.Sprintf("  %7s %-11s %s %s", clock(p.now().Sub(r.Start)), verb(ing, r.Op), r.Type, r.Name))
	}
	for _, l := range lines {
		fmt.Fprintln(p.w, p.fit(l))
	}
	p.drawn = len(lines)
}

func (p *progress) tick() {
	defer close(p.stopped)
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			p.clearBlock()
			p.drawBlock()
			p.mu.Unlock()
		}
	}
}

// close stops the view, leaving a final line counted from the events seen.
func (p *progress) close() { p.closeWith(nil) }

// closeWith stops the view, leaving a final line; with the operation's result, the line counts
// its records, as the result and its JSON do: a step the engine reported failed because the
// operation was cancelled is interrupted there, not failed.
func (p *progress) closeWith(res *infra.Result) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	if p.live {
		close(p.stop)
	}
	p.mu.Unlock()
	<-p.stopped
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.live {
		p.clearBlock()
	}
	failed, interrupted := p.failed, 0
	if res != nil {
		failed = 0
		for _, rec := range res.Resources {
			switch rec.Status {
			case infra.StatusFailed:
				failed++
			case infra.StatusInterrupted:
				interrupted++
			}
		}
	}
	tail := ""
	if interrupted > 0 {
		tail = fmt.Sprintf(", %d interrupted", interrupted)
	}
	fmt.Fprintf(p.w, "%s: finished in %s (%d done, %d failed%s)\n", p.title,
		strings.TrimSpace(clock(p.now().Sub(p.start))), p.done, failed, tail)
}

// lazyProgress is a progress view that starts with the deployment's first step instead of with
// the command, so that what the command prints first (checks, a drill's phase lines) stays above
// it. A phase line closes the view in progress; the next step opens a new one.
type lazyProgress struct {
	d     *Deps
	title string

	mu sync.Mutex
	p  *progress // nil until a step, and again after a phase line
}

// observe is the command's infra.Observer: it passes deployment events (not planning ones) to
// the view, opening it first if none is open.
func (l *lazyProgress) observe(e infra.Event) {
	if e.Planning {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.p == nil {
		l.p = l.d.newProgress(l.title, 0)
	}
	l.p.observe(e)
}

// phase closes the view in progress and prints line on stderr, above the view the next step
// opens.
func (l *lazyProgress) phase(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closeLocked()
	fmt.Fprintln(l.d.Stderr, line)
}

// close closes the view in progress, if any, leaving its final line.
func (l *lazyProgress) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closeLocked()
}

func (l *lazyProgress) closeLocked() {
	if l.p != nil {
		l.p.close()
		l.p = nil
	}
}
