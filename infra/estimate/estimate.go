// Package estimate predicts how long a from-scratch rebuild of an environment takes, offline:
// from the rendered resource graph (infra/render) and a creation time per resource (the
// simulated cloud's latency model of published AWS creation times). It gives the rebuild as one
// program runs it (every resource starts when what it depends on is done: the critical path)
// and as today's Terragrunt modules run it (stages one after another).
package estimate

import (
	"sort"
	"strings"
	"time"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

// Step is one resource on a path.
type Step struct {
	URN     string  `json:"urn"`
	Type    string  `json:"type"`
	Name    string  `json:"name"`
	Start   float64 `json:"startSeconds"`
	Seconds float64 `json:"seconds"`
}

// Stage is one of today's Terragrunt stages.
type Stage struct {
	Name      string  `json:"name"`
	Modules   string  `json:"modules"`
	Resources int     `json:"resources"`
	Seconds   float64 `json:"seconds"`
}

// Estimate is the predicted rebuild of one stack.
type Estimate struct {
	Stack     string `json:"stack"`
	Resources int    `json:"resources"`
	// Seconds is the critical path: the rebuild when every resource starts as soon as what it
	// needs exists (enough parallelism).
	Seconds      float64 `json:"seconds"`
	CriticalPath []Step  `json:"criticalPath"`
	// Today is the same rebuild in today's staged order; TodaySeconds their sum.
	Today        []Stage `json:"today"`
	TodaySeconds float64 `json:"todaySeconds"`
}

// Duration is a resource's creation time.
type Duration func(typ, urn string) time.Duration

// stages are today's Terragrunt order (the inventory's "How it is deployed today"), each with
// the components of this program whose resources its modules create. A component not listed
// belongs to the first stage.
var stages = []struct {
	name, modules string
	components    []string
}{
	{"1", "common, ecr", []string{"network", "keys", "storage", "queues", "topics", "registry", "backup", "monitoring", "ciidentity", "sms", "waf"}},
	{"2", "ses_receiving_emails", nil},
	{"3", "dns", []string{"dns"}},
	{"4", "ses_validation_dns_entries, cloudfront", []string{"email", "cdn"}},
	{"5", "eks", []string{"cluster", "loadbalancer", "clientvpn"}},
	{"6", "elasticache, rds", []string{"cache", "database"}},
	{"7", "lambdas, database-tools", []string{"functions", "databasetools", "reviewapps"}},
	{"8", "manifest_secrets", []string{"secrets"}},
}

// Of estimates a rendered graph.
func Of(g *render.Graph, d Duration) *Estimate {
	e := &Estimate{Stack: g.Stack}
	byURN := map[string]render.Resource{}
	var custom []render.Resource
	for _, r := range g.Resources {
		byURN[r.URN] = r
		if counts(r) {
			custom = append(custom, r)
		}
	}
	e.Resources = len(custom)
	all := func(render.Resource) bool { return true }
	e.Seconds, e.CriticalPath = critical(custom, byURN, d, all)
	stageOf := map[string]string{}
	for _, s := range stages {
		for _, c := range s.components {
			stageOf[c] = s.name
		}
	}
	for _, s := range stages {
		in := func(r render.Resource) bool {
			st, ok := stageOf[component(r.URN)]
			if !ok {
				st = stages[0].name
			}
			return st == s.name
		}
		var members []render.Resource
		for _, r := range custom {
			if in(r) {
				members = append(members, r)
			}
		}
		secs, _ := critical(members, byURN, d, in)
		e.Today = append(e.Today, Stage{Name: s.name, Modules: s.modules, Resources: len(members), Seconds: secs})
		e.TodaySeconds += secs
	}
	return e
}

// counts says whether a resource takes time to create (providers and components do not).
func counts(r render.Resource) bool {
	return !strings.HasPrefix(r.Type, "pulumi:") && !strings.HasPrefix(r.Type, "gcnotify:")
}

// component is the top-level component of a URN ("network" for ...::gcnotify:network:Network$...).
func component(urn string) string {
	parts := strings.Split(urn, "::")
	if len(parts) < 3 {
		return ""
	}
	first := strings.Split(parts[2], "$")[0]
	if !strings.HasPrefix(first, "gcnotify:") {
		return ""
	}
	return strings.Split(first, ":")[1]
}

// critical returns the longest path through the resources that keep selects, each starting when
// its selected dependencies (and theirs, through components and providers) have finished.
func critical(rs []render.Resource, byURN map[string]render.Resource, d Duration, keep func(render.Resource) bool) (float64, []Step) {
	finish := map[string]float64{}
	prev := map[string]string{}
	var visit func(urn string) float64
	visiting := map[string]bool{}
	visit = func(urn string) float64 {
		if f, ok := finish[urn]; ok {
			return f
		}
		r, ok := byURN[urn]
		if !ok || visiting[urn] {
			return 0
		}
		visiting[urn] = true
		start, from := 0.0, ""
		deps := append(append([]string{}, r.Dependencies...), r.Parent, r.Provider)
		for _, dep := range deps {
			if dep == "" {
				continue
			}
			if f := visit(dep); f > start {
				start, from = f, dep
			}
		}
		dur := 0.0
		if counts(r) && keep(r) {
			dur = d(r.Type, r.URN).Seconds()
		}
		finish[urn], prev[urn] = start+dur, from
		return start + dur
	}
	end, last := 0.0, ""
	for _, r := range rs {
		if f := visit(r.URN); f > end {
			end, last = f, r.URN
		}
	}
	var path []Step
	for u := last; u != ""; u = prev[u] {
		r := byURN[u]
		if counts(r) && keep(r) {
			secs := d(r.Type, r.URN).Seconds()
			path = append(path, Step{URN: u, Type: r.Type, Name: r.Name, Start: finish[u] - secs, Seconds: secs})
		}
	}
	sort.Slice(path, func(i, j int) bool { return path[i].Start < path[j].Start })
	return end, path
}
