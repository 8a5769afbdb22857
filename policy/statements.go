package policy

import (
	"encoding/json"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

// statement is one statement of an IAM or resource policy, with the grammar's one-or-many
// values normalised to lists.
type statement struct {
	Effect      string
	Action      []string
	NotAction   []string
	Resource    []string
	NotResource []string
	Condition   map[string]any
}

// document parses a policy document given as a JSON string (or an object). ok is false when
// the value is unknown until deployment or absent.
func document(v any) (stmts []statement, ok bool, err error) {
	var raw any
	switch d := v.(type) {
	case nil:
		return nil, false, nil
	case string:
		if d == render.Unknown || d == "" {
			return nil, false, nil
		}
		if err := json.Unmarshal([]byte(d), &raw); err != nil {
			return nil, true, err
		}
	default:
		raw = d
	}
	var list []any
	switch s := object(raw)["Statement"].(type) {
	case []any:
		list = s
	case map[string]any:
		list = []any{s}
	}
	for _, x := range list {
		m := object(x)
		stmts = append(stmts, statement{Effect: asString(m["Effect"]), Action: strings1(m["Action"]),
			NotAction: strings1(m["NotAction"]), Resource: strings1(m["Resource"]),
			NotResource: strings1(m["NotResource"]), Condition: object(m["Condition"])})
	}
	return stmts, true, nil
}

func asString(v any) string { s, _ := v.(string); return s }

// strings1 turns IAM's "one string or a list of strings" into a list.
func strings1(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, asString(e))
		}
		return out
	}
	return nil
}

// deniesInsecureTransport reports whether a policy has a Deny statement conditioned on
// aws:SecureTransport being false.
func deniesInsecureTransport(stmts []statement) bool {
	for _, s := range stmts {
		if s.Effect != "Deny" {
			continue
		}
		for op, cond := range s.Condition {
			if op != "Bool" && op != "BoolIfExists" {
				continue
			}
			if v, ok := object(cond)["aws:SecureTransport"]; ok && (v == "false" || v == false) {
				return true
			}
		}
	}
	return false
}

// tlsOnlyPolicy checks that one of the given policy resources (their input key holds the
// document) denies requests without TLS; what names the protected resource in messages.
func tlsOnlyPolicy(c *Context, policies []*render.Resource, key, what string) []string {
	if len(policies) == 0 {
		return []string{"no policy depends on the " + what + ", so nothing refuses requests without TLS"}
	}
	for _, p := range policies {
		stmts, known, err := document(input(p, key))
		switch {
		case err != nil:
			return []string{p.Name + "'s " + key + " is not a policy document: " + err.Error()}
		case !known:
			c.Unverified("the %s of %s is known only after deployment", key, p.Name)
			return nil
		case deniesInsecureTransport(stmts):
			return nil
		}
	}
	return []string{"the " + what + "'s policy has no Deny statement for aws:SecureTransport false"}
}
