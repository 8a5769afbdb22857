package policy

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

// Context is what a rule's check sees besides the resource: the whole graph, indexed, and
// whether the stack is ephemeral.
type Context struct {
	Graph     *render.Graph
	Ephemeral bool

	byURN      map[string]*render.Resource
	dependents map[string][]*render.Resource
	unverified []string
	tagged     map[string]bool
}

func newContext(g *render.Graph, ephemeral bool) *Context {
	c := &Context{Graph: g, Ephemeral: ephemeral, byURN: map[string]*render.Resource{},
		dependents: map[string][]*render.Resource{}}
	for i := range g.Resources {
		r := &g.Resources[i]
		c.byURN[r.URN] = r
	}
	for i := range g.Resources {
		r := &g.Resources[i]
		for _, d := range r.Dependencies {
			c.dependents[d] = append(c.dependents[d], r)
		}
	}
	return c
}

// Resource returns the resource with the given URN.
func (c *Context) Resource(urn string) (*render.Resource, bool) {
	r, ok := c.byURN[urn]
	return r, ok
}

// Dependents returns the resources of type typ that depend directly on the resource urn (the
// bucket policy of a bucket, the web ACL association of a load balancer).
func (c *Context) Dependents(urn, typ string) []*render.Resource {
	var out []*render.Resource
	for _, r := range c.dependents[urn] {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// Dependencies returns the resources of type typ the resource depends on directly.
func (c *Context) Dependencies(r *render.Resource, typ string) []*render.Resource {
	var out []*render.Resource
	for _, d := range r.Dependencies {
		if x, ok := c.byURN[d]; ok && x.Type == typ {
			out = append(out, x)
		}
	}
	return out
}

// Unverified notes that the check could not decide because an input is unknown until
// deployment; the report lists it apart from findings.
func (c *Context) Unverified(format string, args ...any) {
	c.unverified = append(c.unverified, fmt.Sprintf(format, args...))
}

// input returns the value at a dotted path of the resource's inputs ("viewerCertificate.minimumProtocolVersion").
func input(r *render.Resource, path string) any {
	var v any = r.Inputs
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// str returns a string input, "" when absent or not a string.
func str(r *render.Resource, path string) string {
	s, _ := input(r, path).(string)
	return s
}

// isTrue reports whether a boolean input is true (the provider also accepts "true").
func isTrue(v any) bool { return v == true || v == "true" }

// unknown reports whether an input is a value known only after deployment.
func unknown(v any) bool { return v == render.Unknown }

// number returns a numeric input.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// list returns an array input (nil when absent or not an array).
func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// object returns an object input (nil when absent or not an object).
func object(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
