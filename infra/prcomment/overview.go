package prcomment

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The hidden markers: one per stack comment part, one for the overview, both scoped to the pull
// request, so a comment is found again and edited in place, never posted twice.
const markerPrefix = "<!-- notifyctl:preview"

// StackMarker is the hidden first line of a stack's comment part.
func StackMarker(pr int, stack string, part int) string {
	return fmt.Sprintf("%s pr=%d stack=%s part=%d -->", markerPrefix, pr, stack, part)
}

// OverviewMarker is the hidden first line of the overview comment.
func OverviewMarker(pr int) string { return fmt.Sprintf("%s pr=%d overview -->", markerPrefix, pr) }

var markerRE = regexp.MustCompile(`^<!-- notifyctl:preview pr=(\d+) (?:stack=(\S+) part=(\d+)|overview) -->`)

// ParsedMarker is what a comment's marker says.
type ParsedMarker struct {
	PullRequest int
	// Stack and Part are empty for the overview.
	Stack string
	Part  int
}

// ParseMarker reads a comment body's marker; false when the body has none.
func ParseMarker(body string) (ParsedMarker, bool) {
	m := markerRE.FindStringSubmatch(body)
	if m == nil {
		return ParsedMarker{}, false
	}
	pr, _ := strconv.Atoi(m[1])
	part, _ := strconv.Atoi(m[3])
	return ParsedMarker{PullRequest: pr, Stack: m[2], Part: part}, true
}

// RenderOverview lists every stack with its counts, its verdict and links to its comments
// (links maps a stack to its first comment's URL; a stack without one is listed unlinked).
func RenderOverview(previews []Preview, links map[string]string, o Options) Comment {
	set := Set{Stacks: byStack(previews)}
	var b strings.Builder
	m := OverviewMarker(o.PullRequest)
	b.WriteString(m + "\n")
	failed := 0
	for _, p := range set.Stacks {
		if p.Failed() {
			failed++
		}
	}
	verdict := "every preview succeeded"
	if failed > 0 {
		verdict = fmt.Sprintf("%d of %d failed or refused", failed, len(set.Stacks))
	}
	fmt.Fprintf(&b, "## Pulumi preview of %d stack(s): %s\n\n", len(set.Stacks), verdict)
	b.WriteString("| Stack | Create | Update | Replace | Delete | Result | Details |\n|---|---:|---:|---:|---:|---|---|\n")
	for _, p := range set.Stacks {
		c := CountsOf(p.Result)
		result := "✅ ok"
		switch {
		case p.Error != "":
			result = "❌ failed"
		case p.Gate != nil && len(p.Gate.Refused) > 0:
			result = fmt.Sprintf("❌ %d refused", len(p.Gate.Refused))
		case c.Replace+c.Delete > 0:
			result = "⚠️ replaces or deletes"
		case c.Total() == 0:
			result = "✅ no changes"
		}
		link := "(not posted)"
		if u := links[p.Stack]; u != "" {
			link = fmt.Sprintf("[comment](%s)", u)
		}
		fmt.Fprintf(&b, "| `%s` | %d | %d | %d | %d | %s | %s |\n", p.Stack, c.Create, c.Update, c.Replace, c.Delete, result, link)
	}
	b.WriteString("\n")
	if o.RunURL != "" {
		fmt.Fprintf(&b, "<sub>[Workflow run](%s).</sub>\n", o.RunURL)
	}
	return Comment{Part: 1, Parts: 1, Marker: m, Body: b.String()}
}

// Render is every comment of a set of previews: the overview (unlinked; Poster.Publish links
// it), then each stack's parts, stacks by name.
func Render(previews []Preview, o Options) []Comment {
	out := []Comment{RenderOverview(previews, nil, o)}
	for _, p := range byStack(previews) {
		out = append(out, RenderStack(p, o)...)
	}
	return out
}
