// Package stacks holds the typed configuration of a GC Notify environment and the composition
// that turns it into resources. Environments differ by data (Pulumi.<env>.yaml plus the defaults
// in defaults.go), never by branches on the environment's name.
package stacks

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Namespace is the Pulumi configuration namespace every project key lives under.
const Namespace = "gcnotify"

// Config is everything that differs between GC Notify environments. It is loaded once per
// program run by Load and validated as a whole by Validate.
type Config struct {
	// Environment names the environment: dev, staging, production, or the name of a short-lived
	// stack (a drill, an experiment). It appears in resource names, so it is a DNS-safe label.
	Environment string `json:"environment"`
	// Ephemeral marks a short-lived stack (drills, experiments): stateful resources are not
	// protected so the stack can be destroyed. Default false.
	Ephemeral bool `json:"ephemeral"`
	// AccountID is the 12-digit AWS account the environment lives in; every provider pins it.
	AccountID string `json:"accountId"`
	// Regions names the four regions the estate spans.
	Regions Regions `json:"regions"`
	// Domain is the environment's DNS domain, e.g. notification.canada.ca.
	Domain string `json:"domain"`
	// DNS says which zone holds the domain's records and how to reach it.
	DNS DNS `json:"dns"`
	// Network is the VPC layout.
	Network Network `json:"network"`
	// EKS sizes the Kubernetes cluster.
	EKS EKS `json:"eks"`
	// Database sizes the Aurora PostgreSQL cluster.
	Database Database `json:"database"`
	// Cache sizes the two Valkey replication groups.
	Cache Cache `json:"cache"`
	// DeletionProtection turns on deletion protection on the database, load balancers and
	// anything else that offers it. Default true; production refuses false.
	DeletionProtection bool `json:"deletionProtection"`
	// ForceDestroy lets buckets and container repositories be deleted with their contents.
	// Default false; production refuses true.
	ForceDestroy bool `json:"forceDestroy"`
	// LogRetentionDays is the CloudWatch Logs retention; 0 means never expire. Default 365.
	LogRetentionDays int `json:"logRetentionDays"`
	// Budget holds spend limits.
	Budget Budget `json:"budget"`
	// Alerts lists where alarms go.
	Alerts Alerts `json:"alerts"`
	// WAFNewRuleMode is what newly added WAF rules do: "block" or "count". Default "count".
	WAFNewRuleMode string `json:"wafNewRuleMode"`
	// WAF holds the web ACLs' data.
	WAF WAF `json:"waf"`
	// Email holds SES settings.
	Email Email `json:"email"`
	// LambdaImageTags are the container image tags of the Lambdas: key "default" for all, or a
	// function's name for that function. Default {"default": "latest"}.
	LambdaImageTags map[string]string `json:"lambdaImageTags"`
	// LambdaImageSource is the ECR registry (<account>.dkr.ecr.<region>.amazonaws.com) that
	// holds the released Lambda images under the same repository names and tags: an up that
	// finds the environment's repositories without them copies them from there, between
	// creating the repositories and the functions. Default empty: CI pushes them (in
	// rehearsals, the simulated release registry holds them).
	LambdaImageSource string `json:"lambdaImageSource"`
	// GooglePrefixListMaxEntries is the capacity of the managed prefix list of Google's service
	// CIDRs that the google-cidr Lambda rewrites daily (AWS reserves it whole against the quota
	// of every security group rule that references the list). Default 100.
	GooglePrefixListMaxEntries int `json:"googlePrefixListMaxEntries"`
	// Features are the per-environment switches.
	Features Features `json:"features"`
	// ClientVPN is the operators' VPN into the private subnets (and the private EKS endpoint).
	ClientVPN ClientVPN `json:"clientVpn"`
	// DatabaseTools is Blazer, the support team's SQL tool.
	DatabaseTools DatabaseTools `json:"databaseTools"`
	// Athena holds the query engine's settings.
	Athena Athena `json:"athena"`
	// Alarms holds the alarm thresholds that differ by environment.
	Alarms Alarms `json:"alarms"`
	// CI locates the Pulumi state and secrets key the CI roles may use.
	CI CI `json:"ci"`
	// Drill configures the from-scratch rebuild drill.
	Drill Drill `json:"drill"`
	// Existing names what the environment's accounts already hold (an account that today's
	// Terraform built): the program uses it instead of creating it. Default: nothing exists.
	Existing Existing `json:"existing"`
	// Tags are added to every resource through the providers' default tags, next to
	// Environment. Default {"CostCenter": "notification-canada-ca-<environment>"}.
	Tags map[string]string `json:"tags"`
	// Secrets are the values of the secret keys (SecretKeys), set with `pulumi config set
	// --secret` and never in a stack file in clear. Default: none set.
	Secrets Secrets `json:"-"`
}

