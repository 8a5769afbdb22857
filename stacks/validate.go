package stacks

import (
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
)

// Values AWS accepts, checked before anything is registered.
var (
	// awsRegions are the commercial regions; the estate may only be placed in these.
	awsRegions = []string{
		"af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
		"ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
		"ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "ca-central-1", "ca-west-1",
		"eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1",
		"eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1",
		"sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
	}
	// eksVersions are the Kubernetes versions EKS offers in standard or extended support.
	eksVersions = []string{"1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36"}

	// envPattern is a letter, then letters and digits with single dashes between them (names are
	// joined with dashes: a dash at the end would double in notification-canada-ca-<env>-...).
	envPattern = regexp.MustCompile(`^[a-z](-?[a-z0-9])+$`)
	// rolePattern is a role ARN, with a path or not (IAM Identity Center roles have one:
	// role/aws-reserved/sso.amazonaws.com/<region>/AWSReservedSSO_...); the name is at most 64.
	rolePattern        = regexp.MustCompile(`^arn:aws:iam::[0-9]{12}:role/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,64}$`)
	ec2TypePattern     = regexp.MustCompile(`^[a-z][a-z0-9]*(-flex)?\.[0-9]*(nano|micro|small|medium|large|xlarge|metal)$`)
	dbClassPattern     = regexp.MustCompile(`^db\.(t3|t4g|r5|r6g|r6gd|r6i|r7g|r7i|r8g|x2g)\.[0-9]*(medium|large|xlarge)$`)
	cacheTypePatt      = regexp.MustCompile(`^cache\.(t3|t4g|m5|m6g|m7g|r5|r6g|r7g|c7gn)\.[0-9]*(micro|small|medium|large|xlarge)$`)
	pgVersionPatt      = regexp.MustCompile(`^16\.[0-9]+$`)
	emailPattern       = regexp.MustCompile(`^[^@\s]+@[a-z0-9.-]+\.[a-z]{2,}$`)
	kmsArnPattern      = regexp.MustCompile(`^arn:aws:kms:[a-z0-9-]+:[0-9]{12}:(key/[0-9a-f-]{36}|alias/[A-Za-z0-9/_-]{1,250})$`)
	bucketPattern      = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	imageTagPattern    = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$`)
	ecrRegistryPattern = regexp.MustCompile(`^\d{12}\.dkr\.ecr\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com$`)
	// snapshotIDPattern is a cluster snapshot identifier of the account (automated ones start
	// with "rds:"); sharedSnapshotPattern is another account's, which RDS needs by ARN.
	snapshotIDPattern     = regexp.MustCompile(`^(rds:)?[A-Za-z][A-Za-z0-9-]{0,254}$`)
	sharedSnapshotPattern = regexp.MustCompile(`^arn:aws:rds:[a-z0-9-]+:[0-9]{12}:cluster-snapshot:[A-Za-z][A-Za-z0-9-]{0,254}$`)
	// ruleSetPattern is an SES receipt rule set name.
	ruleSetPattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$`)
)

// EnvironmentNameRule says what an environment (and stack) name may be.
const EnvironmentNameRule = "2 to 10 characters: lowercase letters and digits, starting with a letter, with single dashes between them"

// ValidEnvironmentName reports whether s follows EnvironmentNameRule.
func ValidEnvironmentName(s string) bool {
	return len(s) >= 2 && len(s) <= 10 && envPattern.MatchString(s)
}

// Validate checks the whole configuration of stack and returns every problem at once, each
// naming the key, the value received and what is allowed. It is the one validator of the
// configuration: Load runs it, and components trust what it passed or share its rules
// (components/awsrule).
func (c Config) Validate(stack string) error { return c.validate(stack) }

