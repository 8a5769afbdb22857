package functions

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
)

// Access is what a function may touch besides its own log group, all scoped to the resources
// listed. Each list is optional; a nil or empty list grants nothing.
type Access struct {
	// SendQueueArns are queues it writes to: sqs:SendMessage, GetQueueUrl, GetQueueAttributes.
	SendQueueArns pulumi.StringArrayInput
	// KmsKeyArns are keys it encrypts or decrypts with (the queues' or secrets' keys):
	// kms:Decrypt and kms:GenerateDataKey.
	KmsKeyArns pulumi.StringArrayInput
	// SecretArns are secrets it reads at run time: secretsmanager:GetSecretValue. Secrets are
	// never environment variables.
	SecretArns pulumi.StringArrayInput
	// WriteBucketArns are buckets it writes objects to: s3:PutObject on <arn>/*.
	WriteBucketArns pulumi.StringArrayInput
	// ManagedPrefixListArns are prefix lists it rewrites: ec2:GetManagedPrefixListEntries and
	// ec2:ModifyManagedPrefixList (plus ec2:DescribeManagedPrefixLists, which takes no resource).
	ManagedPrefixListArns pulumi.StringArrayInput
}

// grant is one statement whose resources are only known after deployment.
type grant = iampolicy.Grant

var (
	same   = iampolicy.Same
	policy = iampolicy.Granted
)

// grants lists the statements of a function's role: its log group, its trigger queue, the
// key of its environment variables, then Access.
func grants(logGroupArn, envKeyArn pulumi.StringInput, triggerQueueArn pulumi.StringInput, a Access) []grant {
	one := func(s pulumi.StringInput) pulumi.StringArrayInput {
		if s == nil {
			return nil
		}
		return pulumi.StringArray{s}
	}
	return []grant{
		{Sid: "WriteOwnLogGroup", Actions: []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			Resources: func(arn string) []string { return []string{arn, arn + ":log-stream:*"} }, Arns: one(logGroupArn)},
		{Sid: "ConsumeTriggerQueue", Actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"},
			Resources: same, Arns: one(triggerQueueArn)},
		{Sid: "DecryptEnvironment", Actions: []string{"kms:Decrypt"}, Resources: same, Arns: one(envKeyArn)},
		{Sid: "SendToQueues", Actions: []string{"sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"}, Resources: same, Arns: a.SendQueueArns},
		{Sid: "UseKeys", Actions: []string{"kms:Decrypt", "kms:GenerateDataKey"}, Resources: same, Arns: a.KmsKeyArns},
		{Sid: "ReadSecrets", Actions: []string{"secretsmanager:GetSecretValue"}, Resources: same, Arns: a.SecretArns},
		{Sid: "WriteObjects", Actions: []string{"s3:PutObject"}, Resources: iampolicy.Objects, Arns: a.WriteBucketArns},
		{Sid: "RewritePrefixLists", Actions: []string{"ec2:GetManagedPrefixListEntries", "ec2:ModifyManagedPrefixList"}, Resources: same, Arns: a.ManagedPrefixListArns},
	}
}

// fixedStatements are the statements over "*": X-Ray's write actions and EC2's network
// interface actions take no resource (the same actions as AWSXRayDaemonWriteAccess and
// AWSLambdaVPCAccessExecutionRole, without their logs:* on every log group).
func fixedStatements(vpc, prefixLists bool) []iampolicy.Statement {
	xray := iampolicy.Allow([]string{"xray:PutTraceSegments", "xray:PutTelemetryRecords"}, "*")
	xray.Sid = "Tracing"
	out := []iampolicy.Statement{xray}
	if vpc {
		s := iampolicy.Allow([]string{"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
			"ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"}, "*")
		s.Sid = "VpcNetworkInterfaces"
		out = append(out, s)
	}
	if prefixLists {
		s := iampolicy.Allow([]string{"ec2:DescribeManagedPrefixLists"}, "*")
		s.Sid = "FindPrefixLists"
		out = append(out, s)
	}
	return out
}
