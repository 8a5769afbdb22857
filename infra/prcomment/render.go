package prcomment

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra"
)

// Options tune the comments.
type Options struct {
	// PullRequest is the pull request's number, written in every marker.
	PullRequest int
	// Limit is a comment's largest size in bytes. Default MaxCommentChars.
	Limit int
	// RunURL links the workflow run that made the previews. Optional.
	RunURL string
}

func (o Options) limit() int {
	if o.Limit <= 0 {
		return MaxCommentChars
	}
	return o.Limit
}

// Comment is one comment to post.
type Comment struct {
	// Stack is the stack it tells, "" for the overview.
	Stack string
	// Part is its place among the stack's comments, from 1; Parts is how many there are.
	Part, Parts int
	// Marker is the hidden line that finds it again (the first line of Body).
	Marker string
	Body   string
}

// opOrder is the order operations are told in: what a reviewer must see first.
var opOrder = []string{"replace", "delete", "update", "create"}

// RenderStack renders one stack's preview as one comment, or several when it would pass the
// limit: the title, the gate's refusals and the summary table are always in the first.
func RenderStack(p Preview, o Options) []Comment {
	blocks := []block{{items: head(p)}}
	blocks = append(blocks, changes(p.Result)...)
	blocks = append(blocks, problems(p)...)
	blocks = append(blocks, block{items: []item{textItem(footer(p, o))}})

	reserve := len(partHeader(o.PullRequest, p.Stack, 999, 999)) + 1
	parts := split(blocks, o.limit(), reserve)
	out := make([]Comment, len(parts))
	for i, body := range parts {
		m := StackMarker(o.PullRequest, p.Stack, i+1)
		h := m + "\n"
		if i > 0 {
			h = partHeader(o.PullRequest, p.Stack, i+1, len(parts))
		}
		out[i] = Comment{Stack: p.Stack, Part: i + 1, Parts: len(parts), Marker: m, Body: h + body}
	}
	return out
}

func partHeader(pr int, stack string, part, parts int) string {
	return fmt.Sprintf("%s\n### `%s`: preview, part %d of %d (continued)\n\n", StackMarker(pr, stack, part), stack, part, parts)
}

// head is the title, the error, the gate's verdict, the policy check and the summary table.
func head(p Preview) []item {
	c := CountsOf(p.Result)
	var b strings.Builder
	status := "✅"
	switch {
	case p.Failed():
		status = "❌"
	case c.Replace+c.Delete > 0:
		status = "⚠️"
	}
	cloud := ""
	if p.Result != nil {
		cloud = fmt.Sprintf(" (%s)", p.Result.Cloud)
	}
	fmt.Fprintf(&b, "## %s `%s`%s: %s\n\n", status, p.Stack, cloud, countsText(c))
	items := []item{textItem(b.String())}
	if p.Error != "" {
		items = append(items, textItem("**The preview failed:**\n\n"), codeItem("text", lines(p.Error)))
	}
	items = append(items, gateItems(p.Gate)...)
	items = append(items, policyItems(p.Policy)...)
	items = append(items, textItem(summaryTable(p.Result)))
	return items
}

func countsText(c Counts) string {
	if c.Total() == 0 {
		return "no changes"
	}
	return fmt.Sprintf("%d to create, %d to update, %d to replace, %d to delete", c.Create, c.Update, c.Replace, c.Delete)
}

func gateItems(v *Verdict) []item {
	if v == nil {
		return nil
	}
	var items []item
	if len(v.Refused) > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "> [!CAUTION]\n> **Refused by `--deny-replace`: %d change(s) of stateful resources.** Nothing of this stack may be deployed until the change is undone or a reviewed allowance (with its reason) lets it through.\n>\n", len(v.Refused))
		for _, d := range v.Refused {
			fmt.Fprintf(&b, "> - **%s** `%s` (%s, `%s`): %s\n", d.Op, d.Name, d.Kind, d.Type, d.Reason)
		}
		items = append(items, textItem(b.String()+"\n"))
	}
	if len(v.Allowed) > 0 {
		var b strings.Builder
		b.WriteString("> [!NOTE]\n> **Allowed after review:**\n>\n")
		for _, d := range v.Allowed {
			fmt.Fprintf(&b, "> - **%s** `%s` (%s, `%s`): %s\n", d.Op, d.Name, d.Kind, d.Type, d.Reason)
		}
		items = append(items, textItem(b.String()+"\n"))
	}
	return items
}