// Secrets are the secret configuration values; each is unset unless its key is set.
type Secrets struct {
	// SlackWebhookURL (key slackWebhookUrl) is where the Slack bridges post alarms.
	SlackWebhookURL Secret
	// OpsGenieURL (key opsGenieUrl) is the OpsGenie endpoint critical alarms page.
	OpsGenieURL Secret
	// ScanVerdictToken (key scanVerdictCallbackToken) is the token EventBridge sends the API
	// with each malware scan verdict (header X-Scan-Callback-Token); the API holds the same value.
	ScanVerdictToken Secret
}

// byKey maps each secret key to its field.
func (s *Secrets) byKey() map[string]*Secret {
	return map[string]*Secret{SlackWebhookKey: &s.SlackWebhookURL, OpsGenieKey: &s.OpsGenieURL, ScanVerdictTokenKey: &s.ScanVerdictToken}
}

// Secret is one secret configuration value. It prints as [secret] and reaches resources only as
// a Pulumi secret.
type Secret struct {
	value string
	set   bool
}

// NewSecret is a set secret of value v.
func NewSecret(v string) Secret { return Secret{value: v, set: true} }

// Set reports whether the secret's key is set.
func (s Secret) Set() bool { return s.set }

// Input is the value as a Pulumi secret; nil when the key is not set.
func (s Secret) Input() pulumi.StringInput {
	if !s.set {
		return nil
	}
	return pulumi.ToSecret(pulumi.String(s.value)).(pulumi.StringOutput)
}

// String hides the value.
func (s Secret) String() string {
	if !s.set {
		return "[not set]"
	}
	return "[secret]"
}

// Regions names the regions of the estate.
type Regions struct {
	// Primary hosts everything not named below. Default ca-central-1.
	Primary string `json:"primary"`
	// Email hosts SES receiving, the CloudFront certificate and WAF. Default us-east-1.
	Email string `json:"email"`
	// SMS hosts SNS/Pinpoint SMS and its delivery receipts. Default us-west-2.
	SMS string `json:"sms"`
	// Backup hosts the secondary AWS Backup vault. Default ca-west-1.
	Backup string `json:"backup"`
}

// DNS says where the environment's records are written.
type DNS struct {
	// ZoneName is the public hosted zone that holds the domain's records. Default: the domain.
	ZoneName string `json:"zoneName"`
	// CreateZone is true where this environment's account owns the zone. Default false.
	CreateZone bool `json:"createZone"`
	// RoleArn is the role assumed to write records into a zone owned by another account.
	// Required when CreateZone is false.
	RoleArn string `json:"roleArn"`
	// DelegatedAccounts are other environments allowed to write their records into this
	// environment's zone through a <environment>_dns_manager_role; only where CreateZone is
	// true. Default none.
	DelegatedAccounts []DelegatedAccount `json:"delegatedAccounts"`
	// ValidationRecordsPreSeeded says the ACM validation records already exist in the zone
	// (written outside the program), so the program does not write them. Default false.
	ValidationRecordsPreSeeded bool `json:"validationRecordsPreSeeded"`
	// WaitForCertificates waits for ACM DNS validation during deployment. Default true; false
	// only where the consumers of the certificates are deployed separately, since a load
	// balancer listener or a CloudFront distribution refuses a certificate pending validation.
	WaitForCertificates *bool `json:"waitForCertificates"`
}

