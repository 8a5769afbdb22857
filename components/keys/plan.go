package keys

import (
	"strings"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
)

// Purpose names what a key is for. It is part of the key's alias
// (alias/<NamePrefix>-<purpose>) and of its logical name, so it never changes.
type Purpose string

// The keys of the estate.
const (
	// Main encrypts the primary region's data: log groups, SNS topics, SQS queues, buckets,
	// secrets, the database and the caches.
	Main Purpose = "main"
	// EmailRegion encrypts what lives in the email region (us-east-1): its alarm topics and
	// the SES receiving Lambda's log group.
	EmailRegion Purpose = "email-region"
	// SMSRegion encrypts what lives in the SMS region (us-west-2): its alarm topics, SMS
	// delivery logs, the US delivery-receipts queue and the SMS usage report buckets.
	SMSRegion Purpose = "sms-region"
	// Backup encrypts the primary AWS Backup vault.
	Backup Purpose = "backup"
	// BackupSecondary encrypts the secondary AWS Backup vault (ca-west-1) that copies land in.
	BackupSecondary Purpose = "backup-secondary"
)

// Publisher is an AWS service that calls KMS in its own name (a service principal), with the
// conditions that tie the call to this account.
type Publisher struct {
	// Principal is the service principal, e.g. cloudwatch.amazonaws.com.
	Principal string
	// SourceArn, when set, is the ArnLike pattern of the resources allowed to cause the call.
	SourceArn string
}

// Spec is the plan of one key: where it lives and exactly who may use it.
type Spec struct {
	Purpose Purpose
	Region  string
	// Description is the key's description in the console.
	Description string
	// Logs lets CloudWatch Logs in the key's region encrypt log groups of this account.
	Logs bool
	// AutoScaling lets the account's EC2 Auto Scaling service-linked role encrypt the EBS
	// volumes of the instances it launches (the cluster's managed node groups).
	AutoScaling bool
	// Publishers are the services that use the key in their own name (publishing to encrypted
	// topics and queues, writing usage reports).
	Publishers []Publisher
	// ViaServices are the services (short names such as "s3", "sqs") through which the
	// account's IAM principals may use the key; IAM policies still decide which principals.
	ViaServices []string
	// RestoreAccounts are other accounts that may restore RDS snapshots encrypted with the key
	// (snapshots shared with them): through RDS in the key's region only.
	RestoreAccounts []string
}

// Plan lists the keys of an estate: which regions they live in and, per key, exactly the
// services that use it. Nothing else may use a key: the account root administers keys but
// cannot encrypt or decrypt with them outside the listed services.
func Plan(account, primary, email, sms, backup string) []Spec {
	cloudwatch := func(region string) Publisher {
		return Publisher{"cloudwatch.amazonaws.com", "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:*"}
	}
	return []Spec{
		{
			Purpose: Main, Region: primary, Logs: true, AutoScaling: true,
			Description: "GC Notify main key: logs, topics, queues, buckets, secrets, database, caches",
			Publishers: []Publisher{
				cloudwatch(primary),
				// SES publishes bounce, delivery and complaint notifications to ses-callback.
				{"ses.amazonaws.com", "arn:aws:ses:" + primary + ":" + account + ":*"},
				// Budgets alerts go to alert-general.
				{"budgets.amazonaws.com", "arn:aws:budgets::" + account + ":*"},
				// RDS event subscriptions publish to alert-general.
				{"events.rds.amazonaws.com", "arn:aws:rds:" + primary + ":" + account + ":*"},
				// The primary backup vault's notifications go to alert-general.
				{"backup.amazonaws.com", "arn:aws:backup:" + primary + ":" + account + ":backup-vault:*"},
				// SNS delivers ses-callback to the encrypted ses-receipt-callback-buffer queue
				// and writes the SMS usage reports to the encrypted sms-usage-logs bucket.
				{Principal: "sns.amazonaws.com"},
			},
			// eks: Kubernetes secrets envelope encryption; ec2: the EBS CSI driver's volumes;
			// ecr: the primary region's repositories; lambda: its functions' environment.
			ViaServices: []string{"s3", "sqs", "sns", "secretsmanager", "rds", "elasticache", "eks", "ec2", "ecr", "lambda"},
		},
		{
			Purpose: EmailRegion, Region: email, Logs: true,
			Description: "GC Notify " + email + " key: alarm topics and logs",
			Publishers:  []Publisher{cloudwatch(email)},
			// ecr and lambda: the region's repositories and its functions' environment.
			ViaServices: []string{"sns", "ecr", "lambda"},
		},
		{
			Purpose: SMSRegion, Region: sms, Logs: true,
			Description: "GC Notify " + sms + " key: alarm topics, SMS logs, US delivery receipts, usage reports",
			Publishers: []Publisher{
				cloudwatch(sms),
				// SNS writes the SMS usage reports to the encrypted sms-usage-west-2-logs bucket.
				{Principal: "sns.amazonaws.com"},
			},
			// ecr and lambda: the region's repositories and its functions' environment.
			ViaServices: []string{"s3", "sqs", "sns", "ecr", "lambda"},
		},
		// The backup keys are used through AWS Backup by its service role, and through RDS when
		// a cluster snapshot is copied into (or restored from) a vault in another region.
		{
			Purpose: Backup, Region: primary,
			Description: "GC Notify backup vault key",
			ViaServices: []string{"backup", "rds"},
		},
		{
			Purpose: BackupSecondary, Region: backup,
			Description: "GC Notify secondary backup vault key (" + backup + ")",
			ViaServices: []string{"backup", "rds"},
		},
	}
}

// adminActions administer a key without using it for cryptography. kms:CreateGrant is not
// among them: a grant would hand out cryptographic use outside the listed services.
var adminActions = []string{
	"kms:CreateAlias", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
	"kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
	"kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
}

