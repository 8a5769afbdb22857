package policy

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

func TestExceptionWithoutReasonIsRefused(t *testing.T) {
	_, err := ParseExceptions("x.yaml", []byte("exceptions:\n  - rule: rds-deletion-protection\n    resource: database-cluster\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "x.yaml:2: reason: missing")

	_, err = ParseExceptions("x.yaml", []byte("exceptions:\n  - rule: rds-deletion-protection\n    resource: database-cluster\n    reason: \"  \"\n"))
	require.Error(t, err, "a blank reason is no reason")
}

func TestExceptionFileProblemsAreAllReported(t *testing.T) {
	doc := `exceptions:
  - rule: no-such-rule
    resource: a
    reason: r
  - rule: s3-encryption
    resource: "*"
    reason: everything
  - rule: s3-encryption
    reason: no resource
  - rule: s3-encryption
    resource: b
    reason: r
    expires: next year
  - rule: s3-encryption
    resource: c
    reason: r
    owner: me
  - rule: s3-encryption
    resource: d
    reason: r
  - rule: s3-encryption
    resource: d
    reason: again
colour: blue
`
	_, err := ParseExceptions("x.yaml", []byte(doc))
	require.Error(t, err)
	for _, want := range []string{
		`x.yaml:2: rule: "no-such-rule" is not a rule`,
		`x.yaml:5: resource: "*" is a pattern`,
		`x.yaml:8: resource: missing`,
		`x.yaml:10: expires: "next year" is not a date`,
		`x.yaml:14: unknown key "owner"`,
		`x.yaml:21: rule s3-encryption on d is already excepted at line 18`,
		`x.yaml:24: unknown key "colour"`,
	} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestEmptyExceptionFiles(t *testing.T) {
	for _, doc := range []string{"", "exceptions: []\n", "exceptions:\n", "# nothing\n"} {
		ex, err := ParseExceptions("x.yaml", []byte(doc))
		require.NoError(t, err, "%q", doc)
		assert.Empty(t, ex.List)
	}
}

// exceptionGraph has two unencrypted topics and an encrypted one.
func exceptionGraph() *render.Graph {
	return &render.Graph{Stack: "test", Resources: []render.Resource{
		res(typeTopic, "a", nil), res(typeTopic, "b", nil),
		res(typeTopic, "ok", map[string]any{"kmsMasterKeyId": "k"}),
	}}
}

func checkSNS(ex Exceptions, now time.Time) *Report {
	rule, _ := Lookup("sns-encryption")
	return run(exceptionGraph(), []*Rule{rule}, ex, false, now)
}

func TestExceptionExcusesOneResource(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	ex := Exceptions{List: []Exception{
		{Rule: "sns-encryption", Resource: "a", Reason: "r", Expires: "2026-12-01", Source: "x.yaml:2"},
	}}
	rep := checkSNS(ex, now)
	require.Len(t, rep.Excepted, 1)
	assert.Equal(t, "a", rep.Excepted[0].Name)
	assert.Equal(t, "r", rep.Excepted[0].Exception.Reason)
	require.Len(t, rep.Findings, 1, "the exception excuses a, not b")
	assert.Equal(t, "b", rep.Findings[0].Name)
	assert.Empty(t, rep.ExceptionErrors, "an exception holds through its last day")
	res, _ := rep.Rule("sns-encryption")
	assert.Equal(t, RuleResult{ID: "sns-encryption", Applied: 3, AppliedByType: map[string]int{typeTopic: 3}, Findings: 1, Excepted: 1}, res)

	byURN := Exceptions{List: []Exception{{Rule: "sns-encryption", Resource: urn(typeTopic, "b"), Reason: "r"}}}
	assert.Equal(t, "b", checkSNS(byURN, now).Excepted[0].Name)
}

func TestStaleExceptionsFail(t *testing.T) {
	now := time.Date(2026, 12, 2, 0, 0, 1, 0, time.UTC)
	cases := map[string]struct {
		ex   Exception
		want string
	}{
		"expired":          {Exception{Rule: "sns-encryption", Resource: "a", Reason: "r", Expires: "2026-12-01"}, "expired on 2026-12-01"},
		"compliant":        {Exception{Rule: "sns-encryption", Resource: "ok", Reason: "r"}, "ok complies with sns-encryption: remove the exception"},
		"no such resource": {Exception{Rule: "sns-encryption", Resource: "gone", Reason: "r"}, "gone matches no resource"},
		"other rule's type": {Exception{Rule: "sns-encryption", Resource: urn(typeQueue, "a"), Reason: "r"},
			"matches no resource rule sns-encryption checks"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			rep := checkSNS(Exceptions{List: []Exception{c.ex}}, now)
			require.Len(t, rep.ExceptionErrors, 1)
			assert.Contains(t, rep.ExceptionErrors[0], c.want)
			assert.False(t, rep.OK())
		})
	}
}

func TestAmbiguousNameMustBeAURN(t *testing.T) {
	g := &render.Graph{Stack: "test", Resources: []render.Resource{
		res(typeTopic, "a", nil),
		{URN: "urn:pulumi:test::gcnotify::gcnotify:x:X$" + typeTopic + "::a", Type: typeTopic, Name: "a", Inputs: map[string]any{}},
	}}
	rule, _ := Lookup("sns-encryption")
	rep := run(g, []*Rule{rule}, Exceptions{List: []Exception{{Rule: "sns-encryption", Resource: "a", Reason: "r"}}}, false, time.Now())
	require.Len(t, rep.ExceptionErrors, 1)
	assert.Contains(t, rep.ExceptionErrors[0], "name one by its URN")
	assert.Len(t, rep.Findings, 2)
}

func TestCommittedExceptionFilesParse(t *testing.T) {
	for _, stack := range []string{"dev", "staging", "production", "drill1"} {
		ex, err := ExceptionsFor(stack)
		require.NoError(t, err, stack)
		for _, e := range ex.List {
			assert.NotEmpty(t, e.Reason)
			assert.NotEmpty(t, e.Source)
		}
	}
}
