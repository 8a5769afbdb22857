// Package topics is GC Notify's SNS topics: ses-callback, the alarm topics (alert-ok,
// alert-warning, alert-critical, alert-general) of the primary region and the ok, warning and
// critical copies in the email (us-east-1) and SMS (us-west-2) regions, each encrypted with its
// region's KMS key and open only to the services that publish to it; plus the alarm topics'
// email, Slack and OpsGenie subscriptions.
package topics

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// DefaultOpsGenieSeverities are the alarm levels that page through OpsGenie.
var DefaultOpsGenieSeverities = []Severity{Warning, Critical}

// Args configures the topics.
type Args struct {
	// Placement is the environment's account and regions (see placement.Placement for the
	// defaults): publishing is limited to AccountID's resources, Region is the component's
	// provider's, and EmailProvider and SMSProvider create the alarm topic copies of
	// EmailRegion and SMSRegion. NamePrefix names the Slack bridges' functions
	// (<prefix>-slack) and roles. Required: AccountID, EmailProvider and SMSProvider, and
	// NamePrefix with SlackWebhookURL.
	placement.Placement
	// MainKeyArn, EmailRegionKeyArn and SMSRegionKeyArn encrypt the topics of each region
	// (the keys component's outputs of the same names). Required.
	MainKeyArn        pulumi.StringInput
	EmailRegionKeyArn pulumi.StringInput
	SMSRegionKeyArn   pulumi.StringInput
	// AlertEmails are subscribed by email to every alarm topic in every region. Default none.
	AlertEmails []string
	// SlackWebhookURL receives every alarm topic's messages in every region, through a small
	// bridge function per region (a webhook cannot confirm an SNS subscription nor read its
	// envelope); it is a secret and stays one. Default nil: no Slack delivery.
	SlackWebhookURL pulumi.StringInput
	// LogRetentionDays is the Slack bridges' log retention: one of awsrule.LogRetentionDays, 0 never expires. No default of its own: the composition
	// passes the environment's logRetentionDays (default 365, stacks/defaults.go).
	LogRetentionDays int
	// OpsGenie pages through OpsGenieURL. Default false.
	OpsGenie bool
	// OpsGenieURL is OpsGenie's SNS integration endpoint, a secret. Required when OpsGenie.
	OpsGenieURL pulumi.StringInput
	// OpsGenieSeverities are the alarm topics (in every region) that page. Default
	// DefaultOpsGenieSeverities (warning and critical).
	OpsGenieSeverities []Severity
}

// Topics are the SNS topics.
type Topics struct {
	pulumi.ResourceState

	// SesCallbackTopicArn receives SES notifications (the email component's feedback target;
	// the queues component subscribes its buffer queue).
	SesCallbackTopicArn pulumi.StringOutput
	// AlertOkTopicArn, AlertWarningTopicArn, AlertCriticalTopicArn and AlertGeneralTopicArn
	// are the primary region's alarm topics.
	AlertOkTopicArn       pulumi.StringOutput
	AlertWarningTopicArn  pulumi.StringOutput
	AlertCriticalTopicArn pulumi.StringOutput
	AlertGeneralTopicArn  pulumi.StringOutput
	// AlarmTopicArns are the alarm topics by region, then severity, for the monitoring
	// component: AlarmTopicArns["us-west-2"][Critical].
	AlarmTopicArns map[string]map[Severity]pulumi.StringOutput
	// TopicArns are every topic's ARN by name.
	TopicArns map[string]pulumi.StringOutput
}

func (a Args) withDefaults() Args {
	a.Placement = a.Placement.WithDefaults()
	if a.OpsGenieSeverities == nil {
		a.OpsGenieSeverities = DefaultOpsGenieSeverities
	}
	return a
}

