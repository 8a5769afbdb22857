package ciidentity

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func decode(t *testing.T, s string) map[string]any {
	var out map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &out))
	return out
}

func TestTrustSplitsExactAndWildcardSubjects(t *testing.T) {
	doc := decode(t, Trust("arn:aws:iam::1:oidc-provider/"+IssuerHost,
		[]string{"repo:o/r:ref:refs/heads/main", "repo:o/r:ref:refs/tags/*"}).JSON())
	st := doc["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, []any{"sts:AssumeRoleWithWebIdentity"}, st["Action"])
	assert.Equal(t, map[string]any{"Federated": "arn:aws:iam::1:oidc-provider/" + IssuerHost}, st["Principal"])
	cond := st["Condition"].(map[string]any)
	assert.Equal(t, map[string]any{IssuerHost + ":aud": "sts.amazonaws.com", IssuerHost + ":sub": []any{"repo:o/r:ref:refs/heads/main"}},
		cond["StringEquals"])
	assert.Equal(t, map[string]any{IssuerHost + ":sub": []any{"repo:o/r:ref:refs/tags/*"}}, cond["StringLike"])

	exactOnly := decode(t, Trust("p", []string{"repo:o/r:pull_request"}).JSON())["Statement"].([]any)[0].(map[string]any)["Condition"].(map[string]any)
	assert.NotContains(t, exactOnly, "StringLike", "no wildcard, no StringLike")
}

func TestPushPolicyIsScopedToItsRepositories(t *testing.T) {
	doc := decode(t, PushPolicy([]string{"arn:aws:ecr:ca-central-1:1:repository/notify/api"}).JSON())
	st := doc["Statement"].([]any)
	assert.Equal(t, []any{"*"}, st[0].(map[string]any)["Resource"], "registry login has no resource scope")
	assert.Equal(t, []any{"ecr:GetAuthorizationToken"}, st[0].(map[string]any)["Action"])
	assert.Equal(t, []any{"arn:aws:ecr:ca-central-1:1:repository/notify/api"}, st[1].(map[string]any)["Resource"])
	assert.Contains(t, st[1].(map[string]any)["Action"], "ecr:PutImage")
}

func TestPreviewPolicyReadsStateButNoData(t *testing.T) {
	doc := decode(t, PreviewPolicy("gcnotify-state", "/dev/", "notification-canada-ca-dev-*", "arn:aws:kms:ca-central-1:1:key/k").JSON())
	bySid := map[string]map[string]any{}
	for _, s := range doc["Statement"].([]any) {
		st := s.(map[string]any)
		bySid[st["Sid"].(string)] = st
	}
	assert.Equal(t, []any{"arn:aws:s3:::gcnotify-state/dev/*"}, bySid["ReadState"]["Resource"])
	assert.Equal(t, []any{"arn:aws:s3:::gcnotify-state/dev/.pulumi/locks/*"}, bySid["BackendLocks"]["Resource"], "writes only locks")
	assert.Equal(t, []any{"arn:aws:kms:ca-central-1:1:key/k"}, bySid["DecryptStackSecrets"]["Resource"])
	assert.Equal(t, "Deny", bySid["NoData"]["Effect"])
	assert.Contains(t, bySid["NoData"]["Resource"], "arn:aws:s3:::notification-canada-ca-dev-*/*")
	assert.Contains(t, bySid["NoData"]["Action"], "sqs:ReceiveMessage")
}

func TestDeployPolicyScopesIAM(t *testing.T) {
	doc := decode(t, DeployPolicy("111122223333", []string{"notification-canada-ca-dev-*"}).JSON())
	bySid := map[string]map[string]any{}
	for _, s := range doc["Statement"].([]any) {
		st := s.(map[string]any)
		bySid[st["Sid"].(string)] = st
	}
	res := bySid["ManageProgramIAM"]["Resource"].([]any)
	assert.Contains(t, res, "arn:aws:iam::111122223333:role/notification-canada-ca-dev-*")
	assert.Contains(t, res, "arn:aws:iam::111122223333:policy/notification-canada-ca-dev-*")
	assert.NotContains(t, res, "*", "IAM writes never on every resource")
	assert.NotContains(t, bySid["ManageProgramIAM"]["Action"], "iam:CreateUser")
	assert.NotContains(t, bySid["ManageProgramIAM"]["Action"], "iam:CreateAccessKey")
	assert.Equal(t, []any{"arn:aws:iam::111122223333:role/aws-service-role/*"}, bySid["ServiceLinkedRoles"]["Resource"])
}

func TestPreviewPolicyGrantsAnAliasThroughTheResourceAliasesCondition(t *testing.T) {
	doc := PreviewPolicy("gcnotify-pulumi-state-1", "", "notification-canada-ca-dev-*",
		"arn:aws:kms:ca-central-1:800095993820:alias/gcnotify-pulumi-secrets")
	var found bool
	for _, st := range doc.Statement {
		for _, a := range st.Action {
			if a == "kms:Decrypt" {
				found = true
				assert.Equal(t, []string{"arn:aws:kms:ca-central-1:800095993820:key/*"}, st.Resource)
				assert.Equal(t, map[string]any{"ForAnyValue:StringEquals": map[string]any{"kms:ResourceAliases": "alias/gcnotify-pulumi-secrets"}}, st.Condition)
			}
		}
	}
	assert.True(t, found, "the preview role can decrypt the stack's secrets")
}
