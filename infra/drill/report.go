package drill

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/stacks"
)

// Report is what a drill did and where its time went. Its JSON form is report.json in the
// drill's folder, next to report.md, gantt.svg and gantt.png.
type Report struct {
	Setup
	// Seconds is the whole drill, teardown included.
	Seconds float64 `json:"seconds"`
	Status  string  `json:"status"`
	Error   string  `json:"error,omitempty"`
	// Resources is the number of resources the preview planned to create.
	Resources int           `json:"resources"`
	Phases    []PhaseResult `json:"phases"`
	// RecoverySeconds is the time to a verified environment: every phase but the teardown.
	RecoverySeconds float64 `json:"recoverySeconds"`
	// ProjectedAWSSeconds is, in the simulated cloud, the recovery with the deployment's
	// critical path at AWS's published times (its measured length divided by the latency
	// factor) and every other second as measured.
	ProjectedAWSSeconds float64 `json:"projectedAwsSeconds,omitempty"`
	// RTOMinutes is the recovery-time objective (gcnotify:drill.rtoMinutes of the source).
	RTOMinutes int `json:"rtoMinutes"`
	// MetRTO says whether the recovery (projected on AWS in rehearsals) is within the objective.
	MetRTO bool `json:"metRto"`
	// Deploy is where the deployment's time went (nil when it never ran).
	Deploy *Analysis `json:"deploy,omitempty"`
	// EstimateSeconds is the offline estimate of the same stack's deployment (notifyctl
	// estimate, at the drill's latency factor); EstimateError its error against the measured
	// deployment ((estimate - measured) / measured); TodaySeconds the same resources in
	// today's staged Terragrunt order.
	EstimateSeconds float64 `json:"estimateSeconds,omitempty"`
	EstimateError   float64 `json:"estimateError,omitempty"`
	TodaySeconds    float64 `json:"todaySeconds,omitempty"`
	Checks          []Check `json:"checks"`
	// Failures are the resources whose step failed or was cut short.
	Failures []Failure `json:"failures"`
	// Leftovers are what the teardown could not remove (empty after a clean teardown).
	Leftovers   []string     `json:"leftovers"`
	Kept        bool         `json:"kept,omitempty"`
	ManualSteps []ManualStep `json:"manualSteps"`
	// Trend is the earlier drills of the same environment in the same cloud, newest first.
	Trend []HistoryEntry `json:"trend"`
	Notes []string       `json:"notes,omitempty"`

	timedOut bool
}

// Failure is a resource whose step did not finish.
type Failure struct {
	URN    string `json:"urn"`
	Type   string `json:"type"`
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

func newReport(rec *Record, cfg stacks.Config) *Report {
	return &Report{Setup: rec.Setup, RTOMinutes: cfg.Drill.RTOMinutes,
		Checks: []Check{}, Failures: []Failure{}, Leftovers: []string{}, ManualSteps: ManualSteps}
}

// finish computes the totals once every phase ran.
func (r *Report) finish(history []HistoryEntry) {
	r.RecoverySeconds = 0
	for _, p := range r.Phases {
		if p.Name != PhaseTeardown {
			r.RecoverySeconds += p.Seconds
		}
	}
	recovery := r.RecoverySeconds
	if r.Cloud == infra.CloudSim && r.LatencyFactor > 0 && r.Deploy != nil {
		cp := r.Deploy.CriticalPathSeconds
		r.ProjectedAWSSeconds = r.RecoverySeconds - cp + cp/r.LatencyFactor
		recovery = r.ProjectedAWSSeconds
	}
	r.MetRTO = r.Status == StatusSucceeded && r.RTOMinutes > 0 && recovery <= float64(r.RTOMinutes)*60
	r.Trend = []HistoryEntry{}
	for i := len(history) - 1; i >= 0 && len(r.Trend) < 5; i-- {
		h := history[i]
		if h.From == r.From && h.Cloud == r.Cloud && h.Name != r.Name {
			r.Trend = append(r.Trend, h)
		}
	}
}

// Write writes report.json, report.md, gantt.svg and gantt.png into dir.
func (r *Report) Write(dir string) error {
	history, _ := ReadHistory(filepath.Dir(filepath.Dir(dir)))
	r.finish(history)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "report.json"), append(data, '\n'), 0o600); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "report.md"))
	if err != nil {
		return err
	}
	r.Markdown(f)
	if err := f.Close(); err != nil {
		return err
	}
	if r.Deploy == nil || len(r.Deploy.Spans) == 0 {
		return nil
	}
	return writeGantt(r, dir)
}