func (c Config) validate(stack string) error {
	var v validator
	v.check(ValidEnvironmentName(c.Environment), "environment", c.Environment,
		EnvironmentNameRule+" (it is part of S3 bucket names, which AWS caps at 63 characters, and of load balancer target group names, capped at 32)")
	v.check(!(c.Ephemeral && slices.Contains(Permanent, c.Environment)), "ephemeral", c.Ephemeral,
		"false for "+strings.Join(Permanent, ", ")+": their stateful resources stay protected")
	v.check(c.Ephemeral || slices.Contains(Permanent, stack), "ephemeral", c.Ephemeral,
		fmt.Sprintf("true: stack %q is not one of %s, so it is short-lived and its file must set %s:ephemeral: true",
			stack, strings.Join(Permanent, ", "), Namespace))
	v.check(awsrule.AccountID.MatchString(c.AccountID), "accountId", c.AccountID, awsrule.AccountIDRule)

	for key, r := range map[string]string{"regions.primary": c.Regions.Primary, "regions.email": c.Regions.Email,
		"regions.sms": c.Regions.SMS, "regions.backup": c.Regions.Backup} {
		v.check(slices.Contains(awsRegions, r), key, r, "an AWS region: "+strings.Join(awsRegions, ", "))
	}
	v.check(c.Regions.Backup != c.Regions.Primary, "regions.backup", c.Regions.Backup,
		"a region other than the primary one, so backups survive the loss of the primary region")

	v.check(awsrule.ValidDomain(c.Domain), "domain", c.Domain, awsrule.DomainRule)
	v.check(c.DNS.ZoneName == c.Domain || strings.HasSuffix(c.Domain, "."+c.DNS.ZoneName), "dns.zoneName",
		c.DNS.ZoneName, "the domain "+c.Domain+" or a parent of it")
	if !c.DNS.CreateZone {
		v.check(rolePattern.MatchString(c.DNS.RoleArn), "dns.roleArn", c.DNS.RoleArn,
			"an IAM role ARN (arn:aws:iam::<12 digits>:role/<name>) to write records into a zone another account owns; required when dns.createZone is false")
		// dns.createZone false means another account owns the zone (ForeignZone): a role of
		// this account cannot write there, and the DNS provider would pin the wrong account.
		v.check(!rolePattern.MatchString(c.DNS.RoleArn) || roleAccount(c.DNS.RoleArn) != c.AccountID, "dns.roleArn", c.DNS.RoleArn,
			"a role in the account that owns the zone "+c.DNS.ZoneName+", not in this environment's account "+c.AccountID+
				" (dns.createZone is false, so the zone is another account's): put the DNS account's role here, arn:aws:iam::<DNS account id>:role/<name>")
	}
	for i, d := range c.DNS.DelegatedAccounts {
		v.check(awsrule.AccountID.MatchString(d.AccountID), fmt.Sprintf("dns.delegatedAccounts[%d].accountId", i), d.AccountID, awsrule.AccountIDRule)
		v.check(ValidEnvironmentName(d.Environment), fmt.Sprintf("dns.delegatedAccounts[%d].environment", i), d.Environment, "an environment name such as dev")
	}
	v.check(c.DNS.CreateZone || len(c.DNS.DelegatedAccounts) == 0, "dns.delegatedAccounts", c.DNS.DelegatedAccounts,
		"empty unless dns.createZone is true: only the zone's owner can delegate")

	c.validateNetwork(&v)
	c.validateSizes(&v)

	v.check(awsrule.ValidLogRetention(c.LogRetentionDays), "logRetentionDays", c.LogRetentionDays, awsrule.LogRetentionRule)
	v.check(c.Budget.MonthlyUSD > 0, "budget.monthlyUsd", c.Budget.MonthlyUSD, "a positive number of US dollars")
	v.check(c.Budget.SMSMonthlySpendLimitUSD > 0, "budget.smsMonthlySpendLimitUsd", c.Budget.SMSMonthlySpendLimitUSD,
		"a positive number of US dollars")
	for i, e := range c.Alerts.Emails {
		v.check(emailPattern.MatchString(e), fmt.Sprintf("alerts.emails[%d]", i), e, "an email address")
	}
	v.check(c.WAFNewRuleMode == "block" || c.WAFNewRuleMode == "count", "wafNewRuleMode", c.WAFNewRuleMode,
		`"block" or "count"`)
	v.check(c.GooglePrefixListMaxEntries >= 1 && c.GooglePrefixListMaxEntries <= 1000, "googlePrefixListMaxEntries",
		c.GooglePrefixListMaxEntries, "1 to 1000 entries (EC2's limit for a managed prefix list)")
	v.check(c.Drill.RTOMinutes >= 1 && c.Drill.RTOMinutes <= 10080, "drill.rtoMinutes", c.Drill.RTOMinutes,
		"1 to 10080 minutes (one week)")

	for i, r := range c.EKS.AdminRoleArns {
		v.check(rolePattern.MatchString(r), fmt.Sprintf("eks.adminRoleArns[%d]", i), r, "an IAM role ARN (arn:aws:iam::<12 digits>:role/<name>)")
	}
	for i, cidr := range c.WAF.BlockedCidrs {
		p, err := netip.ParsePrefix(cidr)
		v.check(err == nil && p.Addr().Is4() && p.Masked() == p, fmt.Sprintf("waf.blockedCidrs[%d]", i), cidr, "an IPv4 CIDR such as 203.0.113.0/24")
	}
	for i, d := range c.Email.CustomSendingDomains {
		v.check(awsrule.ValidDomain(d), fmt.Sprintf("email.customSendingDomains[%d]", i), d, "a lowercase DNS name")
	}
	v.check(c.LambdaImageSource == "" || ecrRegistryPattern.MatchString(c.LambdaImageSource), "lambdaImageSource", c.LambdaImageSource,
		"an ECR registry host, <12-digit account>.dkr.ecr.<region>.amazonaws.com")
	for fn, tag := range c.LambdaImageTags {
		v.check(imageTagPattern.MatchString(tag), "lambdaImageTags."+fn, tag, "a container image tag: letters, digits, '.', '_' and '-', at most 128 characters")
	}

	v.check(bucketPattern.MatchString(c.CI.StateBucket), "ci.stateBucket", c.CI.StateBucket, "an S3 bucket name (3-63 lowercase letters, digits, dots and dashes)")
	v.check(!strings.HasPrefix(c.CI.StateBucket, c.Prefix()+"-"), "ci.stateBucket", c.CI.StateBucket,
		"a name outside "+c.Prefix()+"-*: the preview role may not read those buckets' objects")
	v.check(kmsArnPattern.MatchString(c.CI.SecretsKeyArn), "ci.secretsKeyArn", c.CI.SecretsKeyArn, "a KMS key or alias ARN")
	c.validateExisting(&v)
	c.validateTools(&v)

	if c.Environment == "production" {
		v.check(c.DeletionProtection, "deletionProtection", c.DeletionProtection, "true in production")
		v.check(!c.ForceDestroy, "forceDestroy", c.ForceDestroy, "false in production")
	}
	for k, val := range c.Tags {
		v.check(k != "" && len(k) <= 128 && !strings.HasPrefix(strings.ToLower(k), "aws:") && k != "Environment" && k != "Name",
			"tags", k, "tag keys of 1 to 128 characters, not starting with aws:, and not Environment or Name (the program sets those)")
		v.check(len(val) <= 256, "tags."+k, val, "a value of at most 256 characters")
	}
	return v.err()
}

