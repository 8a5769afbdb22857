package cloudsim

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ruleCase is one request a rule must accept (Refused false) or refuse (Refused true). Cases
// are declared beside each service's rules (rules_<service>_test.go) with addRuleCases.
type ruleCase struct {
	Rule    string // the rule's id
	Name    string // what the case shows
	Refused bool
	Phase   Phase
	Type    string // resource type (default: the rule's first type)
	Region  string // default ca-central-1
	Account string // default testAccount
	Inputs  map[string]any
	Olds    map[string]any // update cases
	// World seeds the simulated world before the request (other resources, images, ...).
	World func(w *store)
	// Contains is a fragment the refusal's message must contain.
	Contains string
}

var ruleCases []ruleCase

// addRuleCases declares cases; it returns nothing useful so it can seed a package-level var.
func addRuleCases(cs ...ruleCase) bool {
	ruleCases = append(ruleCases, cs...)
	return true
}

// seedRecord puts a resource into a world.
func seedRecord(w *store, account, region, typ, id, name string, outputs map[string]any) {
	out := map[string]any{}
	for k, v := range outputs {
		out[k] = v
	}
	w.put(&record{Type: typ, ID: id, URN: "urn:pulumi:seed::p::" + typ + "::" + id, Name: name, Region: region,
		Account: account, Seed: id, Inputs: out, Outputs: out})
}

// runRuleCase applies the case's rule (and only that rule) to its request.
func runRuleCase(t *testing.T, c ruleCase) error {
	t.Helper()
	r, ok := catalogue[c.Rule]
	require.True(t, ok, "case %q names unknown rule %s", c.Name, c.Rule)
	typ := c.Type
	if typ == "" {
		typ = r.Types[0]
	}
	region, account := c.Region, c.Account
	if region == "" {
		region = "ca-central-1"
	}
	if account == "" {
		account = testAccount
	}
	w, err := newStore("")
	require.NoError(t, err)
	if c.World != nil {
		c.World(w)
	}
	in := resource.NewPropertyMapFromMap(c.Inputs)
	obj := &object{Type: typ, Name: "subject", URN: "urn:pulumi:test::p::" + typ + "::subject", Region: region, Account: account,
		In: in, Out: resource.PropertyMap{}, state: &scopeView{st: w, account: account, region: region}, Seed: "case"}
	call := &RuleCall{Phase: c.Phase, Obj: obj, World: w}
	if c.Olds != nil {
		call.Olds = resource.NewPropertyMapFromMap(c.Olds)
	}
	if !hasPhase(r, c.Phase) {
		t.Fatalf("case %q: rule %s does not apply in phase %s", c.Name, r.ID, c.Phase)
	}
	if msg := r.Check(call); msg != "" {
		return &RefusalError{Rule: r, Name: obj.Name, Verb: "creating", Message: msg}
	}
	return nil
}

// TestRuleCases runs every declared case and then checks that every rule of the catalogue has
// at least one accepted and one refused case: a rule without both cannot be trusted to fail.
func TestRuleCases(t *testing.T) {
	pass, fail := map[string]int{}, map[string]int{}
	for _, c := range ruleCases {
		t.Run(c.Rule+"/"+c.Name, func(t *testing.T) {
			err := runRuleCase(t, c)
			if !c.Refused {
				require.NoError(t, err)
				pass[c.Rule]++
				return
			}
			require.Error(t, err)
			var ref *RefusalError
			require.ErrorAs(t, err, &ref)
			if c.Contains != "" {
				assert.Contains(t, err.Error(), c.Contains)
			}
			if ref.Rule.Code != "" {
				assert.Contains(t, err.Error(), ref.Rule.Code+": ")
			}
			fail[c.Rule]++
		})
	}
	for _, r := range Rules() {
		assert.NotZero(t, pass[r.ID], "rule %s has no case it accepts", r.ID)
		assert.NotZero(t, fail[r.ID], "rule %s has no case it refuses", r.ID)
	}
}

var updateDocs = flag.Bool("update", false, "rewrite docs/rules.md from the rule catalogue")

// TestRulesDocument keeps docs/rules.md's catalogue equal to the code's (go test -update writes it).
func TestRulesDocument(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "rules.md")
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	const begin, end = "<!-- catalogue:begin -->\n", "<!-- catalogue:end -->"
	doc := string(raw)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	require.True(t, i >= 0 && j > i, "docs/rules.md lacks the catalogue markers")
	want := doc[:i+len(begin)] + CatalogueMarkdown() + doc[j:]
	if *updateDocs {
		require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
		return
	}
	assert.Equal(t, want, doc, "docs/rules.md is stale: run go test ./infra/cloudsim -run TestRulesDocument -update")
}

func TestRefusalErrorShape(t *testing.T) {
	r := &Rule{ID: "x.y", Service: "Lambda", Operation: "CreateFunction", Resource: "Lambda Function",
		Code: "InvalidParameterValueException", Source: "https://docs.aws.amazon.com/x"}
	err := (&RefusalError{Rule: r, Name: "fn", Verb: "creating", Message: "Source image x does not exist."}).Error()
	assert.Regexp(t, `^creating Lambda Function \(fn\): operation error Lambda: CreateFunction, https response error StatusCode: 400, RequestID: [0-9a-f-]{36}, InvalidParameterValueException: Source image x does not exist\. \[cloudsim rule x\.y`, err)
	awsx := (&RefusalError{Rule: &Rule{ID: "awsx.gap", Source: "awsx/ec2/vpc.ts"}, Message: "gaps"}).Error()
	assert.True(t, strings.HasPrefix(awsx, "gaps [cloudsim rule awsx.gap"))
}
