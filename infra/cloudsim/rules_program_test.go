package cloudsim

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/render"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
	"github.com/cds-snc/notification-pulumi/stacks"
)

var programStacks = []string{"dev", "staging", "production"}

// TestProgramPassesPlanRules renders each environment as a preview sees it and applies every
// plan-time (OnCheck) rule to every resource's known inputs, after the provider's defaults (the
// auto-generated names), as the simulated provider's Check does. Values the preview cannot know
// ("[unknown]", "[secret]") are left unknown, so the rules skip them.
func TestProgramPassesPlanRules(t *testing.T) {
	for _, env := range programStacks {
		t.Run(env, func(t *testing.T) {
			g, err := render.Render(context.Background(), render.Options{Stack: env, ProjectDir: pulumimock.ProjectDir(t, env)})
			require.NoError(t, err)
			scopes := map[string][2]string{}
			for _, r := range g.Resources {
				if strings.HasPrefix(r.Type, "pulumi:providers:") {
					scopes[r.URN] = providerScope(r.Inputs)
				}
			}
			var refusals []string
			judged := 0
			for _, r := range g.Resources {
				scope, ok := scopes[r.Provider]
				if !ok {
					scope = [2]string{"ca-central-1", pulumimock.Account}
				}
				in := renderedInputs(r.Inputs)
				if len(onCheckRules(r.Type)) > 0 {
					judged++
				}
				if err := judgeInputs(r.Type, r.Name, r.URN, scope, in, OnCheck, nil); err != "" {
					refusals = append(refusals, err)
				}
			}
			assert.Greater(t, judged, 200, "the render must reach the rules (resources of a type with plan-time rules)")
			assert.Empty(t, refusals, "the program breaks plan-time rules in %s", env)
		})
	}
}

// TestProgramPassesInputRules runs each environment under the unit tests' mocks, where the
// values AWS computes (ARNs in policies, names built from other names) are known, and applies
// the plan-time rules and the rules that judge a request by its own inputs (policy grammar, name
// lengths refused at creation) to every resource.
func TestProgramPassesInputRules(t *testing.T) {
	for _, env := range programStacks {
		t.Run(env, func(t *testing.T) {
			cfg := pulumimock.StackConfig(t, env)
			// The secrets a real deployment sets, so what they switch on is judged too.
			cfg["gcnotify:"+stacks.ScanVerdictTokenKey] = "rehearsal-token"
			m, err := pulumimock.Run(t, env, cfg, stacks.Program)
			require.NoError(t, err)
			resources := m.Resources()
			scopes := map[string][2]string{}
			for _, r := range resources {
				if strings.HasPrefix(r.Type, "pulumi:providers:") {
					scopes[r.URN+"::"+r.ID] = providerScope(plainMap(r.Inputs))
				}
			}
			var refusals []string
			policies := 0
			for _, r := range resources {
				scope, ok := scopes[r.Provider]
				if !ok {
					scope = [2]string{"ca-central-1", pulumimock.Account}
				}
				for _, p := range []string{"policy", "assumeRolePolicy"} {
					if _, known := policyText(plain(r.Inputs[resource.PropertyKey(p)])); known && len(inputRulesOf(r.Type)) > 0 {
						policies++
					}
				}
				in := r.Inputs.Copy()
				if err := judgeInputs(r.Type, r.Name, r.URN, scope, in, OnCheck, nil); err != "" {
					refusals = append(refusals, err)
				}
				if err := judgeInputs(r.Type, r.Name, r.URN, scope, in, OnCreate, inputRules); err != "" {
					refusals = append(refusals, err)
				}
			}
			assert.Greater(t, policies, 50, "the mocked run must resolve the program's policy documents")
			assert.Empty(t, refusals, "the program breaks rules in %s", env)
		})
	}
}

// judgeInputs applies the rules of a phase (only those in only, when given) to one resource and
// returns the refusal, named by the resource's URN.
func judgeInputs(typ, name, urn string, scope [2]string, in resource.PropertyMap, phase Phase, only map[string]bool) string {
	if phase == OnCheck {
		checkInputs(typ, name, resource.PropertyMap{}, in, []byte(urn))
	}
	w, err := newStore("")
	if err != nil {
		return err.Error()
	}
	obj := &object{Type: typ, Name: name, URN: urn, Region: scope[0], Account: scope[1], In: in, Out: resource.PropertyMap{},
		state: &scopeView{st: w, account: scope[1], region: scope[0]}, Seed: urn}
	call := &RuleCall{Phase: phase, Obj: obj, World: w}
	for _, r := range rulesByType[typ] {
		if !hasPhase(r, phase) || (only != nil && !only[r.ID]) {
			continue
		}
		if msg := r.Check(call); msg != "" {
			return fmt.Sprintf("%s: %s", urn, (&RefusalError{Rule: r, Name: obj.name(), Verb: "creating", Message: msg}).Error())
		}
	}
	return ""
}

func onCheckRules(typ string) []*Rule {
	var out []*Rule
	for _, r := range rulesByType[typ] {
		if hasPhase(r, OnCheck) {
			out = append(out, r)
		}
	}
	return out
}

func inputRulesOf(typ string) []*Rule {
	var out []*Rule
	for _, r := range rulesByType[typ] {
		if inputRules[r.ID] && hasPhase(r, OnCreate) {
			out = append(out, r)
		}
	}
	return out
}

// providerScope reads a provider's region and (first allowed) account.
func providerScope(in map[string]any) [2]string {
	scope := [2]string{"ca-central-1", pulumimock.Account}
	if s, ok := in["region"].(string); ok && s != "" {
		scope[0] = s
	}
	if ids := strs(in["allowedAccountIds"]); len(ids) > 0 {
		scope[1] = ids[0]
	}
	return scope
}

// renderedInputs turns a rendered resource's inputs back into property values, with the
// placeholders of values a preview cannot show as unknowns.
func renderedInputs(in map[string]any) resource.PropertyMap {
	out := resource.PropertyMap{}
	for k, v := range in {
		out[resource.PropertyKey(k)] = renderedValue(v)
	}
	return out
}

func renderedValue(v any) resource.PropertyValue {
	switch t := v.(type) {
	case string:
		switch t {
		case render.Unknown, render.Secret, render.Asset, render.Archive:
			return resource.MakeComputed(resource.NewStringProperty(""))
		}
	case []any:
		arr := make([]resource.PropertyValue, len(t))
		for i, e := range t {
			arr[i] = renderedValue(e)
		}
		return resource.NewArrayProperty(arr)
	case map[string]any:
		return resource.NewObjectProperty(renderedInputs(t))
	}
	return value(v)
}
