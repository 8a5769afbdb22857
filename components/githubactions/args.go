// Package githubactions is how GitHub Actions reaches AWS without stored keys: the GitHub OIDC
// provider and one role per job kind, each trusted only by named repositories and branches or
// protected environments. Application builds push to their own ECR repositories; the chart
// deployment may find the cluster; this project's preview reads configuration but no data; its
// deploy applies the program.
//
// The deploy role is PowerUserAccess plus IAM scoped to the program's names (its prefix, and
// the few roles whose names are fixed elsewhere: DefaultDeployRoleNames). Least privilege
// for a whole-estate IaC deployment is not reachable in practice (the program touches some
// thirty services), and AdministratorAccess would add users, access keys, Organizations and
// account settings, which the program never needs. The remaining risk: the program creates IAM
// roles (including these CI roles) under its prefix, so whoever runs the deploy role can grant
// any permission to such a role: it is as powerful as the program itself. It is contained by
// who can assume it: only a workflow job in the protected GitHub environment named like the AWS
// environment (main only, required reviewers in production). Permission boundaries on every
// program role would close the gap and are the next step.
package githubactions

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
)

// Args configures the CI identities.
type Args struct {
	// NamePrefix starts the role names, e.g. notification-canada-ca-dev. Required.
	NamePrefix string
	// Environment is the GitHub environment the deploying jobs use, named like the AWS
	// environment. Required.
	Environment string
	// AccountID is the environment's account (IAM ARNs in the deploy policy). Required.
	AccountID string
	// GitHubOrg owns the repositories. Default "cds-snc".
	GitHubOrg string
	// ThisRepository is this project's repository. Default "notification-pulumi".
	ThisRepository string
	// ManifestsRepository holds the Helm charts. Default "notification-manifests".
	ManifestsRepository string
	// BuildPush maps application repositories to their images. Default DefaultBuildPush.
	BuildPush []BuildPush
	// ECRRepositoryArns are this environment's ECR repositories, keyed by repository name
	// (notify/api, ...). Default none: no build-push role.
	ECRRepositoryArns map[string]pulumi.StringInput
	// ClusterArn is the EKS cluster the helm-apply role describes. Required.
	ClusterArn pulumi.StringInput
	// StateBucket and StatePrefix locate the Pulumi state (s3://<bucket>/<prefix>). The bucket
	// is required and must not match the data bucket pattern <NamePrefix>-*; the prefix
	// defaults to none.
	StateBucket string
	StatePrefix string
	// SecretsKeyArn is the KMS key of the stack's secrets provider. Required.
	SecretsKeyArn pulumi.StringInput
	// DeployIAMNamePatterns are the IAM names (with *) the deploy role manages. Default
	// "<NamePrefix>-*": every role and policy of the program must be named under it or be a
	// role listed in DeployRoleNames.
	DeployIAMNamePatterns []string
	// DeployRoleNames are the roles outside DeployIAMNamePatterns the deploy role manages
	// (create, update, tag, attach policies to, pass, delete): exact names, or patterns with *
	// narrower than *. Default DefaultDeployRoleNames(); append to it when the program adds
	// such a role or runs a function in another region.
	DeployRoleNames []string
	// ExistingProviderArn reuses the account's GitHub OIDC provider (there can be only one per
	// URL). Default "": the provider is created here.
	ExistingProviderArn string
}

// CIIdentity is the provider and the roles.
type CIIdentity struct {
	pulumi.ResourceState

	// ProviderArn is the GitHub OIDC provider.
	ProviderArn pulumi.StringOutput
	// RoleArns are keyed by role key (RoleSpec.Key: api-push, helm-apply, preview, deploy...).
	RoleArns map[string]pulumi.StringOutput
	// HelmApplyRoleArn is the role the cluster component gives an EKS access entry.
	HelmApplyRoleArn pulumi.StringOutput
	// Roles is the catalogue that was built.
	Roles []RoleSpec
}

func (a Args) withDefaults() Args {
	a.GitHubOrg = cmp.Or(a.GitHubOrg, "cds-snc")
	a.ThisRepository = cmp.Or(a.ThisRepository, "notification-pulumi")
	a.ManifestsRepository = cmp.Or(a.ManifestsRepository, "notification-manifests")
	if a.BuildPush == nil {
		a.BuildPush = DefaultBuildPush
	}
	if a.DeployIAMNamePatterns == nil {
		a.DeployIAMNamePatterns = []string{a.NamePrefix + "-*"}
	}
	if a.DeployRoleNames == nil {
		a.DeployRoleNames = DefaultDeployRoleNames()
	}
	return a
}