// DelegatedAccount is an environment that writes records into another environment's zone.
type DelegatedAccount struct {
	Environment string `json:"environment"`
	AccountID   string `json:"accountId"`
}

// Network is the VPC layout.
type Network struct {
	// VpcCidr is the VPC's IPv4 block; it must be a /16. Default 10.0.0.0/16.
	VpcCidr string `json:"vpcCidr"`
	// AvailabilityZones are the three AZs used, all in the primary region.
	// Default ca-central-1a, ca-central-1b, ca-central-1d.
	AvailabilityZones []string `json:"availabilityZones"`
}

// EKS sizes the cluster.
type EKS struct {
	// Version is the Kubernetes minor version, e.g. "1.36". Default "1.36".
	Version string `json:"version"`
	// InstanceType is the primary node group's instance type. Required.
	InstanceType string `json:"instanceType"`
	// DesiredSize, MinSize and MaxSize bound the primary node group. Required.
	DesiredSize int `json:"desiredSize"`
	MinSize     int `json:"minSize"`
	MaxSize     int `json:"maxSize"`
	// ApplyDesiredSize sets the node group's desired size to desiredSize on this deployment;
	// otherwise the cluster autoscaler owns it. Turn it on for the one deployment that raises
	// minSize above the desired size last deployed (EKS refuses it otherwise), then off.
	// Default false.
	ApplyDesiredSize bool `json:"applyDesiredSize"`
	// AdminRoleArns are IAM roles given cluster-admin access entries (no aws-auth ConfigMap).
	// Default none.
	AdminRoleArns []string `json:"adminRoleArns"`
}

// WAF holds the web ACLs' data.
type WAF struct {
	// BlockedCidrs are IPv4 CIDRs refused by the IP blocklist rule. Default none.
	BlockedCidrs []string `json:"blockedCidrs"`
}

// Email holds SES settings.
type Email struct {
	// CustomSendingDomains are extra domains services send from, each with its own identity,
	// DKIM and MAIL FROM. Default none.
	CustomSendingDomains []string `json:"customSendingDomains"`
}

// Database sizes Aurora.
type Database struct {
	// EngineVersion is the Aurora PostgreSQL version; major 16. Default "16.8".
	EngineVersion string `json:"engineVersion"`
	// InstanceClass is the writer and readers' class, e.g. db.r6g.xlarge. Required.
	InstanceClass string `json:"instanceClass"`
	// Instances is the number of cluster instances (1 writer, the rest readers). Default 3.
	Instances int `json:"instances"`
	// SnapshotIdentifier restores the cluster from this snapshot (ARN for a shared one).
	// Default empty: a new, empty cluster.
	SnapshotIdentifier string `json:"snapshotIdentifier"`
	// AllowMajorVersionUpgrade lets one update move the cluster to EngineVersion's major.
	// Default false: AWS owns the minor version (automatic upgrades in the maintenance
	// window) and changes of the engine version are ignored.
	AllowMajorVersionUpgrade bool `json:"allowMajorVersionUpgrade"`
	// SnapshotShareAccounts are the accounts allowed to restore this environment's shared
	// cluster snapshots: the main key (which encrypts the cluster and its snapshots) lets them
	// decrypt through RDS. Sharing a snapshot itself is a manual step (docs/design.md). Default
	// none.
	SnapshotShareAccounts []string `json:"snapshotShareAccounts"`
}

