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
type grant struct {
	sid     string
	actions []string
	// resources maps one ARN to the resources of the statement (e.g. a bucket's objects).
	resources func(arn string) []string
	arns      pulumi.StringArrayInput
}

func same(arn string) []string { return []string{arn} }

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
		{"WriteOwnLogGroup", []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			func(arn string) []string { return []string{arn, arn + ":log-stream:*"} }, one(logGroupArn)},
		{"ConsumeTriggerQueue", []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"},
			same, one(triggerQueueArn)},
		{"DecryptEnvironment", []string{"kms:Decrypt"}, same, one(envKeyArn)},
		{"SendToQueues", []string{"sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"}, same, a.SendQueueArns},
		{"UseKeys", []string{"kms:Decrypt", "kms:GenerateDataKey"}, same, a.KmsKeyArns},
		{"ReadSecrets", []string{"secretsmanager:GetSecretValue"}, same, a.SecretArns},
		{"WriteObjects", []string{"s3:PutObject"}, func(arn string) []string { return []string{arn + "/*"} }, a.WriteBucketArns},
		{"RewritePrefixLists", []string{"ec2:GetManagedPrefixListEntries", "ec2:ModifyManagedPrefixList"}, same, a.ManagedPrefixListArns},
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

// document is a role's policy once every ARN is known: the fixed statements, then one
// statement per grant that has resources.
func document(fixed []iampolicy.Statement, gs []grant, resolved [][]string) iampolicy.Document {
	statements := append([]iampolicy.Statement(nil), fixed...)
	for i, g := range gs {
		var resources []string
		for _, arn := range resolved[i] {
			resources = append(resources, g.resources(arn)...)
		}
		if len(resources) == 0 {
			continue
		}
		s := iampolicy.Allow(g.actions, resources...)
		s.Sid = g.sid
		statements = append(statements, s)
	}
	return iampolicy.New(statements...)
}

// policy renders the role policy once the grants' ARNs are known.
func policy(fixed []iampolicy.Statement, gs []grant) pulumi.StringOutput {
	lists := make([]any, len(gs))
	for i, g := range gs {
		if g.arns == nil {
			lists[i] = pulumi.StringArray{}
		} else {
			lists[i] = g.arns
		}
	}
	return pulumi.All(lists...).ApplyT(func(all []any) string {
		resolved := make([][]string, len(all))
		for i, l := range all {
			resolved[i], _ = l.([]string)
		}
		return document(fixed, gs, resolved).JSON()
	}).(pulumi.StringOutput)
}
