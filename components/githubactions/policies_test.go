package githubactions

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

// iamLike is IAM's StringLike and resource matching: * is any run of characters (/ included),
// ? any one character, everything else literal.
func iamLike(pattern, s string) bool {
	if pattern == "" {
		return s == ""
	}
	switch pattern[0] {
	case '*':
		for i := 0; i <= len(s); i++ {
			if iamLike(pattern[1:], s[i:]) {
				return true
			}
		}
		return false
	case '?':
		return s != "" && iamLike(pattern[1:], s[1:])
	default:
		return s != "" && s[0] == pattern[0] && iamLike(pattern[1:], s[1:])
	}
}

// conditionHolds evaluates a condition block the way IAM does: every operator must hold (AND),
// within one every key must hold (AND), and a key holds when the request's value matches any
// of the listed values (OR).
func conditionHolds(t *testing.T, cond map[string]any, request map[string]string) bool {
	holds := true
	for op, keys := range cond {
		var match func(want, got string) bool
		switch op {
		case "StringEquals":
			match = func(want, got string) bool { return want == got }
		case "StringLike":
			match = iamLike
		default:
			t.Fatalf("condition operator %s not evaluated by this test", op)
		}
		for key, values := range keys.(map[string]any) {
			got, present := request[key]
			list, ok := values.([]any)
			if !ok {
				list = []any{values}
			}
			matched := false
			for _, v := range list {
				matched = matched || (present && match(v.(string), got))
			}
			holds = holds && matched
		}
	}
	return holds
}

func TestTrustPutsEverySubjectUnderOneStringLike(t *testing.T) {
	doc := decode(t, Trust("arn:aws:iam::1:oidc-provider/"+IssuerHost,
		[]string{"repo:o/r:ref:refs/heads/main", "repo:o/r:ref:refs/tags/*"}).JSON())
	st := doc["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, []any{"sts:AssumeRoleWithWebIdentity"}, st["Action"])
	assert.Equal(t, map[string]any{"Federated": "arn:aws:iam::1:oidc-provider/" + IssuerHost}, st["Principal"])
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{IssuerHost + ":aud": "sts.amazonaws.com"},
		"StringLike":   map[string]any{IssuerHost + ":sub": []any{"repo:o/r:ref:refs/heads/main", "repo:o/r:ref:refs/tags/*"}},
	}, st["Condition"], "the audience is exact; every subject is in one list, so any one of them suffices")
}

func TestTrustAdmitsEachSubjectAsIAMEvaluatesIt(t *testing.T) {
	subjects := []string{"repo:cds-snc/notification-api:ref:refs/heads/main", "repo:cds-snc/notification-api:ref:refs/tags/*"}
	cond := decode(t, Trust("arn:aws:iam::1:oidc-provider/"+IssuerHost, subjects).JSON())["Statement"].([]any)[0].(map[string]any)["Condition"].(map[string]any)
	for _, tc := range []struct {
		name, aud, sub string
		admitted       bool
	}{
		{"main branch", Audience, "repo:cds-snc/notification-api:ref:refs/heads/main", true},
		{"release tag", Audience, "repo:cds-snc/notification-api:ref:refs/tags/v1.2.3", true},
		{"other branch", Audience, "repo:cds-snc/notification-api:ref:refs/heads/feature", false},
		{"other repository", Audience, "repo:cds-snc/notification-admin:ref:refs/heads/main", false},
		{"pull request", Audience, "repo:cds-snc/notification-api:pull_request", false},
		{"other audience", "example.com", "repo:cds-snc/notification-api:ref:refs/heads/main", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := conditionHolds(t, cond, map[string]string{IssuerHost + ":aud": tc.aud, IssuerHost + ":sub": tc.sub})
			assert.Equal(t, tc.admitted, got, "%s / %s", tc.aud, tc.sub)
		})
	}
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
	doc := decode(t, DeployPolicy("111122223333", []string{"notification-canada-ca-dev-*"}, []string{"sns-delivery-role"}).JSON())
	bySid := map[string]map[string]any{}
	for _, s := range doc["Statement"].([]any) {
		st := s.(map[string]any)
		bySid[st["Sid"].(string)] = st
	}
	res := bySid["ManageProgramIAM"]["Resource"].([]any)
	assert.Contains(t, res, "arn:aws:iam::111122223333:role/notification-canada-ca-dev-*")
	assert.Contains(t, res, "arn:aws:iam::111122223333:policy/notification-canada-ca-dev-*")
	assert.Contains(t, res, "arn:aws:iam::111122223333:role/sns-delivery-role")
	assert.NotContains(t, res, "arn:aws:iam::111122223333:policy/sns-delivery-role", "fixed names are roles only")
	assert.NotContains(t, res, "*", "IAM writes never on every resource")
	assert.NotContains(t, bySid["ManageProgramIAM"]["Action"], "iam:CreateUser")
	assert.NotContains(t, bySid["ManageProgramIAM"]["Action"], "iam:CreateAccessKey")
	assert.Equal(t, []any{"arn:aws:iam::111122223333:role/aws-service-role/*"}, bySid["ServiceLinkedRoles"]["Resource"])
}

func TestDefaultDeployRoleNamesAreFreshAndNarrow(t *testing.T) {
	names := DefaultDeployRoleNames()
	names[0] = "changed"
	assert.NotEqual(t, "changed", DefaultDeployRoleNames()[0], "extending the default never changes it")
	for _, n := range DefaultDeployRoleNames() {
		assert.False(t, iamLike(n, "OrganizationAccountAccessRole"), n)
		assert.False(t, iamLike(n, "admin"), n)
	}
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
