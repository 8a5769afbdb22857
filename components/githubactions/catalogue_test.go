package githubactions

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var allECR = []string{"notify/api", "notify/admin", "notify/document-download", "notify/documentation",
	"notify/heartbeat", "notify/system_status", "notify/google-cidr", "notify/ses_to_sqs_email_callbacks",
	"notify/sns_to_sqs_sms_callbacks", "notify/pinpoint_to_sqs_sms_callbacks", "notify/ses_receiving_emails"}

func catalogue(env string, ecr []string) CatalogueInput {
	return CatalogueInput{Org: "cds-snc", Environment: env, ThisRepository: "notification-pulumi",
		ManifestsRepository: "notification-manifests", BuildPush: DefaultBuildPush, AvailableECR: ecr}
}

func TestRolesPerEnvironment(t *testing.T) {
	withoutAdmin := append([]string{}, allECR[:1]...)
	withoutAdmin = append(withoutAdmin, allECR[2:]...)
	for _, tc := range []struct {
		env  string
		ecr  []string
		keys []string
	}{
		{"dev", allECR, []string{"admin-push", "api-push", "deploy", "document-download-push", "documentation-push", "helm-apply", "lambdas-push", "preview"}},
		{"staging", allECR, []string{"admin-push", "api-push", "deploy", "document-download-push", "documentation-push", "helm-apply", "lambdas-push", "preview"}},
		{"production", withoutAdmin, []string{"api-push", "deploy", "document-download-push", "documentation-push", "helm-apply", "lambdas-push", "preview"}},
	} {
		t.Run(tc.env, func(t *testing.T) {
			roles, err := Roles(catalogue(tc.env, tc.ecr))
			require.NoError(t, err)
			byKey := map[string]RoleSpec{}
			var keys []string
			for _, r := range roles {
				byKey[r.Key] = r
				keys = append(keys, r.Key)
				assert.LessOrEqual(t, len(RoleName("notification-canada-ca-"+tc.env, r.Key)), MaxRoleNameLength, r.Key)
			}
			assert.Equal(t, tc.keys, keys)
			assert.Equal(t, []string{"repo:cds-snc/notification-api:ref:refs/heads/main", "repo:cds-snc/notification-api:ref:refs/tags/*"},
				byKey["api-push"].Subjects)
			assert.Equal(t, []string{"notify/api"}, byKey["api-push"].ECR)
			assert.Len(t, byKey["lambdas-push"].ECR, 7)
			assert.Equal(t, []string{"repo:cds-snc/notification-pulumi:pull_request"}, byKey["preview"].Subjects)
			assert.Equal(t, []string{"repo:cds-snc/notification-pulumi:environment:" + tc.env}, byKey["deploy"].Subjects,
				"deploy only from the protected environment")
			assert.Equal(t, []string{"repo:cds-snc/notification-manifests:environment:" + tc.env}, byKey["helm-apply"].Subjects)
			assert.Equal(t, KindDeploy, byKey["deploy"].Kind)
		})
	}
}

func TestRolesRefuseAnUnpushedRepository(t *testing.T) {
	_, err := Roles(catalogue("dev", append([]string{"api"}, allECR...)))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "api are pushed by no application")
}

func TestRolesWithoutECRHaveNoBuildRoles(t *testing.T) {
	roles, err := Roles(catalogue("dev", nil))
	require.NoError(t, err)
	assert.Len(t, roles, 3)
}
