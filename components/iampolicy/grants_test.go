package iampolicy

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestResolveSkipsGrantsWithoutResources(t *testing.T) {
	fixed := []Statement{Allow([]string{"xray:PutTraceSegments"}, "*")}
	gs := []Grant{
		{Sid: "ReadObjects", Actions: []string{"s3:GetObject"}, Resources: Objects},
		{Sid: "UseKeys", Actions: []string{"kms:Decrypt"}, Resources: Same, Condition: map[string]any{"Bool": map[string]any{"aws:SecureTransport": "true"}}},
	}
	d := Resolve(fixed, gs, [][]string{nil, {"arn:aws:kms:ca-central-1:123456789012:key/k"}})
	assert.Len(t, d.Statement, 2, "the grant without ARNs renders no statement")
	assert.Equal(t, "UseKeys", d.Statement[1].Sid)
	assert.Equal(t, []string{"arn:aws:kms:ca-central-1:123456789012:key/k"}, d.Statement[1].Resource)
	assert.NotNil(t, d.Statement[1].Condition)
	d = Resolve(nil, gs, [][]string{{"arn:aws:s3:::b"}, nil})
	assert.Equal(t, []string{"arn:aws:s3:::b/*"}, d.Statement[0].Resource)
}