func (c Config) validateNetwork(v *validator) {
	prefix, err := netip.ParsePrefix(c.Network.VpcCidr)
	v.check(err == nil && prefix.Addr().Is4() && prefix.Bits() == 16 && prefix.Masked() == prefix && prefix.Addr().IsPrivate(),
		"network.vpcCidr", c.Network.VpcCidr, "a private (RFC 1918) IPv4 /16 such as 10.0.0.0/16: the subnet layout needs all of it")
	azs := c.Network.AvailabilityZones
	v.check(len(azs) == 3, "network.availabilityZones", azs, "exactly three availability zones")
	seen := map[string]bool{}
	for i, az := range azs {
		ok := strings.HasPrefix(az, c.Regions.Primary) && len(az) == len(c.Regions.Primary)+1 && !seen[az]
		v.check(ok, fmt.Sprintf("network.availabilityZones[%d]", i), az,
			"a distinct zone of the primary region "+c.Regions.Primary+" (e.g. "+c.Regions.Primary+"a)")
		seen[az] = true
	}
}

func (c Config) validateSizes(v *validator) {
	e := c.EKS
	v.check(slices.Contains(eksVersions, e.Version), "eks.version", e.Version, "one of "+strings.Join(eksVersions, ", "))
	v.check(ec2TypePattern.MatchString(e.InstanceType), "eks.instanceType", e.InstanceType, "an EC2 instance type such as c7i.xlarge")
	v.check(e.MinSize >= awsrule.MinNodes, "eks.minSize", e.MinSize, fmt.Sprintf("at least %d", awsrule.MinNodes))
	v.check(e.MaxSize <= awsrule.MaxNodes, "eks.maxSize", e.MaxSize, fmt.Sprintf("at most %d (the EKS managed node group limit)", awsrule.MaxNodes))
	if e.MinSize > e.MaxSize {
		// No desired size fits between them: report the bounds themselves, not desiredSize.
		v.check(false, "eks.minSize", e.MinSize, fmt.Sprintf("at most eks.maxSize (%d): the node group's minimum cannot exceed its maximum", e.MaxSize))
	} else {
		v.check(e.MinSize <= e.DesiredSize, "eks.desiredSize", e.DesiredSize, fmt.Sprintf("at least eks.minSize (%d)", e.MinSize))
		v.check(e.DesiredSize <= e.MaxSize, "eks.desiredSize", e.DesiredSize, fmt.Sprintf("at most eks.maxSize (%d)", e.MaxSize))
	}

	d := c.Database
	v.check(pgVersionPatt.MatchString(d.EngineVersion), "database.engineVersion", d.EngineVersion, "an Aurora PostgreSQL 16 version such as 16.8")
	v.check(dbClassPattern.MatchString(d.InstanceClass), "database.instanceClass", d.InstanceClass,
		"an Aurora PostgreSQL instance class such as db.r6g.xlarge")
	v.check(d.Instances >= 1 && d.Instances <= 16, "database.instances", d.Instances, "1 to 16 (one writer and up to 15 readers)")
	v.check(d.SnapshotIdentifier == "" || snapshotIDPattern.MatchString(d.SnapshotIdentifier) ||
		(sharedSnapshotPattern.MatchString(d.SnapshotIdentifier) && strings.Split(d.SnapshotIdentifier, ":")[3] == c.Regions.Primary),
		"database.snapshotIdentifier", d.SnapshotIdentifier,
		"a cluster snapshot of this account (its identifier) or one shared by another account (its ARN, arn:aws:rds:"+c.Regions.Primary+":<account>:cluster-snapshot:<id>, in the primary region)")
	seen := map[string]bool{}
	for i, a := range d.SnapshotShareAccounts {
		v.check(awsrule.AccountID.MatchString(a) && a != c.AccountID && !seen[a], fmt.Sprintf("database.snapshotShareAccounts[%d]", i), a,
			"the 12-digit id of another account (not "+c.AccountID+"), listed once")
		seen[a] = true
	}

	ca := c.Cache
	v.check(cacheTypePatt.MatchString(ca.NodeType), "cache.nodeType", ca.NodeType, "an ElastiCache node type such as cache.t3.medium")
	v.check(ca.Nodes >= 2 && ca.Nodes <= 6, "cache.nodes", ca.Nodes, "2 to 6 (automatic failover needs a replica; a group has at most 5)")
}

