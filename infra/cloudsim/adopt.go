package cloudsim

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// adoptable returns the world's resource that a create in adoption mode (Options.Adopt) stands
// for: same account, region, type and URN, and the same inputs but for names the provider
// generated (a new create draws a new one).
func (p *awsProvider) adoptable(obj *object) *record {
	if !p.sim.adopt.Load() || obj.URN == "" {
		return nil
	}
	in, err := toWire(obj.In)
	if err != nil {
		return nil
	}
	return p.sim.store.find(obj.Account, obj.Region, obj.Type, func(r *record) bool {
		return r.URN == obj.URN && sameInputs(r.Inputs, in)
	})
}

// sameInputs compares two inputs, leaving out the properties either side's provider generated.
func sameInputs(a, b map[string]any) bool {
	skip := map[string]bool{defaultsKey: true}
	for _, m := range []map[string]any{a, b} {
		for _, k := range defaultedProps(m) {
			skip[k] = true
		}
	}
	return canonical(a, skip) == canonical(b, skip)
}

func defaultedProps(m map[string]any) []string {
	list, _ := m[defaultsKey].([]any)
	var out []string
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func canonical(m map[string]any, skip map[string]bool) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		if !skip[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		v, _ := json.Marshal(m[k]) // maps marshal with sorted keys
		fmt.Fprintf(&b, "%s=%s;", k, v)
	}
	return b.String()
}

// StackResources lists the world's resources a stack created (their URN names the stack).
func (s *Sim) StackResources(stack string) []SimResource {
	var out []SimResource
	for _, r := range s.Resources() {
		if r.URN != "" && StackOf(r.URN) == stack {
			out = append(out, r)
		}
	}
	return out
}

// DeleteResource removes one resource from the world (the orphan finder's --delete).
func (s *Sim) DeleteResource(account, region, typ, id string) bool {
	return s.store.remove(account, region, typ, id)
}

// SetAdopt turns adoption mode (Options.Adopt) on or off.
func (s *Sim) SetAdopt(on bool) { s.adopt.Store(on) }
