// Package policy holds the named compliance rules every environment's rendered resource graph
// must satisfy, in the manner of cdk-nag: each rule has an id, a one-line rationale, the resource
// types it applies to and a check, in a file of its own (rule_<id>.go). Check runs them all over
// a graph rendered offline (infra/render); a finding is excused only by an exception that names
// the rule, the resource and the reason (exceptions.go). docs/policy.md is generated from the
// rules.
package policy

import (
	"sort"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

// Rule is one named compliance check.
type Rule struct {
	// ID names the rule in findings, exceptions and docs/policy.md: lowercase words and dashes.
	ID string
	// Rationale says, in one line, why the rule exists.
	Rationale string
	// Applies are the type tokens the rule checks. A token ending in "*" is a prefix
	// ("aws:*" is every AWS resource).
	Applies []string
	// Select, when set, narrows Applies to the resources the rule is about (internet-facing
	// load balancers, ingress rules); a resource it refuses is not counted as checked.
	Select func(c *Context, r *render.Resource) bool
	// PermanentOnly rules hold outside ephemeral stacks only (deletion protection, backups).
	PermanentOnly bool
	// Check returns what is wrong with one resource, nil when it complies. It may read the
	// whole graph through c (the bucket a policy depends on, the load balancer a security group
	// belongs to) and calls c.Unverified when the deciding input is unknown until deployment.
	Check func(c *Context, r *render.Resource) []string
}

// appliesTo reports whether the rule's Applies names typ.
func (r *Rule) appliesTo(typ string) (pattern string, ok bool) {
	for _, a := range r.Applies {
		if a == typ || (strings.HasSuffix(a, "*") && strings.HasPrefix(typ, strings.TrimSuffix(a, "*"))) {
			return a, true
		}
	}
	return "", false
}

var catalogue = map[string]*Rule{}

// register adds a rule to the catalogue; each rule file calls it once.
func register(r *Rule) *Rule {
	if _, dup := catalogue[r.ID]; dup {
		panic("policy: rule " + r.ID + " registered twice")
	}
	catalogue[r.ID] = r
	return r
}

// Rules returns every rule, sorted by id.
func Rules() []*Rule {
	out := make([]*Rule, 0, len(catalogue))
	for _, r := range catalogue {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the rule with the given id.
func Lookup(id string) (*Rule, bool) {
	r, ok := catalogue[id]
	return r, ok
}
