package policy

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

var updateDocs = flag.Bool("update", false, "rewrite docs/policy.md's generated tables")

// TestPolicyDocument keeps docs/policy.md's rules and exceptions tables equal to the code's
// (go test ./policy -run TestPolicyDocument -update writes them).
func TestPolicyDocument(t *testing.T) {
	path := filepath.Join("..", "docs", "policy.md")
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	doc := string(raw)
	exceptions, err := ExceptionsMarkdown(stackfile.Permanent...)
	require.NoError(t, err)
	want := doc
	for _, part := range []struct{ name, body string }{{"rules", CatalogueMarkdown()}, {"exceptions", exceptions}} {
		begin, end := "<!-- "+part.name+":begin -->\n", "<!-- "+part.name+":end -->"
		i, j := strings.Index(want, begin), strings.Index(want, end)
		require.True(t, i >= 0 && j > i, "docs/policy.md lacks the %s markers", part.name)
		want = want[:i+len(begin)] + part.body + want[j:]
	}
	if *updateDocs {
		require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
		return
	}
	assert.Equal(t, want, doc, "docs/policy.md is stale: run go test ./policy -run TestPolicyDocument -update")
}
