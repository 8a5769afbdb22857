package policy

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

// Finding is one resource that breaks one rule.
type Finding struct {
	Rule    string `json:"rule"`
	URN     string `json:"urn"`
	Type    string `json:"type"`
	Name    string `json:"name"`
	Message string `json:"message"`
	// Exception is the exception that excuses the finding, in Report.Excepted only.
	Exception *Exception `json:"exception,omitempty"`
}

// RuleResult is what one rule did on the graph.
type RuleResult struct {
	ID string `json:"id"`
	// Applied counts the resources the rule checked; AppliedByType counts them per entry of
	// the rule's Applies (a type token that matched nothing shows 0).
	Applied       int            `json:"applied"`
	AppliedByType map[string]int `json:"appliedByType"`
	Findings      int            `json:"findings"`
	Excepted      int            `json:"excepted"`
	Unverified    int            `json:"unverified"`
	// Skipped is true for a rule that holds outside ephemeral stacks only, in an ephemeral one.
	Skipped bool `json:"skipped,omitempty"`
}

// Report is the result of checking one stack's graph.
type Report struct {
	Stack     string       `json:"stack"`
	Ephemeral bool         `json:"ephemeral"`
	Rules     []RuleResult `json:"rules"`
	// Findings are the breaches no exception excuses: any makes the check fail.
	Findings []Finding `json:"findings"`
	// Excepted are the breaches an exception excuses, each with it.
	Excepted []Finding `json:"excepted"`
	// Unverified are checks that could not decide offline: the deciding input is known only
	// after deployment. They do not fail the check.
	Unverified []Finding `json:"unverified"`
	// ExceptionErrors are exceptions that are expired, match no finding or are ambiguous: any
	// makes the check fail, so a stale exception cannot outlive its reason.
	ExceptionErrors []string `json:"exceptionErrors"`
}

// OK reports whether the stack passes: no unexcused finding and no exception error.
func (r *Report) OK() bool { return len(r.Findings) == 0 && len(r.ExceptionErrors) == 0 }

// Rule returns the result of one rule.
func (r *Report) Rule(id string) (RuleResult, bool) {
	for _, x := range r.Rules {
		if x.ID == id {
			return x, true
		}
	}
	return RuleResult{}, false
}

// Check runs every rule over the graph, excusing findings with the stack's exceptions (see
// ExceptionsFor). Rules marked PermanentOnly are skipped when ephemeral is true.
func Check(g *render.Graph, ex Exceptions, ephemeral bool) *Report {
	return CheckAt(g, ex, ephemeral, time.Now())
}

// CheckAt is Check with the date exceptions' expiry is judged against.
func CheckAt(g *render.Graph, ex Exceptions, ephemeral bool, now time.Time) *Report {
	return run(g, Rules(), ex, ephemeral, now)
}

func run(g *render.Graph, rules []*Rule, ex Exceptions, ephemeral bool, now time.Time) *Report {
	c := newContext(g, ephemeral)
	rep := &Report{Stack: g.Stack, Ephemeral: ephemeral, Rules: []RuleResult{}, Findings: []Finding{},
		Excepted: []Finding{}, Unverified: []Finding{}, ExceptionErrors: []string{}}
	applied := map[string][]*render.Resource{}
	var raw []Finding
	for _, rule := range rules {
		res := RuleResult{ID: rule.ID, AppliedByType: map[string]int{}}
		for _, a := range rule.Applies {
			res.AppliedByType[a] = 0
		}
		if rule.PermanentOnly && ephemeral {
			res.Skipped = true
			rep.Rules = append(rep.Rules, res)
			continue
		}
		for i := range g.Resources {
			r := &g.Resources[i]
			pattern, ok := rule.appliesTo(r.Type)
			if !ok || (rule.Select != nil && !rule.Select(c, r)) {
				continue
			}
			res.Applied++
			res.AppliedByType[pattern]++
			applied[rule.ID] = append(applied[rule.ID], r)
			c.unverified = nil
			for _, msg := range rule.Check(c, r) {
				raw = append(raw, Finding{Rule: rule.ID, URN: r.URN, Type: r.Type, Name: r.Name, Message: msg})
				res.Findings++
			}
			for _, msg := range c.unverified {
				rep.Unverified = append(rep.Unverified, Finding{Rule: rule.ID, URN: r.URN, Type: r.Type, Name: r.Name, Message: msg})
				res.Unverified++
			}
		}
		rep.Rules = append(rep.Rules, res)
	}
	used := make([]bool, len(ex.List))
	targets := make([]string, len(ex.List))
	for i, e := range ex.List {
		urn, err := resolve(e, applied[e.Rule])
		if err != nil {
			rep.ExceptionErrors = append(rep.ExceptionErrors, fmt.Sprintf("%s: %v", e.where(), err))
			continue
		}
		targets[i] = urn
		if e.expired(now) {
			rep.ExceptionErrors = append(rep.ExceptionErrors, fmt.Sprintf("%s: expired on %s: fix the resource or renew the exception with a reason",
				e.where(), e.Expires))
			targets[i] = ""
		}
	}
	for _, f := range raw {
		excused := false
		for i, e := range ex.List {
			if targets[i] != "" && e.Rule == f.Rule && targets[i] == f.URN {
				e := e
				f.Exception = &e
				used[i], excused = true, true
				break
			}
		}
		if excused {
			rep.Excepted = append(rep.Excepted, f)
		} else {
			rep.Findings = append(rep.Findings, f)
		}
	}
	for i, e := range ex.List {
		if targets[i] != "" && !used[i] {
			rep.ExceptionErrors = append(rep.ExceptionErrors, fmt.Sprintf("%s: %s complies with %s: remove the exception",
				e.where(), e.Resource, e.Rule))
		}
	}
	for i := range rep.Rules {
		for _, f := range rep.Excepted {
			if f.Rule == rep.Rules[i].ID {
				rep.Rules[i].Excepted++
				rep.Rules[i].Findings--
			}
		}
	}
	sortFindings(rep.Findings)
	sortFindings(rep.Excepted)
	sortFindings(rep.Unverified)
	return rep
}

// resolve finds the one resource an exception names among those its rule checked: by URN, or
// by logical name when exactly one such resource has it.
func resolve(e Exception, checked []*render.Resource) (string, error) {
	var hits []string
	for _, r := range checked {
		if r.URN == e.Resource || r.Name == e.Resource {
			hits = append(hits, r.URN)
		}
	}
	switch len(hits) {
	case 0:
		return "", fmt.Errorf("%s matches no resource rule %s checks in this stack: remove the exception or correct the name", e.Resource, e.Rule)
	case 1:
		return hits[0], nil
	}
	return "", fmt.Errorf("%s names %d resources rule %s checks (%s): name one by its URN", e.Resource, len(hits), e.Rule,
		strings.Join(hits, ", "))
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Rule != fs[j].Rule {
			return fs[i].Rule < fs[j].Rule
		}
		return fs[i].URN < fs[j].URN
	})
}

// FailedError is a policy check that failed: findings no exception excuses, or exception errors.
type FailedError struct {
	Report *Report
}

func (e *FailedError) Error() string {
	return fmt.Sprintf("policy check of %s failed: %d findings, %d exception errors (docs/policy.md)",
		e.Report.Stack, len(e.Report.Findings), len(e.Report.ExceptionErrors))
}

// Err returns a *FailedError when the check failed, nil when it passed.
func (r *Report) Err() error {
	if r.OK() {
		return nil
	}
	return &FailedError{Report: r}
}
