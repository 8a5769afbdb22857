package drill

import (
	"sort"
	"strings"
	"time"

	"github.com/cds-snc/notification-pulumi/infra"
)

// Span is one resource's step in the deployment, in seconds from the deployment's start.
type Span struct {
	URN       string `json:"urn"`
	Type      string `json:"type"`
	Name      string `json:"name"`
	Component string `json:"component"`
	Op        string `json:"op"`
	Status    string `json:"status"`
	// Ready is when everything it waited for had finished; Start and End its step.
	Ready float64 `json:"readySeconds"`
	Start float64 `json:"startSeconds"`
	End   float64 `json:"endSeconds"`
	// Seconds is End - Start; Waited is Start - Ready (queued, or the engine's own latency).
	Seconds float64 `json:"seconds"`
	Waited  float64 `json:"waitedSeconds"`
	// Critical marks the resources of the critical path.
	Critical bool   `json:"critical,omitempty"`
	Error    string `json:"error,omitempty"`
}

// Line is one share of the deployment's wall time.
type Line struct {
	What    string  `json:"what"`
	Seconds float64 `json:"seconds"`
	Detail  string  `json:"detail"`
}

// Analysis is where a deployment's time went: the measured steps through the real dependency
// graph.
type Analysis struct {
	// Seconds is the deployment's wall time.
	Seconds float64 `json:"seconds"`
	// CriticalPathSeconds is the longest chain of measured step durations through the dependency
	// graph: the deployment's time had every resource started the moment it could.
	CriticalPathSeconds float64 `json:"criticalPathSeconds"`
	// Ratio is Seconds / CriticalPathSeconds (1.0: no time lost to waiting).
	Ratio        float64 `json:"ratio"`
	CriticalPath []Span  `json:"criticalPath"`
	// Slowest are the 10 longest steps.
	Slowest []Span `json:"slowest"`
	// MostWaited are the 10 steps that waited longest between ready and started.
	MostWaited []Span `json:"mostWaited"`
	// Lines split the wall time along the chain that ended last: the work on it, the waits
	// between a step's dependencies ending and its start (queued behind the parallelism limit,
	// or the engine's and program's own latency), and the time before the first and after the
	// last step.
	Lines []Line `json:"whereTheTimeWent"`
	// Parallel is the limit the engine ran with; PeakParallel and AverageParallel what it
	// achieved; AllowedPeak and AllowedAverage what the graph allowed with the same durations.
	Parallel        int     `json:"parallelLimit"`
	PeakParallel    int     `json:"peakParallel"`
	AverageParallel float64 `json:"averageParallel"`
	AllowedPeak     int     `json:"allowedPeakParallel"`
	AllowedAverage  float64 `json:"allowedAverageParallel"`
	// Spans are every step, by start.
	Spans []Span `json:"spans"`
}

// analyse measures a deployment: its result's steps (from the engine's events) and the state's
// dependency graph. A step is ready when what it depends on has finished; a component (ours, or
// a remote one such as awsx's VPC, whose outputs arrive when its construction returns) finishes
// when its children have. Steps of an earlier phase (the registries created before the images
// were copied) count as done when the deployment starts.
func analyse(res *infra.Result, g *infra.Graph, start, end time.Time, parallel int) *Analysis {
	deps := g.Deps
	children := map[string][]string{}
	for c, p := range g.Parents {
		children[p] = append(children[p], c)
	}
	a := &Analysis{Seconds: end.Sub(start).Seconds(), Parallel: parallel}
	spans := map[string]*Span{}
	for _, r := range res.Resources {
		if !r.Custom || strings.HasPrefix(r.Type, "pulumi:providers:") || r.Start.IsZero() || r.Start.Before(start) {
			continue
		}
		if r.Op == "same" || r.Op == "read" {
			continue
		}
		e := r.End
		if e.IsZero() {
			e = end
		}
		s := &Span{URN: r.URN, Type: r.Type, Name: r.Name, Component: infra.ComponentOf(r.URN), Op: r.Op, Status: string(r.Status),
			Start: r.Start.Sub(start).Seconds(), End: e.Sub(start).Seconds(), Error: r.Error}
		s.Seconds = s.End - s.Start
		spans[r.URN] = s
	}
	// ready: the latest end among what a step waited for, through components and providers
	// (which take no time of their own).
	var finish func(urn string) float64
	readyOf := func(urn string) (float64, string) { return latest(deps[urn], finish) }
	finish = memoised(func(urn string) float64 {
		if s, ok := spans[urn]; ok {
			return s.End
		}
		f, _ := readyOf(urn)
		if cf, _ := latest(children[urn], finish); cf > f {
			f = cf
		}
		return f
	})
	// The ideal schedule: every step starts when what it waited for ends, with its measured
	// duration.
	via := map[string]string{}
	var idealEnd func(urn string) float64
	idealEnd = memoised(func(urn string) float64 {
		best, from := latest(deps[urn], idealEnd)
		if s, ok := spans[urn]; ok {
			best += s.Seconds
		} else if f, c := latest(children[urn], idealEnd); f > best {
			best, from = f, c
		}
		via[urn] = from
		return best
	})
	var last string
	for urn := range spans {
		if f := idealEnd(urn); f > a.CriticalPathSeconds || f == a.CriticalPathSeconds && urn < last {
			a.CriticalPathSeconds, last = f, urn
		}
	}
	for u := last; u != ""; u = via[u] {
		if s, ok := spans[u]; ok {
			s.Critical = true
		}
	}
	for _, s := range spans {
		s.Ready, _ = readyOf(s.URN)
		if s.Ready > s.Start {
			s.Ready = s.Start // a dependency's end event can trail the dependant's start slightly
		}
		s.Waited = s.Start - s.Ready
		a.Spans = append(a.Spans, *s)
	}
	sort.Slice(a.Spans, func(i, j int) bool {
		if a.Spans[i].Start != a.Spans[j].Start {
			return a.Spans[i].Start < a.Spans[j].Start
		}
		return a.Spans[i].URN < a.Spans[j].URN
	})
	for _, s := range a.Spans {
		if s.Critical {
			a.CriticalPath = append(a.CriticalPath, s)
		}
	}
	if a.CriticalPathSeconds > 0 {
		a.Ratio = a.Seconds / a.CriticalPathSeconds
	}
	a.Slowest = top(a.Spans, func(s Span) float64 { return s.Seconds })
	a.MostWaited = top(a.Spans, func(s Span) float64 { return s.Waited })
	a.PeakParallel, a.AverageParallel = concurrency(a.Spans, func(s Span) (float64, float64) { return s.Start, s.End }, a.Seconds)
	a.AllowedPeak, a.AllowedAverage = concurrency(a.Spans, func(s Span) (float64, float64) {
		return idealEnd(s.URN) - s.Seconds, idealEnd(s.URN)
	}, a.CriticalPathSeconds)
	a.Lines = lines(a, spans, func(urn string) (float64, string) {
		best, from := readyOf(urn)
		if _, ok := spans[urn]; !ok {
			if f, c := latest(children[urn], finish); f > best {
				best, from = f, c
			}
		}
		return best, from
	}, parallel)
	return a
}

