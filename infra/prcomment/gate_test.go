package prcomment

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

const clusterURN = "urn:pulumi:production::gcnotify::gcnotify:database:Database$aws:rds/cluster:Cluster::database-cluster"

func replacedCluster() *infra.Result {
	return &infra.Result{Stack: "production", Resources: []infra.ResourceRecord{
		{URN: clusterURN, Type: "aws:rds/cluster:Cluster", Name: "database-cluster", Custom: true, Op: "replace",
			ReplaceReasons: []string{"snapshotIdentifier"}},
		{URN: "urn:pulumi:production::gcnotify::gcnotify:queues:Queues$aws:sqs/queue:Queue::queues-bulk",
			Type: "aws:sqs/queue:Queue", Name: "queues-bulk", Custom: true, Op: "replace", ReplaceReasons: []string{"name"}},
		{URN: "urn:pulumi:production::gcnotify::gcnotify:storage:Storage$aws:s3/bucketV2:BucketV2::storage-csv",
			Type: "aws:s3/bucketV2:BucketV2", Name: "storage-csv", Custom: true, Op: "delete"},
		{URN: "urn:pulumi:production::gcnotify::gcnotify:keys:Keys$aws:kms/key:Key::keys-main",
			Type: "aws:kms/key:Key", Name: "keys-main", Custom: true, Op: "update"},
	}}
}

// TestGateRefusesAProductionDatabaseReplacementWithItsReason: the replaced cluster and the
// deleted bucket are refused, each with why; the queue (stateless) and the key's update pass.
func TestGateRefusesAProductionDatabaseReplacementWithItsReason(t *testing.T) {
	v := Gate(replacedCluster(), nil)
	require.Len(t, v.Refused, 2)
	db := v.Refused[0]
	assert.Equal(t, "database-cluster", db.Name)
	assert.Equal(t, []string{"snapshotIdentifier"}, db.Properties)
	assert.Contains(t, db.Reason, "database cluster database-cluster would be replaced")
	assert.Contains(t, db.Reason, "snapshotIdentifier forces it")
	assert.Contains(t, v.Refused[1].Reason, "bucket storage-csv would be deleted")

	err := v.Err("production")
	var gate *GateError
	require.True(t, errors.As(err, &gate))
	assert.Contains(t, err.Error(), "snapshotIdentifier")

	body := RenderStack(Preview{Stack: "production", Result: replacedCluster(), Gate: v}, Options{PullRequest: 3})[0].Body
	assert.Contains(t, body, "[!CAUTION]")
	assert.Contains(t, body, "Refused by `--deny-replace`: 2 change(s)")
	assert.Contains(t, body, db.Reason, "the comment gives the reason")
}

// TestAllowanceLetsAReviewedReplacementThrough: an allowance of the stack, resource and
// operation with its reason lets the cluster through and the comment shows the reason; another
// stack's or operation's allowance does not.
func TestAllowanceLetsAReviewedReplacementThrough(t *testing.T) {
	allow := []Allowance{
		{Stack: "production", Resource: "database-cluster", Op: "replace", Reason: "restore from the rehearsed snapshot, #123"},
		{Stack: "staging", Resource: "storage-csv", Op: "delete", Reason: "other stack"},
		{Stack: "production", Resource: "storage-csv", Op: "replace", Reason: "other operation"},
	}
	v := Gate(replacedCluster(), allow)
	require.Len(t, v.Allowed, 1)
	assert.Equal(t, "restore from the rehearsed snapshot, #123", v.Allowed[0].Reason)
	require.Len(t, v.Refused, 1)
	assert.Equal(t, "storage-csv", v.Refused[0].Name)

	v = Gate(replacedCluster(), []Allowance{{Stack: "production", Resource: clusterURN, Op: "replace", Reason: "by URN"},
		{Stack: "production", Resource: "storage-csv", Op: "delete", Reason: "empty, replaced by storage-csv2"}})
	assert.Empty(t, v.Refused)
	assert.NoError(t, v.Err("production"))
	body := RenderStack(Preview{Stack: "production", Result: replacedCluster(), Gate: v}, Options{})[0].Body
	assert.Contains(t, body, "Allowed after review")
	assert.Contains(t, body, "empty, replaced by storage-csv2")
}

// TestAllowancesNeedAReason: an allowance file is read whole and every problem reported.
func TestAllowancesNeedAReason(t *testing.T) {
	a, err := ParseAllowances(strings.NewReader("allow:\n  - stack: production\n    resource: database-cluster\n    op: replace\n    reason: \"reviewed in #9\"\n"))
	require.NoError(t, err)
	assert.Equal(t, []Allowance{{Stack: "production", Resource: "database-cluster", Op: "replace", Reason: "reviewed in #9"}}, a)

	_, err = ParseAllowances(strings.NewReader("allow:\n  - stack: production\n    resource: database-cluster\n    op: replace\n  - resource: x\n    op: rename\n    reason: r\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "allowance 1 (replace database-cluster): reason is required")
	assert.Contains(t, err.Error(), `allowance 2: op "rename"`)
	assert.Contains(t, err.Error(), "allowance 2: stack and resource are required")

	_, err = ParseAllowances(strings.NewReader("allow:\n  - stack: p\n    resource: r\n    op: delete\n    reason: x\n    because: y\n"))
	assert.Error(t, err, "unknown fields are refused")

	a, err = ParseAllowances(strings.NewReader("allow: []\n"))
	assert.NoError(t, err)
	assert.Empty(t, a)
}

// TestDenyReplaceIsOnForProductionOnly.
func TestDenyReplaceIsOnForProductionOnly(t *testing.T) {
	assert.True(t, DenyReplaceDefault("production"))
	assert.False(t, DenyReplaceDefault("staging"))
	assert.False(t, DenyReplaceDefault("dev"))
}

// TestNewPreviewGatesWhenAsked: the gate runs only with deny-replace, and its refusal is the
// preview's error.
func TestNewPreviewGatesWhenAsked(t *testing.T) {
	p := NewPreview("production", replacedCluster(), nil, true, nil)
	require.NotNil(t, p.Gate)
	var gate *GateError
	assert.ErrorAs(t, p.Err(), &gate)
	assert.True(t, p.Failed())

	p = NewPreview("staging", replacedCluster(), nil, false, nil)
	assert.Nil(t, p.Gate)
	assert.NoError(t, p.Err())
	assert.False(t, p.Failed())

	p = NewPreview("dev", nil, errors.New("engine: boom"), true, nil)
	assert.Equal(t, "engine: boom", p.Error)
	assert.True(t, p.Failed())

	md := Markdown(NewPreview("production", replacedCluster(), nil, true, nil), Options{})
	assert.NotContains(t, md, "<!-- notifyctl:preview")
	assert.Contains(t, md, "Refused by `--deny-replace`")
}
