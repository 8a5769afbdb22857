package ciidentity

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

func argsFor(env, account string, ecr []string) Args {
	arns := map[string]pulumi.StringInput{}
	for _, e := range ecr {
		arns[e] = pulumi.String("arn:aws:ecr:ca-central-1:" + account + ":repository/" + e)
	}
	return Args{
		NamePrefix:        "notification-canada-ca-" + env,
		Environment:       env,
		AccountID:         account,
		ECRRepositoryArns: arns,
		ClusterArn:        pulumi.String("arn:aws:eks:ca-central-1:" + account + ":cluster/notification-canada-ca-" + env + "-eks-cluster"),
		StateBucket:       "gcnotify-pulumi-state-" + env,
		SecretsKeyArn:     pulumi.String("arn:aws:kms:ca-central-1:" + account + ":key/secrets"),
	}
}

func run(t *testing.T, args Args) (*pulumimock.Mocks, error) {
	return pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		_, err := New(ctx, "ci", args)
		return err
	})
}

func TestCIIdentityAcrossEnvironments(t *testing.T) {
	withoutAdmin := []string{"notify/api", "notify/document-download", "notify/documentation"}
	for _, tc := range []struct {
		env, account string
		ecr          []string
		roles        int
	}{
		{"dev", "800095993820", append([]string{"notify/admin"}, withoutAdmin...), 7},
		{"staging", "239043911459", append([]string{"notify/admin"}, withoutAdmin...), 7},
		{"production", "296255494825", withoutAdmin, 6},
	} {
		t.Run(tc.env, func(t *testing.T) {
			m, err := run(t, argsFor(tc.env, tc.account, tc.ecr))
			require.NoError(t, err)
			provider := m.Get(t, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "ci-github")
			assert.Equal(t, "https://token.actions.githubusercontent.com", provider.String("url"))
			assert.Equal(t, []any{"sts.amazonaws.com"}, provider.Input("clientIdLists"))

			roles := m.ByType("aws:iam/role:Role")
			assert.Len(t, roles, tc.roles)
			for _, r := range roles {
				assert.LessOrEqual(t, len(r.String("name")), 64, r.Name)
				assert.True(t, strings.HasPrefix(r.String("name"), "notification-canada-ca-"+tc.env+"-gha-"), r.Name)
				trust, err := r.JSON("assumeRolePolicy")
				require.NoError(t, err)
				st := trust.(map[string]any)["Statement"].([]any)[0].(map[string]any)
				assert.Equal(t, "arn:aws:iam::"+pulumimock.Account+":oidc-provider/token.actions.githubusercontent.com",
					st["Principal"].(map[string]any)["Federated"], r.Name)
				eq := st["Condition"].(map[string]any)["StringEquals"].(map[string]any)
				assert.Equal(t, "sts.amazonaws.com", eq["token.actions.githubusercontent.com:aud"], r.Name)
			}
			deploy := m.Get(t, "aws:iam/role:Role", "ci-role-deploy")
			assert.Equal(t, 14400.0, deploy.Input("maxSessionDuration"))

			push, err := m.Get(t, "aws:iam/rolePolicy:RolePolicy", "ci-policy-api-push").JSON("policy")
			require.NoError(t, err)
			assert.Equal(t, []any{"arn:aws:ecr:ca-central-1:" + tc.account + ":repository/notify/api"},
				push.(map[string]any)["Statement"].([]any)[1].(map[string]any)["Resource"])
			helm, err := m.Get(t, "aws:iam/rolePolicy:RolePolicy", "ci-policy-helm-apply").JSON("policy")
			require.NoError(t, err)
			assert.Equal(t, []any{"eks:DescribeCluster"}, helm.(map[string]any)["Statement"].([]any)[0].(map[string]any)["Action"])

			attachments := map[string]string{}
			for _, a := range m.ByType("aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
				attachments[a.Name] = a.String("policyArn")
			}
			assert.Equal(t, map[string]string{"ci-attach-preview": ReadOnlyAccessArn, "ci-attach-deploy": PowerUserAccessArn}, attachments,
				"no AdministratorAccess anywhere")
			_, hasAdmin := m.Find("aws:iam/role:Role", "ci-role-admin-push")
			assert.Equal(t, tc.env != "production", hasAdmin, "no admin image in production")

			for _, r := range m.Resources() {
				if r.Type != "gcnotify:ciidentity:CIIdentity" {
					assert.Contains(t, r.Parent, "gcnotify:ciidentity:CIIdentity", "%s %s", r.Type, r.Name)
				}
			}
		})
	}
}

func TestCIIdentityReusesAnExistingProvider(t *testing.T) {
	args := argsFor("dev", "800095993820", nil)
	args.ExistingProviderArn = "arn:aws:iam::800095993820:oidc-provider/token.actions.githubusercontent.com"
	m, err := run(t, args)
	require.NoError(t, err)
	assert.Empty(t, m.ByType("aws:iam/openIdConnectProvider:OpenIdConnectProvider"))
	trust, err := m.Get(t, "aws:iam/role:Role", "ci-role-preview").JSON("assumeRolePolicy")
	require.NoError(t, err)
	assert.Contains(t, trust.(map[string]any)["Statement"].([]any)[0].(map[string]any)["Principal"].(map[string]any)["Federated"],
		"800095993820")
}

func TestCIIdentityRefusesBadArgsBeforeRegistering(t *testing.T) {
	args := argsFor("dev", "12345", []string{"api"})
	args.NamePrefix = "notification-canada-ca-a-very-long-environment-name-x"
	args.ClusterArn = nil
	args.StateBucket = "notification-canada-ca-a-very-long-environment-name-x-state"
	args.DeployIAMNamePatterns = []string{"*"}
	m, err := run(t, args)
	require.Error(t, err)
	for _, want := range []string{`AccountID: got "12345"`, "ClusterArn: got nil", "StateBucket", `DeployIAMNamePatterns: got "*"`,
		"pushed by no application", "role helm-apply", "(68 characters)"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}