// lines splits the wall time along the chain of the step that ended last: each step back to
// the dependency that ended last before it.
func lines(a *Analysis, spans map[string]*Span, readyOf func(string) (float64, string), parallel int) []Line {
	var last *Span
	for _, s := range spans {
		if last == nil || s.End > last.End || s.End == last.End && s.URN < last.URN {
			last = s
		}
	}
	if last == nil {
		return []Line{{What: "engine and program", Seconds: a.Seconds, Detail: "no resource was deployed"}}
	}
	var work, queued, latency float64
	var chain []string
	first := last
	for s := last; s != nil; {
		work += s.Seconds
		chain = append(chain, s.Name)
		ready, from := readyOf(s.URN)
		wait := s.Start - ready
		if wait < 0 {
			wait = 0
		}
		// A wait while the engine ran as many steps as it may is queueing; otherwise it is the
		// engine's and the program's own latency (registration, diffing, events).
		if running(a.Spans, ready) >= parallel && parallel > 0 {
			queued += wait
		} else {
			latency += wait
		}
		first = s
		var next *Span
		for u := from; u != ""; {
			if p, ok := spans[u]; ok {
				next = p
				break
			}
			// a component or provider: follow what it waited for
			_, u = readyOf(u)
		}
		s = next
	}
	lead := first.Start - first.Waited
	if lead < 0 {
		lead = 0
	}
	tail := a.Seconds - last.End
	if tail < 0 {
		tail = 0
	}
	return []Line{
		{What: "resource work on the chain that ended last", Seconds: work, Detail: strings.Join(reverse(chain), " -> ")},
		{What: "queued behind the parallelism limit", Seconds: queued, Detail: "steps ready to start while the engine already ran its limit of steps"},
		{What: "engine and program latency between steps", Seconds: latency, Detail: "ready but not yet started, below the parallelism limit (registration, checks, diffs)"},
		{What: "before the first step", Seconds: lead, Detail: "the program starting, providers configured"},
		{What: "after the last step", Seconds: tail, Detail: "outputs and the state saved"},
	}
}

// memoised returns end computed once per URN; a URN met again while its own end is being
// computed (a cycle, which the engine's graph never has) ends at 0.
func memoised(end func(urn string) float64) func(urn string) float64 {
	memo, visiting := map[string]float64{}, map[string]bool{}
	return func(urn string) float64 {
		if f, ok := memo[urn]; ok {
			return f
		}
		if visiting[urn] {
			return 0
		}
		visiting[urn] = true
		f := end(urn)
		memo[urn] = f
		return f
	}
}

// latest is the latest end after 0 among urns and the first URN that ends then (0 and "" when
// none ends after 0).
func latest(urns []string, end func(urn string) float64) (float64, string) {
	best, from := 0.0, ""
	for _, u := range urns {
		if f := end(u); f > best {
			best, from = f, u
		}
	}
	return best, from
}

func running(spans []Span, at float64) int {
	n := 0
	for _, s := range spans {
		if s.Start <= at && at < s.End {
			n++
		}
	}
	return n
}

// concurrency is the peak and average number of steps running at once.
func concurrency(spans []Span, bounds func(Span) (float64, float64), wall float64) (int, float64) {
	type edge struct {
		t float64
		d int
	}
	var edges []edge
	var busy float64
	for _, s := range spans {
		b, e := bounds(s)
		edges = append(edges, edge{b, 1}, edge{e, -1})
		busy += e - b
	}
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].t != edges[j].t {
			return edges[i].t < edges[j].t
		}
		return edges[i].d < edges[j].d
	})
	peak, n := 0, 0
	for _, e := range edges {
		n += e.d
		if n > peak {
			peak = n
		}
	}
	if wall <= 0 {
		return peak, 0
	}
	return peak, busy / wall
}

func top(spans []Span, by func(Span) float64) []Span {
	out := append([]Span(nil), spans...)
	sort.SliceStable(out, func(i, j int) bool { return by(out[i]) > by(out[j]) })
	if len(out) > 10 {
		out = out[:10]
	}
	return out
}

func reverse(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}