// Existing names the account singletons and records that already exist where the environment
// is deployed, so a first deployment uses them instead of failing to create them
// (docs/design.md, "Existing accounts"). Every field defaults to "nothing exists".
type Existing struct {
	// GitHubOIDCProviderArn is the account's GitHub OIDC provider
	// (arn:aws:iam::<accountId>:oidc-provider/token.actions.githubusercontent.com): IAM holds one
	// per URL, so the CI roles trust it instead of a new one. Default "": created.
	GitHubOIDCProviderArn string `json:"githubOidcProviderArn"`
	// SecurityHub says Security Hub is already enabled in the account and primary region (by
	// today's estate or the organisation's delegated administrator): it is neither enabled nor
	// subscribed to a standard here. Default false.
	SecurityHub bool `json:"securityHub"`
	// SESReceiptRuleSet is the SES receipt rule set that already exists and is active in the
	// email region (today's "main"): the receiving rule is added to it and it is neither created
	// nor activated. Default "": the rule set main is created and made active.
	SESReceiptRuleSet string `json:"sesReceiptRuleSet"`
	// SNSDeliveryRoleArn is the account's existing sns-delivery-role: the SMS preferences log
	// deliveries with it instead of a new one. Default "": created.
	SNSDeliveryRoleArn string `json:"snsDeliveryRoleArn"`
	// DNSRecords says the public zone already holds the environment's apex A and MX, DMARC,
	// DKIM and bounce MX records (production's zone today): they are written with
	// allowOverwrite. The _amazonses and bounce SPF records are adopted with `pulumi import`
	// instead (docs/design.md). Default false.
	DNSRecords bool `json:"dnsRecords"`
}

// Cache sizes the Valkey replication groups.
type Cache struct {
	// NodeType is every node's type, e.g. cache.t3.medium. Required.
	NodeType string `json:"nodeType"`
	// Nodes is the node count of each replication group (primary plus replicas). Default 3.
	Nodes int `json:"nodes"`
}

// Budget holds spend limits in US dollars.
type Budget struct {
	// MonthlyUSD is the account's monthly cost budget; alerts fire at 80% and 100%. Required.
	MonthlyUSD int `json:"monthlyUsd"`
	// SMSMonthlySpendLimitUSD is the SNS SMS monthly spend limit. Required.
	SMSMonthlySpendLimitUSD int `json:"smsMonthlySpendLimitUsd"`
}

// Alerts lists where alarms go. Webhook URLs are secrets and are never in stack files: they are
// in Config.Secrets, read from the secret keys SlackWebhookKey and OpsGenieKey.
type Alerts struct {
	// Emails receive every alert topic by email. Default none.
	Emails []string `json:"emails"`
}

// Features are per-environment switches.
type Features struct {
	// GuardDutyMalwareScan scans uploaded documents with GuardDuty. Default false.
	GuardDutyMalwareScan bool `json:"guardDutyMalwareScan"`
	// BackupVaultLock locks the backup vault (compliance mode). Default false.
	BackupVaultLock bool `json:"backupVaultLock"`
	// OpsGenie subscribes the OpsGenie endpoint to critical alerts. Default false.
	OpsGenie bool `json:"opsGenie"`
	// AdminReviewApps creates the role and security group of the admin's per-pull-request
	// review Lambdas (today staging only). Default false.
	AdminReviewApps bool `json:"adminReviewApps"`
	// PromotedAdminImage says the environment runs the admin image promoted from another
	// environment's registry (production runs staging's), so no notify/admin repository is
	// created and review apps, which run it, are refused. Default false: CI builds and pushes the
	// admin image here.
	PromotedAdminImage bool `json:"promotedAdminImage"`
}

// ClientVPN is the operators' Client VPN endpoint, federated through IAM Identity Center.
type ClientVPN struct {
	// Enabled creates the endpoint. Default true (every environment has one today).
	Enabled *bool `json:"enabled"`
	// SAMLProviderName is the account's IAM SAML provider of the Identity Center application,
	// created outside the program from the application's metadata. Default "client-vpn".
	SAMLProviderName string `json:"samlProviderName"`
	// SelfServiceSAMLProviderName turns the self-service portal on with this provider.
	// Default "": no portal.
	SelfServiceSAMLProviderName string `json:"selfServiceSamlProviderName"`
	// AccessGroupID is the Identity Center group allowed through. Default "": every user the
	// application admits.
	AccessGroupID string `json:"accessGroupId"`
	// ClientCidr is the client address block, /12 to /22, outside the VPC. Default
	// 172.16.0.0/22.
	ClientCidr string `json:"clientCidr"`
}

// On reports whether the endpoint is created.
func (v ClientVPN) On() bool { return v.Enabled == nil || *v.Enabled }