var (
	emailRE = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

func (a Args) validate() error {
	found := problems.New("topics")
	a.Placement.Check(found, placement.Uses{SMS: true, Email: true})
	for _, k := range []struct {
		field string
		v     pulumi.StringInput
	}{{"MainKeyArn", a.MainKeyArn}, {"EmailRegionKeyArn", a.EmailRegionKeyArn}, {"SMSRegionKeyArn", a.SMSRegionKeyArn}} {
		if k.v == nil {
			found.Addf("%s: got nil, want the keys component's %s", k.field, k.field)
		}
	}
	labels := map[string]string{}
	for _, e := range a.AlertEmails {
		if !emailRE.MatchString(e) {
			found.Addf("AlertEmails: got %q, want an email address", e)
		} else if other, dup := labels[label(e)]; dup {
			found.Addf("AlertEmails: got %q and %q, want distinct addresses (they name the subscriptions)", other, e)
		} else {
			labels[label(e)] = e
		}
	}
	if a.SlackWebhookURL != nil && (a.NamePrefix == "" || len(a.NamePrefix+"-slack-"+a.Region) > 64) {
		found.Addf("NamePrefix: got %q with SlackWebhookURL, want a prefix such as notification-canada-ca-dev (role names stay within 64 characters)", a.NamePrefix)
	}
	found.LogRetention(a.LogRetentionDays)
	if a.OpsGenie && a.OpsGenieURL == nil {
		found.Addf("OpsGenieURL: got nil with OpsGenie on, want OpsGenie's SNS endpoint")
	}
	for _, s := range a.OpsGenieSeverities {
		if !slices.Contains([]Severity{OK, Warning, Critical, General}, s) {
			found.Addf("OpsGenieSeverities: got %q, want ok, warning, critical or general", s)
		}
	}
	return found.Err()
}

// New creates the topics and their subscriptions. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Topics, error) {
	args = args.withDefaults()
	t := &Topics{AlarmTopicArns: map[string]map[Severity]pulumi.StringOutput{}, TopicArns: map[string]pulumi.StringOutput{}}
	if _, err := component.Register(ctx, "gcnotify:topics:Topics", name, t, args.validate, opts...); err != nil {
		return nil, err
	}
	key := map[Role]pulumi.StringInput{Primary: args.MainKeyArn, Email: args.EmailRegionKeyArn, SMS: args.SMSRegionKeyArn}
	bridges := map[string]*lambda.Function{}
	for _, spec := range Plan(args.AccountID, args.Region, args.EmailRegion, args.SMSRegion) {
		// Primary-region topics inherit the component's provider through their parent.
		child := []pulumi.ResourceOption{pulumi.Parent(t)}
		switch spec.Role {
		case Email:
			child = append(child, pulumi.Provider(args.EmailProvider))
		case SMS:
			child = append(child, pulumi.Provider(args.SMSProvider))
		}
		if args.SlackWebhookURL != nil && spec.Severity != "" && bridges[spec.Region] == nil {
			fn, err := slackBridge(ctx, name, spec.Region, args, key[spec.Role], child)
			if err != nil {
				return nil, err
			}
			bridges[spec.Region] = fn
		}
		topic, err := sns.NewTopic(ctx, name+"-"+spec.Name, &sns.TopicArgs{
			Name:           pulumi.String(spec.Name),
			KmsMasterKeyId: key[spec.Role],
			Tags:           tagging.Named(spec.Name),
		}, child...)
		if err != nil {
			return nil, fmt.Errorf("topics %s: %w", spec.Name, err)
		}
		spec := spec
		policy := topic.Arn.ApplyT(func(arn string) string { return Policy(spec, args.AccountID, arn).JSON() }).(pulumi.StringOutput)
		if _, err := sns.NewTopicPolicy(ctx, name+"-"+spec.Name, &sns.TopicPolicyArgs{
			Arn: topic.Arn, Policy: policy,
		}, child...); err != nil {
			return nil, fmt.Errorf("topics %s policy: %w", spec.Name, err)
		}
		t.TopicArns[spec.Name] = topic.Arn
		if spec.Severity == "" {
			continue
		}
		if t.AlarmTopicArns[spec.Region] == nil {
			t.AlarmTopicArns[spec.Region] = map[Severity]pulumi.StringOutput{}
		}
		t.AlarmTopicArns[spec.Region][spec.Severity] = topic.Arn
		if err := subscribe(ctx, name+"-"+spec.Name, topic, spec, args, bridges[spec.Region], child); err != nil {
			return nil, err
		}
	}
	t.SesCallbackTopicArn = t.TopicArns[SesCallback]
	primary := t.AlarmTopicArns[args.Region]
	t.AlertOkTopicArn, t.AlertWarningTopicArn = primary[OK], primary[Warning]
	t.AlertCriticalTopicArn, t.AlertGeneralTopicArn = primary[Critical], primary[General]
	return t, ctx.RegisterResourceOutputs(t, pulumi.Map{
		"sesCallbackTopicArn":   t.SesCallbackTopicArn,
		"alertOkTopicArn":       t.AlertOkTopicArn,
		"alertWarningTopicArn":  t.AlertWarningTopicArn,
		"alertCriticalTopicArn": t.AlertCriticalTopicArn,
		"alertGeneralTopicArn":  t.AlertGeneralTopicArn,
	})
}
