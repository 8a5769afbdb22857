package email

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ses"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sesv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// identity creates a sending domain's identity (Easy DKIM, 2048-bit keys, the configuration
// set as default), its MAIL FROM domain, and its notifications to the callback topic.
//
// Notifications are identity notifications (ses.IdentityNotificationTopic), not configuration
// set event destinations: the API's process-ses-result task reads "notificationType", the
// field of identity notifications; event publishing sends "eventType" instead and would
// break it. The configuration set therefore has no SNS destination, so each event reaches the
// topic once.
func (e *Email) identity(ctx *pulumi.Context, key, domain string, args Args, set *sesv2.ConfigurationSet,
	child []pulumi.ResourceOption) (*sesv2.EmailIdentity, error) {
	id, err := sesv2.NewEmailIdentity(ctx, key+"-identity", &sesv2.EmailIdentityArgs{
		EmailIdentity:        pulumi.String(domain),
		ConfigurationSetName: set.ConfigurationSetName,
		DkimSigningAttributes: &sesv2.EmailIdentityDkimSigningAttributesArgs{
			NextSigningKeyLength: pulumi.String("RSA_2048_BIT"),
		},
		Tags: tagging.Named(domain),
	}, with(child, pulumi.Protect(args.Protect))...)
	if err != nil {
		return nil, fmt.Errorf("email identity %s: %w", domain, err)
	}
	if _, err := sesv2.NewEmailIdentityMailFromAttributes(ctx, key+"-mail-from", &sesv2.EmailIdentityMailFromAttributesArgs{
		EmailIdentity:       id.EmailIdentity,
		MailFromDomain:      pulumi.String(MailFromDomain(domain)),
		BehaviorOnMxFailure: pulumi.String("USE_DEFAULT_VALUE"),
	}, child...); err != nil {
		return nil, fmt.Errorf("email mail from %s: %w", domain, err)
	}
	var topics []pulumi.Resource
	for _, typ := range NotificationTypes {
		t, err := ses.NewIdentityNotificationTopic(ctx, key+"-notify-"+strings.ToLower(typ), &ses.IdentityNotificationTopicArgs{
			Identity:               id.EmailIdentity,
			NotificationType:       pulumi.String(typ),
			TopicArn:               args.CallbackTopicArn,
			IncludeOriginalHeaders: pulumi.Bool(false),
		}, child...)
		if err != nil {
			return nil, fmt.Errorf("email %s notifications %s: %w", typ, domain, err)
		}
		topics = append(topics, t)
	}
	// SES refuses to stop forwarding feedback by email until bounce and complaint
	// notifications go to a topic.
	if _, err := sesv2.NewEmailIdentityFeedbackAttributes(ctx, key+"-feedback", &sesv2.EmailIdentityFeedbackAttributesArgs{
		EmailIdentity:          id.EmailIdentity,
		EmailForwardingEnabled: pulumi.Bool(false),
	}, with(child, pulumi.DependsOn(topics))...); err != nil {
		return nil, fmt.Errorf("email feedback %s: %w", domain, err)
	}
	return id, nil
}