// validateExisting checks the names of what already exists: each must be this account's.
func (c Config) validateExisting(v *validator) {
	e := c.Existing
	oidc := "arn:aws:iam::" + c.AccountID + ":oidc-provider/token.actions.githubusercontent.com"
	v.check(e.GitHubOIDCProviderArn == "" || e.GitHubOIDCProviderArn == oidc, "existing.githubOidcProviderArn", e.GitHubOIDCProviderArn,
		"empty (the provider is created) or this account's GitHub OIDC provider, "+oidc)
	v.check(e.SNSDeliveryRoleArn == "" || (rolePattern.MatchString(e.SNSDeliveryRoleArn) && roleAccount(e.SNSDeliveryRoleArn) == c.AccountID),
		"existing.snsDeliveryRoleArn", e.SNSDeliveryRoleArn,
		"empty (the role is created) or the ARN of a role of this account, arn:aws:iam::"+c.AccountID+":role/sns-delivery-role")
	v.check(e.SESReceiptRuleSet == "" || ruleSetPattern.MatchString(e.SESReceiptRuleSet), "existing.sesReceiptRuleSet", e.SESReceiptRuleSet,
		"empty (the rule set main is created) or the name of the active receipt rule set: letters, digits, '.', '_' and '-', at most 64, starting and ending with a letter or digit")
}