// DatabaseTools sizes Blazer.
type DatabaseTools struct {
	// Enabled runs Blazer. Default true (every environment runs it today).
	Enabled *bool `json:"enabled"`
	// InstanceClass is Blazer's own database's class. Default db.t4g.micro.
	InstanceClass string `json:"instanceClass"`
	// ImageTag is the Blazer image's tag. Default latest.
	ImageTag string `json:"imageTag"`
}

// On reports whether Blazer runs.
func (d DatabaseTools) On() bool { return d.Enabled == nil || *d.Enabled }

// Alarms holds the alarm thresholds that differ by environment (today's tfvars).
type Alarms struct {
	// DocumentDownloadBucketSizeGiB warns when the document-download bucket grows past it.
	// Default 100 (production's today; dev and staging warn at 0.5).
	DocumentDownloadBucketSizeGiB float64 `json:"documentDownloadBucketSizeGiB"`
}

// Athena holds the query engine's settings.
type Athena struct {
	// BytesScannedCutoffGiB cancels a query that scans more; 1 to 10240. Default 100.
	BytesScannedCutoffGiB int `json:"bytesScannedCutoffGiB"`
}

// CI locates what the deployment roles need outside the stack: the state bucket and the key of
// the stack's awskms secrets provider, both bootstrapped before the first deployment (a stack
// cannot hold its own state).
type CI struct {
	// StateBucket is the S3 bucket of the Pulumi state. Default gcnotify-pulumi-state-<accountId>.
	StateBucket string `json:"stateBucket"`
	// SecretsKeyArn is the secrets provider's KMS key or alias ARN. Default
	// arn:aws:kms:<primary region>:<accountId>:alias/gcnotify-pulumi-secrets.
	SecretsKeyArn string `json:"secretsKeyArn"`
}

// Drill configures the BCP rebuild drill.
type Drill struct {
	// RTOMinutes is the recovery-time objective the drill is measured against. Default 240.
	RTOMinutes int `json:"rtoMinutes"`
}

// Secret configuration keys (set with `pulumi config set --secret`, never committed in clear),
// read into Config.Secrets.
const (
	SlackWebhookKey     = "slackWebhookUrl"
	OpsGenieKey         = "opsGenieUrl"
	ScanVerdictTokenKey = "scanVerdictCallbackToken"
)

// SecretKeys are the secret configuration keys, refused in clear text.
var SecretKeys = []string{SlackWebhookKey, OpsGenieKey, ScanVerdictTokenKey}

// SAMLProviderArn is the ARN of an IAM SAML provider of the environment's account.
func (c Config) SAMLProviderArn(name string) string {
	if name == "" {
		return ""
	}
	return "arn:aws:iam::" + c.AccountID + ":saml-provider/" + name
}

// Protect reports whether stateful resources get Pulumi's protect flag.
func (c Config) Protect() bool { return !c.Ephemeral }

// Prefix is the name prefix of most resources: notification-canada-ca-<env>.
func (c Config) Prefix() string { return "notification-canada-ca-" + c.Environment }

// WaitForValidation reports whether certificate validation is awaited.
func (d DNS) WaitForValidation() bool { return d.WaitForCertificates == nil || *d.WaitForCertificates }

// roleAccount is the account of an IAM role ARN (arn:aws:iam::<account>:role/...); "" when the
// ARN has no account field.
func roleAccount(arn string) string {
	parts := strings.Split(arn, ":")
	if len(parts) < 5 {
		return ""
	}
	return parts[4]
}

// ForeignZone is the public zone the environment writes into but another account owns, with
// that account (from the role assumed to write it); ok is false where the environment creates
// its own zone. A rehearsal seeds it into the simulated cloud, as it exists before any stack.
func (c Config) ForeignZone() (account, zone string, ok bool) {
	if c.DNS.CreateZone {
		return "", "", false
	}
	account = roleAccount(c.DNS.RoleArn)
	if account == "" {
		return "", "", false
	}
	return account, c.DNS.ZoneName, true
}
