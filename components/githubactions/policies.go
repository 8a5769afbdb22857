package githubactions

import (
	"strings"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
)

// GitHub's OIDC issuer and the audience AWS's action requests.
const (
	IssuerHost = "token.actions.githubusercontent.com"
	Audience   = "sts.amazonaws.com"
)

// AWS managed policies the read-only and deploy roles start from.
const (
	ReadOnlyAccessArn  = "arn:aws:iam::aws:policy/ReadOnlyAccess"
	PowerUserAccessArn = "arn:aws:iam::aws:policy/PowerUserAccess"
)

// Trust lets the GitHub workflows whose subject matches assume a role through the OIDC
// provider, for the STS audience only. Every subject, exact or with *, is one StringLike
// list: IAM ANDs a statement's condition operators, so exact subjects under StringEquals
// beside patterns under StringLike would require a token to match both, which none does.
// StringLike matches a subject without * or ? literally.
func Trust(providerArn string, subjects []string) iampolicy.Document {
	cond := map[string]any{
		"StringEquals": map[string]any{IssuerHost + ":aud": Audience},
		"StringLike":   map[string]any{IssuerHost + ":sub": append([]string{}, subjects...)},
	}
	return iampolicy.New(iampolicy.Statement{Effect: "Allow", Action: []string{"sts:AssumeRoleWithWebIdentity"},
		Principal: map[string]any{"Federated": providerArn}, Condition: cond})
}

// PushPolicy lets a build push images to its repositories (and log in to the registry,
// which has no resource-level scoping).
func PushPolicy(repositoryArns []string) iampolicy.Document {
	login := iampolicy.Allow([]string{"ecr:GetAuthorizationToken"}, "*")
	login.Sid = "RegistryLogin"
	push := iampolicy.Allow([]string{"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload",
		"ecr:DescribeImages", "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"},
		repositoryArns...)
	push.Sid = "PushToOwnRepositories"
	return iampolicy.New(login, push)
}

// HelmPolicy lets the chart deployment find the cluster; what it may do inside comes from
// its EKS access entry.
func HelmPolicy(clusterArn string) iampolicy.Document {
	s := iampolicy.Allow([]string{"eks:DescribeCluster"}, clusterArn)
	s.Sid = "DescribeCluster"
	return iampolicy.New(s)
}

// PreviewPolicy completes ReadOnlyAccess for a preview: read the state (and write only the
// backend's lock files), decrypt the stack's secrets. It also refuses what ReadOnlyAccess
// would otherwise allow but a preview never needs: the content of the environment's buckets
// (notification CSVs, documents), queue messages and log events. The role can be assumed from
// any pull request of the repository, whose author controls the workflow it runs, so it must
// reach configuration, never data.
func PreviewPolicy(stateBucket, statePrefix, dataBucketPattern, secretsKeyArn string) iampolicy.Document {
	root := strings.Trim(statePrefix, "/")
	if root != "" {
		root += "/"
	}
	bucket := "arn:aws:s3:::" + stateBucket
	list := iampolicy.Allow([]string{"s3:GetBucketLocation", "s3:ListBucket"}, bucket)
	list.Sid = "ListState"
	read := iampolicy.Allow([]string{"s3:GetObject", "s3:GetObjectVersion"}, bucket+"/"+root+"*")
	read.Sid = "ReadState"
	lock := iampolicy.Allow([]string{"s3:PutObject", "s3:DeleteObject"}, bucket+"/"+root+".pulumi/locks/*")
	lock.Sid = "BackendLocks"
	decrypt := iampolicy.Allow([]string{"kms:Decrypt", "kms:DescribeKey"}, secretsKeyArn)
	if region, account, alias, ok := aliasARN(secretsKeyArn); ok {
		// IAM matches cryptographic operations against key ARNs, never alias ARNs: an alias
		// is granted through the kms:ResourceAliases condition instead.
		decrypt = iampolicy.Allow([]string{"kms:Decrypt", "kms:DescribeKey"}, "arn:aws:kms:"+region+":"+account+":key/*")
		decrypt.Condition = map[string]any{"ForAnyValue:StringEquals": map[string]any{"kms:ResourceAliases": alias}}
	}
	decrypt.Sid = "DecryptStackSecrets"
	noData := iampolicy.Statement{Sid: "NoData", Effect: "Deny",
		Action:   []string{"s3:GetObject", "s3:GetObjectVersion", "sqs:ReceiveMessage", "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery"},
		Resource: []string{"arn:aws:s3:::" + dataBucketPattern + "/*", "arn:aws:sqs:*:*:*", "arn:aws:logs:*:*:*"}}
	return iampolicy.New(list, read, lock, decrypt, noData)
}

