package topics

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// subscribe attaches an alarm topic's subscriptions: the alert emails, Slack, and OpsGenie on
// the paging severities. Webhook URLs carry credentials, so they are kept secret in state.
func subscribe(ctx *pulumi.Context, base string, topic *sns.Topic, spec Spec, args Args, slack *lambda.Function,
	child []pulumi.ResourceOption) error {
	for _, email := range args.AlertEmails {
		if _, err := sns.NewTopicSubscription(ctx, base+"-email-"+label(email), &sns.TopicSubscriptionArgs{
			Topic: topic.Arn, Protocol: pulumi.String("email"), Endpoint: pulumi.String(email),
		}, child...); err != nil {
			return fmt.Errorf("topics %s email subscription %s: %w", spec.Name, email, err)
		}
	}
	if slack != nil {
		if err := subscribeSlack(ctx, base, topic, slack, child); err != nil {
			return err
		}
	}
	if args.OpsGenie && slices.Contains(args.OpsGenieSeverities, spec.Severity) {
		if _, err := sns.NewTopicSubscription(ctx, base+"-opsgenie", &sns.TopicSubscriptionArgs{
			Topic: topic.Arn, Protocol: pulumi.String("https"),
			Endpoint: pulumi.ToSecret(args.OpsGenieURL).(pulumi.StringOutput),
			// OpsGenie confirms the subscription itself.
			EndpointAutoConfirms: pulumi.Bool(true),
		}, child...); err != nil {
			return fmt.Errorf("topics %s opsgenie subscription: %w", spec.Name, err)
		}
	}
	return nil
}

// label turns an email address into a logical-name fragment: ops@cds.ca -> ops-cds-ca.
func label(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, strings.ToLower(s))
}