// Policy renders a key's policy: the account administers the key; CloudWatch Logs, the
// publishing services, the Auto Scaling service-linked role (when AutoScaling) and the account's
// principals through the listed services use it.
func Policy(s Spec, account string) iampolicy.Document {
	root := map[string]any{"AWS": "arn:aws:iam::" + account + ":root"}
	statements := []iampolicy.Statement{{
		Sid: "AccountAdministersKey", Effect: "Allow", Principal: root, Action: adminActions, Resource: []string{"*"},
	}}
	if s.Logs {
		statements = append(statements, iampolicy.Statement{
			Sid: "CloudWatchLogs", Effect: "Allow",
			Principal: map[string]any{"Service": "logs." + s.Region + ".amazonaws.com"},
			Action:    []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
			Resource:  []string{"*"},
			Condition: map[string]any{"ArnLike": map[string]any{
				"kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:" + s.Region + ":" + account + ":*",
			}},
		})
	}
	if s.AutoScaling {
		statements = append(statements, autoScaling(account)...)
	}
	for _, p := range s.Publishers {
		cond := map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": account}}
		if p.SourceArn != "" {
			cond["ArnLike"] = map[string]any{"aws:SourceArn": p.SourceArn}
		}
		statements = append(statements, iampolicy.Statement{
			Sid: "Service" + sidOf(p.Principal), Effect: "Allow",
			Principal: map[string]any{"Service": p.Principal},
			Action:    []string{"kms:GenerateDataKey*", "kms:Decrypt"},
			Resource:  []string{"*"},
			Condition: cond,
		})
	}
	if len(s.ViaServices) > 0 {
		var via []string
		for _, svc := range s.ViaServices {
			via = append(via, svc+"."+s.Region+".amazonaws.com")
		}
		scope := map[string]any{"kms:CallerAccount": account, "kms:ViaService": via}
		statements = append(statements,
			iampolicy.Statement{
				Sid: "AccountThroughServices", Effect: "Allow", Principal: root,
				Action:    []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"},
				Resource:  []string{"*"},
				Condition: map[string]any{"StringEquals": scope},
			},
			// The listed services (RDS, ElastiCache, AWS Backup, EKS, EC2, ECR, Lambda) hold
			// grants on the key for the resources they manage; grants for anything else are
			// refused.
			iampolicy.Statement{
				Sid: "AccountGrantsForAWSResources", Effect: "Allow", Principal: root,
				Action:   []string{"kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"},
				Resource: []string{"*"},
				Condition: map[string]any{
					"StringEquals": scope,
					"Bool":         map[string]any{"kms:GrantIsForAWSResource": "true"},
				},
			})
	}
	if len(s.RestoreAccounts) > 0 {
		statements = append(statements, restore(s))
	}
	return iampolicy.New(statements...)
}

// restore lets other accounts restore snapshots encrypted with the key, as RDS requires of a
// shared encrypted snapshot (Amazon RDS user guide, "Sharing encrypted snapshots"): RDS in the
// restoring account describes the key, decrypts the snapshot's data key and holds a grant for
// the restore, which re-encrypts the data under that account's own key. Nothing else: the
// calls must come through RDS in the key's region.
func restore(s Spec) iampolicy.Statement {
	roots := make([]string, len(s.RestoreAccounts))
	for i, a := range s.RestoreAccounts {
		roots[i] = "arn:aws:iam::" + a + ":root"
	}
	return iampolicy.Statement{
		Sid: "OtherAccountsRestoreSnapshots", Effect: "Allow", Principal: map[string]any{"AWS": roots},
		Action:    []string{"kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant"},
		Resource:  []string{"*"},
		Condition: map[string]any{"StringEquals": map[string]any{"kms:ViaService": "rds." + s.Region + ".amazonaws.com"}},
	}
}

// autoScaling lets the EC2 Auto Scaling service-linked role launch instances with volumes
// encrypted by the key, as the EC2 Auto Scaling user guide requires ("Required AWS KMS key
// policy for use with encrypted volumes"). The role's own policy cannot be extended, so the
// key policy names it; its grants are limited to AWS resources (the volumes it attaches).
// KMS refuses a policy whose principal does not exist, and the role appears only once the
// account first uses Auto Scaling (after the keys, in a new account), so the statements match
// the role by aws:PrincipalArn, within this account, rather than naming it as the principal.
func autoScaling(account string) []iampolicy.Statement {
	role := map[string]any{
		"aws:PrincipalArn":  "arn:aws:iam::" + account + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
		"kms:CallerAccount": account,
	}
	return []iampolicy.Statement{
		{
			Sid: "AutoScalingUsesKey", Effect: "Allow", Principal: map[string]any{"AWS": "*"},
			Action:    []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"},
			Resource:  []string{"*"},
			Condition: map[string]any{"StringEquals": role},
		},
		{
			Sid: "AutoScalingGrantsForAWSResources", Effect: "Allow", Principal: map[string]any{"AWS": "*"},
			Action:    []string{"kms:CreateGrant"},
			Resource:  []string{"*"},
			Condition: map[string]any{"StringEquals": role, "Bool": map[string]any{"kms:GrantIsForAWSResource": "true"}},
		},
	}
}

// sidOf turns a service principal into a statement id: events.rds.amazonaws.com -> EventsRds.
func sidOf(principal string) string {
	out := []byte{}
	upper := true
	for _, c := range []byte(strings.TrimSuffix(principal, ".amazonaws.com")) {
		switch {
		case c == '.' || c == '-':
			upper = true
		case upper && c >= 'a' && c <= 'z':
			out = append(out, c-'a'+'A')
			upper = false
		default:
			out = append(out, c)
			upper = false
		}
	}
	return string(out)
}
