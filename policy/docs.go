package policy

import (
	"fmt"
	"strings"
)

// CatalogueMarkdown is the rules table of docs/policy.md: id, rationale, what the rule applies
// to and where it holds.
func CatalogueMarkdown() string {
	var b strings.Builder
	b.WriteString("| rule | rationale | applies to | holds in |\n|---|---|---|---|\n")
	for _, r := range Rules() {
		types := make([]string, len(r.Applies))
		for i, a := range r.Applies {
			types[i] = "`" + a + "`"
		}
		scope := "every stack"
		if r.PermanentOnly {
			scope = "permanent stacks"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.ID, escapeCell(r.Rationale), strings.Join(types, "<br>"), scope)
	}
	return b.String()
}

// ExceptionsMarkdown is the table of the committed exceptions of the given stacks.
func ExceptionsMarkdown(stacks ...string) (string, error) {
	var b strings.Builder
	b.WriteString("| stack | rule | resource | reason | expires |\n|---|---|---|---|---|\n")
	seen := map[string]bool{}
	for _, s := range append([]string{commonExceptions}, stacks...) {
		ex, err := ExceptionsFor(s)
		if err != nil {
			return "", err
		}
		for _, e := range ex.List {
			if seen[e.Source] {
				continue
			}
			seen[e.Source] = true
			where := s
			if strings.HasPrefix(e.Source, "policy/exceptions/"+commonExceptions+".yaml") {
				where = "all"
			}
			expires := e.Expires
			if expires == "" {
				expires = "-"
			}
			fmt.Fprintf(&b, "| %s | `%s` | `%s` | %s | %s |\n", where, e.Rule, e.Resource, escapeCell(e.Reason), expires)
		}
	}
	return b.String(), nil
}

func escapeCell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ")
}