// byComponent groups the changed custom resources by top-level component, sorted, the stack
// level last.
func byComponent(r *infra.Result) ([]string, map[string][]infra.ResourceRecord) {
	groups := map[string][]infra.ResourceRecord{}
	if r == nil {
		return nil, groups
	}
	for _, rec := range r.Resources {
		if rec.Custom && isChange(rec.Op) {
			comp := rec.Component
			if comp == "" {
				comp = infra.ComponentOf(rec.URN)
			}
			groups[comp] = append(groups[comp], rec)
		}
	}
	names := make([]string, 0, len(groups))
	for n := range groups {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == infra.StackLevel) != (names[j] == infra.StackLevel) {
			return names[j] == infra.StackLevel
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		recs := groups[n]
		sort.SliceStable(recs, func(i, j int) bool {
			if a, b := opRank(recs[i].Op), opRank(recs[j].Op); a != b {
				return a < b
			}
			return recs[i].URN < recs[j].URN
		})
	}
	return names, groups
}

func opRank(op string) int {
	for i, o := range opOrder {
		if o == op {
			return i
		}
	}
	return len(opOrder)
}

func isChange(op string) bool {
	switch op {
	case "", "same", "read", "refresh":
		return false
	}
	return true
}

func summaryTable(r *infra.Result) string {
	names, groups := byComponent(r)
	if len(names) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("| Component | Create | Update | Replace | Delete |\n|---|---:|---:|---:|---:|\n")
	var total Counts
	for _, n := range names {
		var c Counts
		for _, rec := range groups[n] {
			c.add(rec.Op)
			total.add(rec.Op)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", n, c.Create, c.Update, c.Replace, c.Delete)
	}
	fmt.Fprintf(&b, "| **total** | **%d** | **%d** | **%d** | **%d** |\n\n", total.Create, total.Update, total.Replace, total.Delete)
	return b.String() + banner(names, groups)
}

// banner lists every replacement and deletion with what forces it.
func banner(names []string, groups map[string][]infra.ResourceRecord) string {
	var lines []string
	var nrep, ndel int
	for _, n := range names {
		for _, rec := range groups[n] {
			switch rec.Op {
			case "replace":
				nrep++
				why := "the engine gave no reason"
				if f := forcing(rec); len(f) > 0 {
					why = "forced by " + codeList(f)
				}
				lines = append(lines, fmt.Sprintf("> - **replace** `%s` (`%s`, %s): %s", rec.Name, rec.Type, n, why))
			case "delete":
				ndel++
				lines = append(lines, fmt.Sprintf("> - **delete** `%s` (`%s`, %s)", rec.Name, rec.Type, n))
			}
		}
	}
	if len(lines) == 0 {
		return ""
	}
	return fmt.Sprintf("> [!WARNING]\n> **%d replacement(s) and %d deletion(s).** A replacement creates a new resource and deletes the old one.\n>\n%s\n\n",
		nrep, ndel, strings.Join(lines, "\n"))
}

func codeList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = "`" + s + "`"
	}
	return strings.Join(q, ", ")
}

func footer(p Preview, o Options) string {
	c := CountsOf(p.Result)
	s := fmt.Sprintf("<sub>%d unchanged resource(s) not shown.", c.Same)
	if o.RunURL != "" {
		s += fmt.Sprintf(" [Workflow run](%s).", o.RunURL)
	}
	return s + " Rendered by `notifyctl preview` from the engine's events.</sub>\n"
}

// Markdown is one stack's preview as a single Markdown document, unsplit and without markers:
// for a run's summary ($GITHUB_STEP_SUMMARY takes up to 1 MiB) or a drift issue's body.
func Markdown(p Preview, o Options) string {
	o.Limit = 1 << 30
	var b strings.Builder
	for _, c := range RenderStack(p, o) {
		b.WriteString(strings.TrimPrefix(c.Body, c.Marker+"\n"))
	}
	return b.String()
}