// deployIAMActions are the IAM actions a full deployment of this program uses on its own
// roles, policies, instance profiles and OIDC providers.
var deployIAMActions = []string{
	"iam:AddClientIDToOpenIDConnectProvider", "iam:AddRoleToInstanceProfile", "iam:AttachRolePolicy",
	"iam:CreateInstanceProfile", "iam:CreateOpenIDConnectProvider", "iam:CreatePolicy", "iam:CreatePolicyVersion",
	"iam:CreateRole", "iam:DeleteInstanceProfile", "iam:DeleteOpenIDConnectProvider", "iam:DeletePolicy",
	"iam:DeletePolicyVersion", "iam:DeleteRole", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:PassRole",
	"iam:PutRolePolicy", "iam:RemoveClientIDFromOpenIDConnectProvider", "iam:RemoveRoleFromInstanceProfile",
	"iam:TagInstanceProfile", "iam:TagOpenIDConnectProvider", "iam:TagPolicy", "iam:TagRole",
	"iam:UntagInstanceProfile", "iam:UntagOpenIDConnectProvider", "iam:UntagPolicy", "iam:UntagRole",
	"iam:UpdateAssumeRolePolicy", "iam:UpdateOpenIDConnectProviderThumbprint", "iam:UpdateRole", "iam:UpdateRoleDescription",
}

// DefaultDeployRoleNames are the roles the program creates outside <NamePrefix>-*, under
// names fixed by what depends on them: each Lambda's <function>-<region> in the regions it
// runs in by default (ca-central-1 primary, us-west-2 SMS, us-east-1 email; components/functions),
// the <environment>_dns_manager_role a delegated environment's account assumes by name
// (components/dns) and SNS's sns-delivery-role (components/sms). It returns a new slice each
// time, for the composition to extend.
func DefaultDeployRoleNames() []string {
	return []string{
		"google-cidr-ca-central-1",
		"heartbeat-ca-central-1",
		"pinpoint_to_sqs_sms_callbacks-ca-central-1",
		"pinpoint_to_sqs_sms_callbacks-us-west-2",
		"ses_receiving_emails-us-east-1",
		"ses_to_sqs_email_callbacks-ca-central-1",
		"sns_to_sqs_sms_callbacks-ca-central-1",
		"sns_to_sqs_sms_callbacks-us-west-2",
		"system_status-ca-central-1",
		"*_dns_manager_role",
		"sns-delivery-role",
	}
}

// DeployPolicy completes PowerUserAccess (every service but IAM, Organizations and account
// management) with IAM scoped to the names this program uses (roles, policies and instance
// profiles matching namePatterns, and the roles named by roleNames), service-linked roles,
// and IAM reads (refresh reads managed policies and service roles).
func DeployPolicy(account string, namePatterns, roleNames []string) iampolicy.Document {
	var resources []string
	for _, p := range namePatterns {
		for _, kind := range []string{"role", "policy", "instance-profile"} {
			resources = append(resources, "arn:aws:iam::"+account+":"+kind+"/"+p)
		}
	}
	for _, n := range roleNames {
		resources = append(resources, "arn:aws:iam::"+account+":role/"+n)
	}
	resources = append(resources, "arn:aws:iam::"+account+":oidc-provider/*")
	manage := iampolicy.Allow(deployIAMActions, resources...)
	manage.Sid = "ManageProgramIAM"
	linked := iampolicy.Allow([]string{"iam:CreateServiceLinkedRole"}, "arn:aws:iam::"+account+":role/aws-service-role/*")
	linked.Sid = "ServiceLinkedRoles"
	read := iampolicy.Allow([]string{"iam:Get*", "iam:List*"}, "*")
	read.Sid = "ReadIAM"
	return iampolicy.New(manage, linked, read)
}

// aliasARN splits arn:aws:kms:<region>:<account>:alias/<name>.
func aliasARN(arn string) (region, account, alias string, ok bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[2] != "kms" || !strings.HasPrefix(parts[5], "alias/") {
		return "", "", "", false
	}
	return parts[3], parts[4], parts[5], true
}