// Markdown writes the report for people.
func (r *Report) Markdown(w io.Writer) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("# Rebuild drill %s: %s\n\n", r.Name, strings.ToUpper(r.Status))
	p("%s rebuilt from scratch in %s", r.From, r.Cloud)
	if r.Cloud == infra.CloudSim {
		p(" (latency factor %g: AWS's published times x %g)", r.LatencyFactor, r.LatencyFactor)
	}
	p(", account %s, domain %s, environment %s; started %s.\n\n", r.Account, r.Domain, r.Environment, r.Start.UTC().Format(time.RFC3339))
	if r.Error != "" {
		p("**Error:** %s\n\n", mdEscape(firstLine(r.Error)))
	}
	p("## Recovery time\n\n")
	p("| | |\n|---|---|\n")
	p("| time to a verified environment | %s |\n", infra.HMS(r.RecoverySeconds))
	if r.ProjectedAWSSeconds > 0 {
		p("| projected on AWS (critical path at published times) | %s |\n", infra.HMS(r.ProjectedAWSSeconds))
	}
	verdict := "not met"
	if r.MetRTO {
		verdict = "met"
	}
	p("| recovery-time objective (drill.rtoMinutes) | %d min: **%s** |\n", r.RTOMinutes, verdict)
	p("| whole drill, teardown included | %s |\n", infra.HMS(r.Seconds))
	p("| resources | %d |\n\n", r.Resources)
	p("The manual steps below come on top: they are not automated and are not in these figures.\n\n")
	p("## Phases\n\n| phase | status | time | detail |\n|---|---|---:|---|\n")
	for _, ph := range r.Phases {
		p("| %s | %s | %s | %s |\n", ph.Name, ph.Status, infra.HMS(ph.Seconds), mdEscape(ph.Detail))
	}
	p("\n")
	if a := r.Deploy; a != nil {
		p("## Where the deployment's time went\n\n")
		p("Deployment %s against a critical path of %s through the real dependency graph (ratio **%.3f**). ", infra.HMS(a.Seconds), infra.HMS(a.CriticalPathSeconds), a.Ratio)
		p("Parallelism: limit %d, peak %d and average %.1f achieved; the graph allowed a peak of %d (average %.1f).\n\n",
			a.Parallel, a.PeakParallel, a.AverageParallel, a.AllowedPeak, a.AllowedAverage)
		if r.EstimateSeconds > 0 {
			p("The offline estimate of this stack (`notifyctl estimate`: the rendered graph and AWS's published creation times at the same factor) is %s, %+.1f%% against the measured deployment; today's staged Terragrunt order would take %s.\n\n",
				infra.HMS(r.EstimateSeconds), 100*r.EstimateError, infra.HMS(r.TodaySeconds))
		}
		p("| share | time | detail |\n|---|---:|---|\n")
		for _, l := range a.Lines {
			p("| %s | %s | %s |\n", l.What, secs(l.Seconds), mdEscape(l.Detail))
		}
		p("\n### Critical path\n\n| start | time | resource |\n|---:|---:|---|\n")
		for _, s := range a.CriticalPath {
			p("| %s | %s | `%s` %s |\n", secs(s.Start), secs(s.Seconds), s.Type, s.Name)
		}
		p("\n### The 10 slowest resources\n\n| time | resource | component |\n|---:|---|---|\n")
		for _, s := range a.Slowest {
			p("| %s | `%s` %s | %s |\n", secs(s.Seconds), s.Type, s.Name, s.Component)
		}
		p("\n### The 10 longest waits (ready, not started)\n\n| waited | resource | component |\n|---:|---|---|\n")
		for _, s := range a.MostWaited {
			p("| %s | `%s` %s | %s |\n", secs(s.Waited), s.Type, s.Name, s.Component)
		}
		p("\nGantt chart: [gantt.svg](gantt.svg) ([PNG](gantt.png)).\n\n")
	}
	if len(r.Checks) > 0 {
		p("## Verification\n\n| check | result | detail |\n|---|---|---|\n")
		for _, c := range r.Checks {
			res := "ok"
			if !c.OK {
				res = "**FAILED**"
			}
			p("| %s | %s | %s |\n", c.Name, res, mdEscape(c.Detail))
		}
		p("\n")
	}
	if len(r.Failures) > 0 {
		p("## Failed or cut-short resources\n\n| resource | status | error |\n|---|---|---|\n")
		for _, f := range r.Failures {
			p("| `%s` | %s | %s |\n", f.URN, f.Status, mdEscape(firstLine(f.Error)))
		}
		p("\n")
	}
	p("## What was left\n\n")
	switch {
	case r.Kept:
		p("Kept on request (--keep): the stack %s and its resources stay until `notifyctl drill cleanup --name %s`.\n\n", r.Name, r.Name)
	case len(r.Leftovers) > 0:
		p("The teardown left %d resources; `notifyctl drill cleanup --name %s` finishes it:\n\n", len(r.Leftovers), r.Name)
		for _, l := range r.Leftovers {
			p("- %s\n", l)
		}
		p("\n")
	default:
		p("Nothing: the state and the cloud hold nothing of the drill, and its stack is removed.\n\n")
	}
	p("## Manual steps a rebuild cannot skip\n\n| step | who | estimate | check |\n|---|---|---:|---|\n")
	for _, m := range r.ManualSteps {
		p("| %s | %s | %s | %s |\n", m.Step, m.Who, m.Estimate, m.Check)
	}
	p("\n## Trend\n\n")
	if len(r.Trend) == 0 {
		p("No earlier drill of %s in %s.\n", r.From, r.Cloud)
		return
	}
	p("| drill | started | status | recovery | deploy / critical path |\n|---|---|---|---:|---:|\n")
	p("| %s (this one) | %s | %s | %s | %.3f |\n", r.Name, r.Start.UTC().Format("2006-01-02 15:04"), r.Status, infra.HMS(r.RecoverySeconds), r.ratio())
	for _, h := range r.Trend {
		p("| %s | %s | %s | %s | %.3f |\n", h.Name, h.Start.UTC().Format("2006-01-02 15:04"), h.Status, infra.HMS(h.RecoverySeconds), h.Ratio)
	}
}

func (r *Report) ratio() float64 {
	if r.Deploy == nil {
		return 0
	}
	return r.Deploy.Ratio
}

func secs(s float64) string { return fmt.Sprintf("%.1f s", s) }

func mdEscape(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}
