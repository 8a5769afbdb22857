package prcomment

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

// bigResult is a preview of n updates across a few components, each with a long policy value.
func bigResult(n int) *infra.Result {
	r := &infra.Result{Stack: "staging", Cloud: infra.CloudSim, Operation: infra.OpPreview, Summary: map[string]int{}}
	for i := 0; i < n; i++ {
		comp := []string{"network", "database", "queues"}[i%3]
		name := fmt.Sprintf("%s-thing-%04d", comp, i)
		r.Resources = append(r.Resources, infra.ResourceRecord{
			URN:  fmt.Sprintf("urn:pulumi:staging::gcnotify::gcnotify:%s:X$aws:iam/policy:Policy::%s", comp, name),
			Type: "aws:iam/policy:Policy", Name: name, Custom: true, Op: "update", Component: comp,
			Changes: []infra.PropertyChange{{Path: "policy", Kind: "update",
				Old: strings.Repeat(`{"Effect":"Allow"}`, 20), New: strings.Repeat(`{"Effect":"Deny"}`, 20)}},
		})
	}
	return r
}

var fenceRE = regexp.MustCompile("(?m)^(`{3,})")

// checkWellFormed fails when a part passes the limit, leaves a code block or a <details>
// element open, or closes one it did not open.
func checkWellFormed(t *testing.T, comments []Comment, limit int) {
	t.Helper()
	for _, c := range comments {
		assert.LessOrEqual(t, len(c.Body), limit, "part %d of %s", c.Part, c.Stack)
		assert.True(t, strings.HasPrefix(c.Body, c.Marker+"\n"), "part %d starts with its marker", c.Part)
		var open []string
		depth := 0
		for _, line := range strings.Split(c.Body, "\n") {
			if m := fenceRE.FindStringSubmatch(line); m != nil {
				if len(open) > 0 && open[len(open)-1] == m[1] && strings.TrimSpace(line) == m[1] {
					open = open[:len(open)-1]
				} else {
					open = append(open, m[1])
				}
				continue
			}
			if len(open) > 0 {
				continue
			}
			depth += strings.Count(line, "<details") - strings.Count(line, "</details>")
			require.GreaterOrEqual(t, depth, 0, "part %d closes a <details> it did not open", c.Part)
		}
		assert.Empty(t, open, "part %d leaves a code block open", c.Part)
		assert.Zero(t, depth, "part %d leaves a <details> open", c.Part)
	}
}

// TestSplitKeepsEveryChangeAndBreaksNothing renders a preview several times larger than a
// comment: every part is within the limit and well formed, the summary is in the first only,
// and every resource and value is in some part (nothing truncated).
func TestSplitKeepsEveryChangeAndBreaksNothing(t *testing.T) {
	for _, limit := range []int{MaxCommentChars, 8000} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			res := bigResult(600)
			comments := RenderStack(Preview{Stack: "staging", Result: res}, Options{PullRequest: 7, Limit: limit})
			require.Greater(t, len(comments), 2, "the preview is split")
			checkWellFormed(t, comments, limit)
			assert.Contains(t, comments[0].Body, "| Component | Create | Update | Replace | Delete |")
			all := ""
			for i, c := range comments {
				assert.Equal(t, i+1, c.Part)
				assert.Equal(t, len(comments), c.Parts)
				if i > 0 {
					assert.NotContains(t, c.Body, "| Component |", "the summary is in the first part only")
					assert.Contains(t, c.Body, fmt.Sprintf("part %d of %d", i+1, len(comments)))
				}
				all += c.Body
			}
			for _, rec := range res.Resources {
				assert.Contains(t, all, "`"+rec.Name+"`")
			}
			assert.Equal(t, len(res.Resources)*2, strings.Count(all, `{\"Effect\":\"Allow\"}`)/20+strings.Count(all, `{\"Effect\":\"Deny\"}`)/20,
				"every old and new value, whole")
		})
	}
}

// TestSplitCutsAnOversizedCodeBlockBetweenLines: one resource whose diff is larger than a whole
// comment spans parts, each part closing the code block and the next opening it again.
func TestSplitCutsAnOversizedCodeBlockBetweenLines(t *testing.T) {
	var changes []infra.PropertyChange
	for i := 0; i < 400; i++ {
		changes = append(changes, infra.PropertyChange{Path: fmt.Sprintf("tags.k%03d", i), Kind: "add", New: strings.Repeat("v", 40)})
	}
	res := &infra.Result{Stack: "dev", Resources: []infra.ResourceRecord{{URN: "urn:pulumi:dev::gcnotify::gcnotify:network:Network$aws:ec2/vpc:Vpc::network-vpc",
		Type: "aws:ec2/vpc:Vpc", Name: "network-vpc", Custom: true, Op: "update", Component: "network", Changes: changes}}}
	comments := RenderStack(Preview{Stack: "dev", Result: res}, Options{PullRequest: 1, Limit: 4000})
	require.Greater(t, len(comments), 3)
	checkWellFormed(t, comments, 4000)
	all := ""
	for _, c := range comments {
		all += c.Body
	}
	for i := 0; i < 400; i++ {
		assert.Contains(t, all, fmt.Sprintf("+ tags.k%03d: \"%s\"", i, strings.Repeat("v", 40)))
	}
}

// TestSplitCutsALineLongerThanAComment: a value longer than a whole comment is cut, never
// dropped.
func TestSplitCutsALineLongerThanAComment(t *testing.T) {
	long := strings.Repeat("é", 3000) // two bytes each: cuts fall between characters
	res := &infra.Result{Stack: "dev", Resources: []infra.ResourceRecord{{URN: "urn:pulumi:dev::gcnotify::aws:s3/bucketPolicy:BucketPolicy::p",
		Type: "aws:s3/bucketPolicy:BucketPolicy", Name: "p", Custom: true, Op: "update",
		Changes: []infra.PropertyChange{{Path: "policy", Kind: "update", Old: "a", New: long}}}}}
	comments := RenderStack(Preview{Stack: "dev", Result: res}, Options{PullRequest: 1, Limit: 2500})
	checkWellFormed(t, comments, 2500)
	all := ""
	for _, c := range comments {
		assert.True(t, strings.ToValidUTF8(c.Body, "?") == c.Body, "part %d is valid UTF-8", c.Part)
		all += c.Body
	}
	assert.Equal(t, 3000, strings.Count(all, "é"))
}

// TestSmallPreviewIsOneComment: a preview within the limit is one comment, with no part header.
func TestSmallPreviewIsOneComment(t *testing.T) {
	comments := RenderStack(Preview{Stack: "dev", Result: bigResult(3)}, Options{PullRequest: 1})
	require.Len(t, comments, 1)
	assert.NotContains(t, comments[0].Body, "continued")
}
