package githubactions

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/dns"
	"github.com/cds-snc/notification-pulumi/components/functions"
	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
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

			componenttest.AssertChildren(t, m, "gcnotify:ciidentity:CIIdentity")
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
	args.DeployRoleNames = []string{"**", "sns-delivery-role"}
	m, err := run(t, args)
	require.Error(t, err)
	for _, want := range []string{`AccountID: got "12345"`, "ClusterArn: got nil", "StateBucket", `DeployIAMNamePatterns: got "*"`, `DeployRoleNames: got "**"`,
		"pushed by no application", "role helm-apply", "(68 characters)"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}

// programRoleNames are the IAM roles the program creates in an environment, named as the
// components name them: the CI roles and the SMS event-logs role under the prefix, each
// Lambda's <function>-<region> in the stacks' default regions, the DNS manager role of a
// delegated environment and SNS's delivery role (components/sms's default).
func programRoleNames(t *testing.T, env string) []string {
	prefix := "notification-canada-ca-" + env
	regions := map[string]string{functions.RegionPrimary: "ca-central-1", functions.RegionSMS: "us-west-2", functions.RegionEmail: "us-east-1"}
	roles, err := Roles(catalogue(env, allECR))
	require.NoError(t, err)
	var names []string
	for _, r := range roles {
		names = append(names, RoleName(prefix, r.Key))
	}
	for _, s := range functions.Catalog() {
		for _, r := range s.Regions {
			require.Contains(t, regions, r, "region role of %s", s.Name)
			names = append(names, s.Name+"-"+regions[r])
		}
	}
	for _, delegated := range []string{"dev", "staging", "production"} {
		names = append(names, dns.DNSManagerRoleName(delegated))
	}
	return append(names, prefix+"-sms-event-logs", "sns-delivery-role")
}

func TestDeployPolicyCoversEveryRoleTheProgramNames(t *testing.T) {
	for _, tc := range []struct{ env, account string }{
		{"dev", "800095993820"}, {"staging", "239043911459"}, {"production", "296255494825"},
	} {
		t.Run(tc.env, func(t *testing.T) {
			m, err := run(t, argsFor(tc.env, tc.account, nil))
			require.NoError(t, err)
			policy, err := m.Get(t, "aws:iam/rolePolicy:RolePolicy", "ci-policy-deploy").JSON("policy")
			require.NoError(t, err)
			var manage map[string]any
			for _, s := range policy.(map[string]any)["Statement"].([]any) {
				if st := s.(map[string]any); st["Sid"] == "ManageProgramIAM" {
					manage = st
				}
			}
			require.NotNil(t, manage)
			assert.Subset(t, manage["Action"], []any{"iam:CreateRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole",
				"iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:PassRole", "iam:DeleteRole", "iam:DeleteRolePolicy"})
			allowed := func(arn string) bool {
				for _, r := range manage["Resource"].([]any) {
					if iamLike(r.(string), arn) {
						return true
					}
				}
				return false
			}
			for _, n := range programRoleNames(t, tc.env) {
				assert.True(t, allowed("arn:aws:iam::"+tc.account+":role/"+n), "deploy role cannot manage role %s", n)
			}
			for _, n := range []string{"OrganizationAccountAccessRole", "admin", "heartbeat-eu-west-1", "notification-canada-ca-other-x"} {
				assert.False(t, allowed("arn:aws:iam::"+tc.account+":role/"+n), "deploy role may manage role %s", n)
			}
		})
	}
}
