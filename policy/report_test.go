package policy

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

// goldenReport has a finding, an excused finding, an unverified check and a stale exception.
func goldenReport() *Report {
	g := &render.Graph{Stack: "dev", Resources: []render.Resource{
		res(typeTopic, "alerts", map[string]any{"kmsMasterKeyId": "k", "policy": render.Unknown}),
		res(typeTopic, "callbacks", map[string]any{"policy": tlsOnly}),
		res(typeQueue, "jobs", map[string]any{"policy": allowOnly}),
	}}
	var rules []*Rule
	for _, id := range []string{"sns-encryption", "sns-tls-only", "sqs-tls-only", "rds-deletion-protection"} {
		r, _ := Lookup(id)
		rules = append(rules, r)
	}
	ex := Exceptions{List: []Exception{
		{Rule: "sns-encryption", Resource: "callbacks", Reason: "waiting for the key of issue 99", Expires: "2027-01-31",
			Source: "policy/exceptions/dev.yaml:3"},
		{Rule: "sns-encryption", Resource: "alerts", Reason: "no longer needed", Source: "policy/exceptions/dev.yaml:7"},
	}}
	return run(g, rules, ex, true, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
}

func TestReportRenderings(t *testing.T) {
	rep := goldenReport()
	assert.False(t, rep.OK())
	var failed *FailedError
	require.ErrorAs(t, rep.Err(), &failed)
	assert.Equal(t, "policy check of dev failed: 1 findings, 1 exception errors (docs/policy.md)", failed.Error())
	assert.NoError(t, (&Report{Stack: "dev"}).Err())
	var text, js bytes.Buffer
	require.NoError(t, WriteText(&text, rep))
	require.NoError(t, WriteJSON(&js, rep))
	for name, got := range map[string][]byte{"report.txt.golden": text.Bytes(), "report.json.golden": js.Bytes()} {
		path := filepath.Join("testdata", name)
		if *updateDocs {
			require.NoError(t, os.WriteFile(path, got, 0o644))
		}
		want, err := os.ReadFile(path)
		require.NoError(t, err, "run go test ./policy -run TestReportRenderings -update to create %s", path)
		assert.Equal(t, string(want), string(got), "%s differs; rerun with -update if the change is intended", path)
	}
}