var (
	ghName    = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)
	bucket    = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	oidcArn   = regexp.MustCompile(`^arn:aws:iam::[0-9]{12}:oidc-provider/` + regexp.QuoteMeta(IssuerHost) + `$`)
	iamRoleRe = regexp.MustCompile(`^[\w+=,.@-]+$`)
	// rolePattern is a role name in which * stands for any characters; it must name more than *.
	rolePattern = regexp.MustCompile(`^[\w+=,.@*-]{1,64}$`)
)

func (a Args) validate() ([]RoleSpec, error) {
	found := problems.New("ciidentity")
	bad := found.Bad
	if a.NamePrefix == "" {
		bad("NamePrefix", `""`, "a name prefix such as notification-canada-ca-dev")
	}
	if !ghName.MatchString(a.Environment) {
		bad("Environment", fmt.Sprintf("%q", a.Environment), "the GitHub environment name, e.g. production")
	}
	if !awsrule.AccountID.MatchString(a.AccountID) {
		bad("AccountID", fmt.Sprintf("%q", a.AccountID), "a 12-digit AWS account id")
	}
	for field, v := range map[string]string{"GitHubOrg": a.GitHubOrg, "ThisRepository": a.ThisRepository,
		"ManifestsRepository": a.ManifestsRepository} {
		if !ghName.MatchString(v) {
			bad(field, fmt.Sprintf("%q", v), "a GitHub organisation or repository name")
		}
	}
	if a.ClusterArn == nil {
		bad("ClusterArn", "nil", "the EKS cluster's ARN")
	}
	if a.SecretsKeyArn == nil {
		bad("SecretsKeyArn", "nil", "the stack secrets provider's KMS key ARN")
	}
	if !bucket.MatchString(a.StateBucket) {
		bad("StateBucket", fmt.Sprintf("%q", a.StateBucket), "the Pulumi state bucket's name")
	} else if a.NamePrefix != "" && len(a.StateBucket) > len(a.NamePrefix) && a.StateBucket[:len(a.NamePrefix)+1] == a.NamePrefix+"-" {
		bad("StateBucket", fmt.Sprintf("%q", a.StateBucket), "a name outside "+a.NamePrefix+"-*, whose objects the preview role may not read")
	}
	if a.ExistingProviderArn != "" && !oidcArn.MatchString(a.ExistingProviderArn) {
		bad("ExistingProviderArn", fmt.Sprintf("%q", a.ExistingProviderArn), "arn:aws:iam::<account>:oidc-provider/"+IssuerHost)
	}
	for _, p := range a.DeployIAMNamePatterns {
		if p == "" || p == "*" {
			bad("DeployIAMNamePatterns", fmt.Sprintf("%q", p), "a name pattern narrower than * (e.g. notification-canada-ca-dev-*)")
		}
	}
	for _, n := range a.DeployRoleNames {
		if !rolePattern.MatchString(n) || strings.Trim(n, "*") == "" {
			bad("DeployRoleNames", fmt.Sprintf("%q", n), "a role name, or a pattern with * narrower than *, of at most 64 characters of [\\w+=,.@*-] (e.g. sns-delivery-role)")
		}
	}
	ecr := slices.Sorted(maps.Keys(a.ECRRepositoryArns))
	for _, k := range ecr {
		if a.ECRRepositoryArns[k] == nil {
			bad("ECRRepositoryArns["+k+"]", "nil", "the repository's ARN")
		}
	}
	roles, err := Roles(CatalogueInput{Org: a.GitHubOrg, Environment: a.Environment, ThisRepository: a.ThisRepository,
		ManifestsRepository: a.ManifestsRepository, BuildPush: a.BuildPush, AvailableECR: ecr})
	if err != nil {
		bad("ECRRepositoryArns", err, "every repository pushed by a BuildPush entry")
	}
	for _, r := range roles {
		if n := RoleName(a.NamePrefix, r.Key); len(n) > MaxRoleNameLength || !iamRoleRe.MatchString(n) {
			bad("NamePrefix/role "+r.Key, fmt.Sprintf("%q (%d characters)", n, len(n)), fmt.Sprintf("at most %d characters of [\\w+=,.@-]", MaxRoleNameLength))
		}
	}
	return roles, found.Sorted()
}
