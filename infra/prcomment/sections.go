package prcomment

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra"
)

// changes is one <details> element per component: each replacement, deletion and update with
// its property-level diff, then the creations.
func changes(r *infra.Result) []block {
	names, groups := byComponent(r)
	var blocks []block
	if len(names) > 0 {
		blocks = append(blocks, block{items: []item{textItem("### Changes\n\n")}})
	}
	for _, n := range names {
		recs := groups[n]
		var c Counts
		for _, rec := range recs {
			c.add(rec.Op)
		}
		attr := ""
		if c.Update+c.Replace+c.Delete > 0 {
			attr = " open"
		}
		b := block{
			open:   fmt.Sprintf("<details%s><summary><b>%s</b>: %s</summary>\n\n", attr, n, countsText(c)),
			reopen: fmt.Sprintf("<details open><summary><b>%s</b> (continued)</summary>\n\n", n),
			close:  "</details>\n\n",
		}
		for _, rec := range recs {
			b.items = append(b.items, resourceItems(rec)...)
		}
		blocks = append(blocks, b)
	}
	return blocks
}

func resourceItems(rec infra.ResourceRecord) []item {
	title := fmt.Sprintf("- **%s** `%s` (`%s`)", rec.Op, rec.Name, rec.Type)
	if rec.Op == "replace" {
		if f := forcing(rec); len(f) > 0 {
			title += ", forced by " + codeList(f)
		}
	}
	if rec.Op == "create" || rec.Op == "delete" || len(rec.Changes) == 0 {
		if len(rec.Changes) == 0 && len(rec.Diffs) > 0 {
			title += ": " + codeList(rec.Diffs)
		}
		return []item{textItem(title + "\n")}
	}
	var ls []string
	for _, c := range rec.Changes {
		note := ""
		if c.Replace {
			note = "    # forces replacement"
		}
		switch c.Kind {
		case infra.ChangeAdd:
			ls = append(ls, fmt.Sprintf("+ %s: %s%s", c.Path, value(c.New), note))
		case infra.ChangeDelete:
			ls = append(ls, fmt.Sprintf("- %s: %s%s", c.Path, value(c.Old), note))
		default:
			ls = append(ls, fmt.Sprintf("- %s: %s", c.Path, value(c.Old)), fmt.Sprintf("+ %s: %s%s", c.Path, value(c.New), note))
		}
	}
	return []item{textItem(title + "\n\n"), codeItem("diff", ls)}
}

// value shows a property value: the placeholders bare, anything else as compact JSON.
func value(v any) string {
	if s, ok := v.(string); ok && (s == infra.SecretPlaceholder || s == infra.UnknownPlaceholder) {
		return s
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// problems are the failed resources and the engine's diagnostics.
func problems(p Preview) []block {
	var blocks []block
	if p.Result == nil {
		return nil
	}
	if f := p.Result.Failures(); len(f) > 0 {
		b := block{items: []item{textItem(fmt.Sprintf("### ❌ %d failed\n\n", len(f)))}}
		for _, rec := range f {
			b.items = append(b.items, textItem(fmt.Sprintf("- **%s** `%s` (`%s`):\n\n", rec.Op, rec.Name, rec.Type)),
				codeItem("text", lines(rec.Error)))
		}
		blocks = append(blocks, b)
	}
	if len(p.Result.Diagnostics) > 0 {
		b := block{items: []item{textItem("### Diagnostics\n\n")}}
		for _, d := range p.Result.Diagnostics {
			where := ""
			if d.URN != "" {
				where = fmt.Sprintf(" `%s`", urnName(d.URN))
			}
			b.items = append(b.items, textItem(fmt.Sprintf("- **%s**%s:\n\n", d.Severity, where)), codeItem("text", lines(d.Message)))
		}
		blocks = append(blocks, b)
	}
	return blocks
}

func urnName(urn string) string {
	if i := strings.LastIndex(urn, "::"); i >= 0 {
		return urn[i+2:]
	}
	return urn
}

func lines(s string) []string { return strings.Split(strings.TrimRight(s, "\n"), "\n") }
