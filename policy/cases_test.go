package policy

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

// ruleCase is a small graph a rule must pass (Fails false) or fail (Fails true). Each rule's
// test file adds at least one of each; TestRuleCases checks that none is missing.
type ruleCase struct {
	Rule      string
	Name      string
	Resources []render.Resource
	Ephemeral bool
	Fails     bool
}

var ruleCases []ruleCase

func addRuleCases(cs ...ruleCase) bool {
	ruleCases = append(ruleCases, cs...)
	return true
}

// res is a fixture resource: its URN is derived from the type and name.
func res(typ, name string, inputs map[string]any, deps ...string) render.Resource {
	if inputs == nil {
		inputs = map[string]any{}
	}
	if deps == nil {
		deps = []string{}
	}
	return render.Resource{URN: urn(typ, name), Type: typ, Name: name, Inputs: inputs, Dependencies: deps}
}

func urn(typ, name string) string { return fmt.Sprintf("urn:pulumi:test::gcnotify::%s::%s", typ, name) }

func protected(r render.Resource) render.Resource { r.Protect = true; return r }

// TestRuleCases runs every case with its rule alone and then checks every rule has a case it
// passes and one it fails: a rule that cannot fail is a defect.
func TestRuleCases(t *testing.T) {
	pass, fail := map[string]int{}, map[string]int{}
	for _, c := range ruleCases {
		t.Run(c.Rule+"/"+c.Name, func(t *testing.T) {
			rule, ok := Lookup(c.Rule)
			require.True(t, ok, "no rule %s", c.Rule)
			g := &render.Graph{Stack: "test", Resources: c.Resources}
			rep := run(g, []*Rule{rule}, Exceptions{}, c.Ephemeral, time.Now())
			res, _ := rep.Rule(c.Rule)
			require.NotZero(t, res.Applied, "the case must give rule %s something to check", c.Rule)
			if c.Fails {
				assert.NotEmpty(t, rep.Findings, "rule %s must fail this case", c.Rule)
				fail[c.Rule]++
			} else {
				assert.Empty(t, rep.Findings, "rule %s must pass this case", c.Rule)
				assert.Empty(t, rep.Unverified, "a passing case must be decided offline")
				pass[c.Rule]++
			}
		})
	}
	for _, r := range Rules() {
		assert.NotZero(t, pass[r.ID], "rule %s has no case it passes", r.ID)
		assert.NotZero(t, fail[r.ID], "rule %s has no case it fails", r.ID)
	}
}

func TestRulesAreWellFormed(t *testing.T) {
	for _, r := range Rules() {
		assert.Regexp(t, `^[a-z0-9]+(-[a-z0-9]+)*$`, r.ID)
		assert.NotEmpty(t, r.Rationale, r.ID)
		assert.NotContains(t, r.Rationale, "\n", "%s: the rationale is one line", r.ID)
		assert.NotEmpty(t, r.Applies, r.ID)
		assert.NotNil(t, r.Check, r.ID)
	}
}
