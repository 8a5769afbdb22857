package topics

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// slackBridgeSource turns each SNS message into one Slack post. A Slack incoming webhook can
// neither confirm an SNS subscription nor read SNS's envelope, so the topics deliver to this
// function, which posts {"text": ...}. CloudWatch alarms are summarised on one line; any other
// message (budgets, RDS and backup events) is posted as it came.
const slackBridgeSource = `import json
import os
import urllib.request


def text(sns):
    subject = sns.get("Subject") or "GC Notify alert"
    message = sns.get("Message", "")
    try:
        alarm = json.loads(message)
    except ValueError:
        alarm = None
    if isinstance(alarm, dict) and "AlarmName" in alarm:
        return "*%s* is %s: %s" % (alarm["AlarmName"], alarm.get("NewStateValue", "?"), alarm.get("NewStateReason", ""))
    return "*%s*\n%s" % (subject, message)


def handler(event, context):
    for record in event.get("Records", []):
        body = json.dumps({"text": text(record["Sns"])}).encode()
        request = urllib.request.Request(os.environ["SLACK_WEBHOOK_URL"], data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=5) as response:
            response.read()
`

// SlackBridgeName is the bridge function's name in each region: <prefix>-slack.
func SlackBridgeName(prefix string) string { return prefix + "-slack" }

// slackBridge creates one region's bridge: its role (logs only), its log group (retention and
// key of the region) and the function, its environment encrypted with the region's key.
func slackBridge(ctx *pulumi.Context, name, region string, args Args, key pulumi.StringInput,
	child []pulumi.ResourceOption) (*lambda.Function, error) {
	base := name + "-slack-" + region
	fnName := SlackBridgeName(args.NamePrefix)
	logPath := "/aws/lambda/" + fnName
	logs, err := cloudwatch.NewLogGroup(ctx, base, &cloudwatch.LogGroupArgs{
		Name: pulumi.String(logPath), RetentionInDays: pulumi.Int(args.LogRetentionDays), KmsKeyId: key,
		Tags: tagging.Named(logPath),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("topics slack bridge %s log group: %w", region, err)
	}
	roleName := args.NamePrefix + "-slack-" + region
	role, err := iam.NewRole(ctx, base, &iam.RoleArgs{
		Name:        pulumi.String(roleName),
		Description: pulumi.String("Slack bridge of the alarm topics in " + region),
		AssumeRolePolicy: pulumi.String(iampolicy.New(iampolicy.Statement{
			Effect: "Allow", Principal: map[string]any{"Service": "lambda.amazonaws.com"},
			Action: []string{"sts:AssumeRole"},
		}).JSON()),
		Tags: tagging.Named(roleName),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("topics slack bridge %s role: %w", region, err)
	}
	policy, err := iam.NewRolePolicy(ctx, base, &iam.RolePolicyArgs{
		Role: role.ID(),
		Policy: logs.Arn.ApplyT(func(arn string) string {
			return iampolicy.New(iampolicy.Statement{
				Sid: "WriteItsLogs", Effect: "Allow", Action: []string{"logs:CreateLogStream", "logs:PutLogEvents"},
				Resource: []string{arn + ":*"},
			}).JSON()
		}).(pulumi.StringOutput),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("topics slack bridge %s role policy: %w", region, err)
	}
	fn, err := lambda.NewFunction(ctx, base, &lambda.FunctionArgs{
		Name:        pulumi.String(fnName),
		Description: pulumi.String("Posts the alarm topics' messages to Slack"),
		Runtime:     pulumi.String("python3.12"),
		Handler:     pulumi.String("index.handler"),
		Code: pulumi.NewAssetArchive(map[string]any{
			"index.py": pulumi.NewStringAsset(slackBridgeSource),
		}),
		Role:       role.Arn,
		MemorySize: pulumi.Int(128),
		Timeout:    pulumi.Int(15),
		KmsKeyArn:  key,
		Environment: &lambda.FunctionEnvironmentArgs{
			Variables: pulumi.StringMap{"SLACK_WEBHOOK_URL": pulumi.ToSecret(args.SlackWebhookURL).(pulumi.StringOutput)},
		},
		Tags: tagging.Named(fnName),
	}, with(child, pulumi.DependsOn([]pulumi.Resource{logs, policy}))...)
	if err != nil {
		return nil, fmt.Errorf("topics slack bridge %s: %w", region, err)
	}
	return fn, nil
}

// subscribeSlack delivers an alarm topic to its region's bridge.
func subscribeSlack(ctx *pulumi.Context, base string, topic *sns.Topic, bridge *lambda.Function, child []pulumi.ResourceOption) error {
	permission, err := lambda.NewPermission(ctx, base+"-slack", &lambda.PermissionArgs{
		Action: pulumi.String("lambda:InvokeFunction"), Function: bridge.Name,
		Principal: pulumi.String("sns.amazonaws.com"), SourceArn: topic.Arn,
	}, child...)
	if err != nil {
		return fmt.Errorf("topics %s slack permission: %w", base, err)
	}
	if _, err := sns.NewTopicSubscription(ctx, base+"-slack", &sns.TopicSubscriptionArgs{
		Topic: topic.Arn, Protocol: pulumi.String("lambda"), Endpoint: bridge.Arn,
	}, with(child, pulumi.DependsOn([]pulumi.Resource{permission}))...); err != nil {
		return fmt.Errorf("topics %s slack subscription: %w", base, err)
	}
	return nil
}

// with returns base and more in a new slice, so option lists never share a backing array.
func with(base []pulumi.ResourceOption, more ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return append(append([]pulumi.ResourceOption{}, base...), more...)
}
