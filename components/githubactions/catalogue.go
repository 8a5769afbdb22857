package githubactions

import (
	"fmt"
	"sort"
	"strings"
)

// Kind is what a role may do.
type Kind string

// The role kinds.
const (
	// KindBuildPush pushes images to its application's ECR repositories, nothing else.
	KindBuildPush Kind = "build-push"
	// KindHelmApply reads the cluster's endpoint; its Kubernetes rights come from the EKS access
	// entry the cluster component creates for it.
	KindHelmApply Kind = "helm-apply"
	// KindPreview reads everything this program manages, but no data, to preview a change.
	KindPreview Kind = "preview"
	// KindDeploy applies this program.
	KindDeploy Kind = "deploy"
)

// BuildPush maps an application repository to the ECR repositories its workflow pushes to.
type BuildPush struct {
	// Key names the role (<key>-push).
	Key string
	// Repository is the GitHub repository, without the organisation.
	Repository string
	// ECR are the ECR repository names.
	ECR []string
}

// DefaultBuildPush are the application repositories and their images (inventory: ECR).
var DefaultBuildPush = []BuildPush{
	{Key: "api", Repository: "notification-api", ECR: []string{"notify/api"}},
	{Key: "admin", Repository: "notification-admin", ECR: []string{"notify/admin"}},
	{Key: "document-download", Repository: "notification-document-download-api", ECR: []string{"notify/document-download"}},
	{Key: "documentation", Repository: "notification-documentation", ECR: []string{"notify/documentation"}},
	{Key: "lambdas", Repository: "notification-lambdas", ECR: []string{"notify/heartbeat", "notify/system_status",
		"notify/google-cidr", "notify/ses_to_sqs_email_callbacks", "notify/sns_to_sqs_sms_callbacks",
		"notify/pinpoint_to_sqs_sms_callbacks", "notify/ses_receiving_emails",
		// Blazer (database tools) is built from the same repository's blazer folder.
		"database-tools/blazer"}},
}

// RoleSpec is one deploy role of the catalogue.
type RoleSpec struct {
	// Key names the role: its logical name ends with it and its physical name is
	// <prefix>-gha-<key>.
	Key  string
	Kind Kind
	// Subjects are the token.actions.githubusercontent.com:sub values allowed to assume it.
	Subjects []string
	// ECR are the repositories a build-push role may push to.
	ECR []string
}

// CatalogueInput is what the catalogue is built from.
type CatalogueInput struct {
	// Org is the GitHub organisation, e.g. cds-snc.
	Org string
	// Environment is the GitHub environment name the deploying workflows use (the AWS
	// environment's name), protected in GitHub: main only, reviewers in production.
	Environment string
	// ThisRepository is this project's repository; ManifestsRepository the Helm charts'.
	ThisRepository      string
	ManifestsRepository string
	// BuildPush maps the application repositories to their images.
	BuildPush []BuildPush
	// AvailableECR are the ECR repositories of this environment (notify/admin is absent in
	// production): a build-push role covers those of its images that exist, and none at all
	// when none exists.
	AvailableECR []string
}

// Roles returns the catalogue: one build-push role per application with an image here, the
// helm-apply role, and this project's preview and deploy roles, sorted by key. It reports an
// available ECR repository no application pushes to (a name that does not match), still
// returning the roles so every other problem can be reported too.
func Roles(in CatalogueInput) ([]RoleSpec, error) {
	available := map[string]bool{}
	for _, e := range in.AvailableECR {
		available[e] = true
	}
	pushed := map[string]bool{}
	sub := func(repo, rest string) string { return "repo:" + in.Org + "/" + repo + ":" + rest }
	var out []RoleSpec
	for _, b := range in.BuildPush {
		var ecr []string
		for _, e := range b.ECR {
			if available[e] {
				ecr = append(ecr, e)
				pushed[e] = true
			}
		}
		if len(ecr) == 0 {
			continue
		}
		// Images are built on main and on release tags.
		out = append(out, RoleSpec{Key: b.Key + "-push", Kind: KindBuildPush, ECR: ecr, Subjects: []string{
			sub(b.Repository, "ref:refs/heads/main"), sub(b.Repository, "ref:refs/tags/*")}})
	}
	out = append(out,
		RoleSpec{Key: "helm-apply", Kind: KindHelmApply, Subjects: []string{sub(in.ManifestsRepository, "environment:"+in.Environment)}},
		RoleSpec{Key: "preview", Kind: KindPreview, Subjects: []string{sub(in.ThisRepository, "pull_request")}},
		RoleSpec{Key: "deploy", Kind: KindDeploy, Subjects: []string{sub(in.ThisRepository, "environment:"+in.Environment)}},
	)
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	var orphans []string
	for _, e := range in.AvailableECR {
		if !pushed[e] {
			orphans = append(orphans, e)
		}
	}
	if len(orphans) > 0 {
		sort.Strings(orphans)
		return out, fmt.Errorf("ECR repositories %s are pushed by no application repository (check BuildPush)", strings.Join(orphans, ", "))
	}
	return out, nil
}

// RoleName is a role's physical name.
func RoleName(prefix, key string) string { return prefix + "-gha-" + key }

// MaxRoleNameLength is IAM's limit on role names.
const MaxRoleNameLength = 64