// validator collects problems so they can be reported together.
type validator struct{ problems []error }

func (v *validator) check(ok bool, key string, value any, allowed string) {
	if !ok {
		v.problems = append(v.problems, &ConfigError{Key: key, Value: fmt.Sprint(value), Allowed: allowed})
	}
}

func (v *validator) err() error { return errors.Join(v.problems...) }

// ConfigError is one invalid configuration value.
type ConfigError struct {
	Key     string
	Value   string
	Allowed string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("%s:%s: got %q, want %s", Namespace, e.Key, e.Value, e.Allowed)
}

// samlNamePattern is an IAM SAML provider's name.
var samlNamePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,128}$`)

// validateTools checks the Client VPN, Blazer and Athena settings.
func (c Config) validateTools(v *validator) {
	if c.ClientVPN.On() {
		v.check(samlNamePattern.MatchString(c.ClientVPN.SAMLProviderName), "clientVpn.samlProviderName", c.ClientVPN.SAMLProviderName,
			"an IAM SAML provider name (1-128 letters, digits, '.', '_' or '-')")
		v.check(c.ClientVPN.SelfServiceSAMLProviderName == "" || samlNamePattern.MatchString(c.ClientVPN.SelfServiceSAMLProviderName),
			"clientVpn.selfServiceSamlProviderName", c.ClientVPN.SelfServiceSAMLProviderName, "empty or an IAM SAML provider name")
		client, err := netip.ParsePrefix(c.ClientVPN.ClientCidr)
		ok := err == nil && client.Addr().Is4() && client.Masked() == client && client.Bits() >= 12 && client.Bits() <= 22
		v.check(ok, "clientVpn.clientCidr", c.ClientVPN.ClientCidr, "an IPv4 CIDR of /12 to /22 (Client VPN's limits)")
		if vpc, err := netip.ParsePrefix(c.Network.VpcCidr); ok && err == nil {
			v.check(!client.Overlaps(vpc), "clientVpn.clientCidr", c.ClientVPN.ClientCidr, "a block outside the VPC's "+c.Network.VpcCidr)
		}
	}
	if c.DatabaseTools.On() {
		v.check(dbClassPattern.MatchString(c.DatabaseTools.InstanceClass) || c.DatabaseTools.InstanceClass == "db.t4g.micro" ||
			c.DatabaseTools.InstanceClass == "db.t3.micro" || c.DatabaseTools.InstanceClass == "db.t4g.small",
			"databaseTools.instanceClass", c.DatabaseTools.InstanceClass, "an RDS instance class such as db.t4g.micro")
		v.check(imageTagPattern.MatchString(c.DatabaseTools.ImageTag), "databaseTools.imageTag", c.DatabaseTools.ImageTag, "an image tag")
	}
	v.check(!c.Features.AdminReviewApps || c.reviewAppsAllowed(), "features.adminReviewApps", c.Features.AdminReviewApps,
		"false where the admin image (notify/admin) is not built: review apps run it")
	v.check(c.Alarms.DocumentDownloadBucketSizeGiB > 0, "alarms.documentDownloadBucketSizeGiB", c.Alarms.DocumentDownloadBucketSizeGiB,
		"a size in GiB above 0")
	v.check(c.Athena.BytesScannedCutoffGiB >= 1 && c.Athena.BytesScannedCutoffGiB <= 10240, "athena.bytesScannedCutoffGiB",
		c.Athena.BytesScannedCutoffGiB, "1 to 10240 GiB")
}
