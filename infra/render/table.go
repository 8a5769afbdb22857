package render

import (
	"fmt"
	"io"
	"sort"
)

// group is the resources under one top-level component (or at the stack's top level).
type group struct {
	title  string
	count  int
	byType map[string]int
}

// WriteTable writes a human summary: one section per top-level component with its resource
// count by type, then the resources outside any component (providers, mostly).
func WriteTable(w io.Writer, g *Graph) error {
	byURN := make(map[string]Resource, len(g.Resources))
	for _, r := range g.Resources {
		byURN[r.URN] = r
	}
	groups := map[string]*group{}
	loose := &group{title: "outside any component", byType: map[string]int{}}
	for _, r := range g.Resources {
		top := topLevel(r, byURN)
		if top.URN == r.URN && !r.custom {
			if _, ok := groups[r.URN]; !ok {
				groups[r.URN] = &group{byType: map[string]int{}}
			}
			groups[r.URN].title = fmt.Sprintf("%s (%s)", r.Name, r.Type)
			continue
		}
		gr := loose
		if !top.custom {
			if groups[top.URN] == nil {
				groups[top.URN] = &group{byType: map[string]int{}}
			}
			gr = groups[top.URN]
		}
		gr.count++
		gr.byType[r.Type]++
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return groups[keys[i]].title < groups[keys[j]].title })

	tw := &errWriter{w: w}
	tw.printf("stack %s: %d resources, %d top-level components\n", g.Stack, len(g.Resources), len(keys))
	ordered := make([]*group, 0, len(keys)+1)
	for _, k := range keys {
		ordered = append(ordered, groups[k])
	}
	if loose.count > 0 {
		ordered = append(ordered, loose)
	}
	for _, gr := range ordered {
		tw.printf("\n%s: %d resources\n", gr.title, gr.count)
		for _, t := range sortedTypes(gr.byType) {
			tw.printf("  %5d  %s\n", gr.byType[t], t)
		}
	}
	return tw.err
}

// errWriter keeps the first write error so the renderer reads straight through.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// topLevel returns the highest ancestor of r below the stack (r itself when it has no parent).
func topLevel(r Resource, byURN map[string]Resource) Resource {
	for seen := 0; r.Parent != "" && seen < len(byURN); seen++ {
		p, ok := byURN[r.Parent]
		if !ok {
			break
		}
		r = p
	}
	return r
}

// sortedTypes orders types by count, most frequent first, then by name.
func sortedTypes(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for t := range m {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] > m[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}
