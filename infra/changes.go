package infra

import (
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/sig"
)

// UnknownPlaceholder stands for a value known only after deploy (an input computed from a
// resource the same update creates or replaces).
const UnknownPlaceholder = "[known after deploy]"

// unknownSentinel is how the engine's event stream spells an unknown value.
const unknownSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

// Property change kinds.
const (
	ChangeAdd    = "add"
	ChangeUpdate = "update"
	ChangeDelete = "delete"
)

// PropertyChange is one changed property of an update or a replacement.
type PropertyChange struct {
	// Path is the property's path as the engine names it: retentionInDays, tags.Name,
	// ingress[0].cidrBlocks.
	Path string `json:"path"`
	// Kind is add, update or delete.
	Kind string `json:"kind"`
	// Replace is true when this change forces the resource to be replaced.
	Replace bool `json:"replace,omitempty"`
	// Old is the value before (absent for add), New the value after (absent for delete).
	// Values known only after deploy are UnknownPlaceholder, secrets SecretPlaceholder, at any
	// depth.
	Old any `json:"old,omitempty"`
	New any `json:"new,omitempty"`
}

// propertyChanges reads a step's changes: the provider's detailed diff when it gave one (paths
// to the changed values, each compared on inputs or on the old state as the diff says), else
// the changed top-level keys with their old and new inputs.
func propertyChanges(m apitype.StepEventMetadata) []PropertyChange {
	if m.Old == nil && m.New == nil {
		return nil
	}
	var oldIn, oldOut, newIn map[string]any
	if m.Old != nil {
		oldIn, oldOut = m.Old.Inputs, m.Old.Outputs
	}
	if m.New != nil {
		newIn = m.New.Inputs
	}
	forces := map[string]bool{}
	for _, k := range m.Keys {
		forces[k] = true
	}
	var out []PropertyChange
	if len(m.DetailedDiff) > 0 {
		for path, d := range m.DetailedDiff {
			kind, replace := splitKind(d.Kind)
			src := oldIn
			if !d.InputDiff && oldOut != nil {
				src = oldOut
			}
			out = append(out, change(path, kind, replace || forces[topKey(path)], src, newIn))
		}
	} else {
		for _, k := range m.Diffs {
			out = append(out, change(k, "", forces[k], oldIn, newIn))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func change(path, kind string, replace bool, olds, news map[string]any) PropertyChange {
	o, hasOld := lookup(olds, path)
	n, hasNew := lookup(news, path)
	if kind == "" {
		switch {
		case !hasOld:
			kind = ChangeAdd
		case !hasNew:
			kind = ChangeDelete
		default:
			kind = ChangeUpdate
		}
	}
	c := PropertyChange{Path: path, Kind: kind, Replace: replace}
	if kind != ChangeAdd && hasOld {
		c.Old = o
	}
	if kind != ChangeDelete && hasNew {
		c.New = n
	}
	return c
}

func splitKind(k apitype.DiffKind) (string, bool) {
	s := string(k)
	base, replace := strings.CutSuffix(s, "-replace")
	return base, replace
}

// topKey is a path's first element (tags in tags.Name, ingress in ingress[0]).
func topKey(path string) string {
	if p, err := resource.ParsePropertyPath(path); err == nil && len(p) > 0 {
		if k, ok := p[0].(string); ok {
			return k
		}
	}
	return path
}

// lookup finds path's value in m, masked (see mask); a secret or unknown met on the way is the
// value.
func lookup(m map[string]any, path string) (any, bool) {
	if m == nil {
		return nil, false
	}
	p, err := resource.ParsePropertyPath(path)
	if err != nil {
		p = resource.PropertyPath{path}
	}
	var cur any = m
	for _, el := range p {
		if isSecret(cur) || cur == unknownSentinel {
			break
		}
		switch key := el.(type) {
		case string:
			obj, ok := cur.(map[string]any)
			if !ok {
				return nil, false
			}
			if cur, ok = obj[key]; !ok {
				return nil, false
			}
		case int:
			arr, ok := cur.([]any)
			if !ok || key < 0 || key >= len(arr) {
				return nil, false
			}
			cur = arr[key]
		}
	}
	return mask(cur), true
}

// mask replaces unknowns with UnknownPlaceholder and secrets with SecretPlaceholder, at any
// depth, leaving v itself unchanged.
func mask(v any) any {
	switch x := v.(type) {
	case string:
		if x == unknownSentinel {
			return UnknownPlaceholder
		}
		return x
	case map[string]any:
		if isSecret(x) {
			return SecretPlaceholder
		}
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = mask(e)
		}
		return m
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = mask(e)
		}
		return a
	}
	return v
}

// isSecret reports a serialized secret ({"4dabf...": "1b470...", ...}).
func isSecret(v any) bool {
	m, ok := v.(map[string]any)
	return ok && m[sig.Key] == sig.Secret
}
