package eks

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// ServiceAccountAccess is one application role for a Kubernetes service account (IRSA): who may
// assume it and what it may touch, each list scoped to the ARNs given (typically outputs of the
// queues, storage, messaging and secrets components). A nil or empty list grants nothing.
type ServiceAccountAccess struct {
	// Namespace and ServiceAccount are the only identity that may assume the role, e.g.
	// notification-canada-ca / notify-api. Required.
	Namespace, ServiceAccount string
	// SendQueueArns: sqs:SendMessage, GetQueueUrl, GetQueueAttributes.
	SendQueueArns pulumi.StringArrayInput
	// ConsumeQueueArns: sqs:ReceiveMessage, DeleteMessage, ChangeMessageVisibility,
	// GetQueueUrl, GetQueueAttributes (Celery workers).
	ConsumeQueueArns pulumi.StringArrayInput
	// ReadBucketArns: s3:ListBucket on the bucket, s3:GetObject on its objects.
	ReadBucketArns pulumi.StringArrayInput
	// WriteBucketArns: s3:PutObject and s3:DeleteObject on the bucket's objects.
	WriteBucketArns pulumi.StringArrayInput
	// KmsKeyArns: kms:Decrypt and kms:GenerateDataKey (the queues', buckets' and secrets' keys).
	KmsKeyArns pulumi.StringArrayInput
	// SecretArns: secretsmanager:GetSecretValue and DescribeSecret (the secrets CSI driver).
	SecretArns pulumi.StringArrayInput
	// SendEmailIdentityArns: ses:SendEmail and ses:SendRawEmail from these identities.
	SendEmailIdentityArns pulumi.StringArrayInput
	// SendEmailConfigurationSetArns: the same actions on these configuration sets. SES checks
	// both the identity's ARN and the configuration set's when mail is sent with one (named in
	// the call or the identity's default), so a sender needs both lists.
	SendEmailConfigurationSetArns pulumi.StringArrayInput
	// PublishTopicArns: sns:Publish to these topics.
	PublishTopicArns pulumi.StringArrayInput
	// SendSMS allows sns:Publish on "*": SMS to a phone number has no resource ARN to scope to.
	// Default false.
	SendSMS bool
}

func (s ServiceAccountAccess) grants() []grant {
	return []grant{
		{Sid: "SendToQueues", Actions: []string{"sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"}, Resources: same, Arns: s.SendQueueArns},
		{Sid: "ConsumeQueues", Actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
			"sqs:GetQueueUrl", "sqs:GetQueueAttributes"}, Resources: same, Arns: s.ConsumeQueueArns},
		{Sid: "ListBuckets", Actions: []string{"s3:ListBucket"}, Resources: same, Arns: s.ReadBucketArns},
		{Sid: "ReadObjects", Actions: []string{"s3:GetObject"}, Resources: objects, Arns: s.ReadBucketArns},
		{Sid: "WriteObjects", Actions: []string{"s3:PutObject", "s3:DeleteObject"}, Resources: objects, Arns: s.WriteBucketArns},
		{Sid: "UseKeys", Actions: []string{"kms:Decrypt", "kms:GenerateDataKey"}, Resources: same, Arns: s.KmsKeyArns},
		{Sid: "ReadSecrets", Actions: []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}, Resources: same, Arns: s.SecretArns},
		{Sid: "SendEmail", Actions: []string{"ses:SendEmail", "ses:SendRawEmail"}, Resources: same,
			Arns: concat(s.SendEmailIdentityArns, s.SendEmailConfigurationSetArns)},
		{Sid: "PublishToTopics", Actions: []string{"sns:Publish"}, Resources: same, Arns: s.PublishTopicArns},
	}
}

func (s ServiceAccountAccess) fixed() []iampolicy.Statement {
	if !s.SendSMS {
		return nil
	}
	st := iampolicy.Allow([]string{"sns:Publish"}, "*")
	st.Sid = "SendSMS"
	return []iampolicy.Statement{st}
}

// concat joins ARN lists into one; nil when every list is nil.
func concat(lists ...pulumi.StringArrayInput) pulumi.StringArrayInput {
	var given []any
	for _, l := range lists {
		if l != nil {
			given = append(given, l)
		}
	}
	if len(given) == 0 {
		return nil
	}
	return pulumi.All(given...).ApplyT(func(all []any) []string {
		var out []string
		for _, l := range all {
			arns, _ := l.([]string)
			out = append(out, arns...)
		}
		return out
	}).(pulumi.StringArrayOutput)
}

// grantsSomething reports whether any access is given (a role without a policy is a mistake).
func (s ServiceAccountAccess) grantsSomething() bool {
	for _, g := range s.grants() {
		if g.Arns != nil {
			return true
		}
	}
	return s.SendSMS
}

// oidcProvider is the cluster's IAM OIDC provider: its ARN and the issuer without https://,
// which prefixes the condition keys of every trust policy.
type oidcProvider struct {
	Arn, Host pulumi.StringOutput
}

// TrustPolicy lets exactly one service account assume a role through the cluster's OIDC
// provider: the token's subject is the service account and its audience is STS.
func TrustPolicy(providerArn, issuerHost, namespace, serviceAccount string) iampolicy.Document {
	return iampolicy.New(iampolicy.Statement{
		Effect:    "Allow",
		Action:    []string{"sts:AssumeRoleWithWebIdentity"},
		Principal: map[string]any{"Federated": providerArn},
		Condition: map[string]any{"StringEquals": map[string]any{
			issuerHost + ":sub": "system:serviceaccount:" + namespace + ":" + serviceAccount,
			issuerHost + ":aud": "sts.amazonaws.com",
		}},
	})
}

// roleName is an IRSA role's name.
func roleName(prefix, key string) string { return prefix + "-eks-" + key }

// serviceAccountRole creates an IRSA role with AWS managed policies (by name) and an inline
// policy of fixed statements and grants. Logical names are <name>-irsa-<key>[-<policy>].
func serviceAccountRole(ctx *pulumi.Context, name, prefix, key, namespace, sa string, oidc oidcProvider,
	managed []string, gs []grant, fixed []iampolicy.Statement, child []pulumi.ResourceOption) (*iam.Role, error) {
	role, err := iam.NewRole(ctx, name+"-irsa-"+key, &iam.RoleArgs{
		Name:        pulumi.String(roleName(prefix, key)),
		Description: pulumi.String("IRSA role of " + namespace + "/" + sa),
		AssumeRolePolicy: iampolicy.Output(func(v []string) iampolicy.Document {
			return TrustPolicy(v[0], v[1], namespace, sa)
		}, oidc.Arn, oidc.Host),
		Tags: tagging.Named(roleName(prefix, key)),
	}, child...)
	if err != nil {
		return nil, err
	}
	for _, p := range managed {
		short := p[strings.LastIndex(p, "/")+1:]
		if _, err := iam.NewRolePolicyAttachment(ctx, name+"-irsa-"+key+"-"+short, &iam.RolePolicyAttachmentArgs{
			Role: role.Name, PolicyArn: pulumi.String(p),
		}, child...); err != nil {
			return nil, fmt.Errorf("attach %s: %w", short, err)
		}
	}
	if len(gs) > 0 || len(fixed) > 0 {
		if _, err := iam.NewRolePolicy(ctx, name+"-irsa-"+key, &iam.RolePolicyArgs{
			Role: role.ID(), Policy: policy(fixed, gs),
		}, child...); err != nil {
			return nil, fmt.Errorf("inline policy: %w", err)
		}
	}
	return role, nil
}
