// Package sms is GC Notify's SMS: SNS SMS preferences in the primary region and in us-west-2
// (sender id, transactional type, delivery-status logging through sns-delivery-role, the
// monthly spend limit, daily usage reports), the delivery log groups SNS and Pinpoint write to,
// with the metric filters the alarms read, and Pinpoint SMS v2 in us-west-2 (configuration
// set, opt-out list, and phone numbers when listed).
//
// SNS SMS preferences (sns:SetSMSAttributes) are account-wide per region: only one stack per
// account may own them, so ephemeral stacks sharing an account must not create this component.
//
// Gaps of pulumi-aws v6.83.4: it has no Pinpoint SMS v2 pool and no configuration-set event
// destination resource. Today's shell scripts create them; they remain a manual step, for
// which this component provides the log groups and EventLogsRoleArn (the role the CloudWatch
// Logs event destination uses).
package sms

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
	"github.com/cds-snc/notification-pulumi/components/placement"
)

// PhoneNumber is a Pinpoint SMS v2 origination number managed by the program. Creating one
// requests a new number from AWS; numbers ordered outside the program are imported instead.
type PhoneNumber struct {
	// Key names the number in logical names (a stable label such as "toll-free"). Required.
	Key string
	// NumberType is LONG_CODE, TOLL_FREE, TEN_DLC or SIMULATOR. Required.
	NumberType string
	// IsoCountryCode is the number's country. Default CA.
	IsoCountryCode string
	// MessageType is TRANSACTIONAL or PROMOTIONAL. Default TRANSACTIONAL.
	MessageType string
	// RegistrationID is the registration the number belongs to, where the country requires
	// one. Default none.
	RegistrationID string
}

// Args configures SMS.
type Args struct {
	// Placement is the environment's name prefix, account and regions (see
	// placement.Placement for the defaults): NamePrefix starts physical names, AccountID is part
	// of the delivery log groups' names, Region is the component's provider's and SMSRegion,
	// with SMSProvider, is home of Pinpoint SMS v2. Required: NamePrefix, AccountID and
	// SMSProvider.
	placement.Placement
	// SenderID is the default sender id. Default CANADA-CA.
	SenderID string
	// SMSType is the default SNS message type: Transactional or Promotional. Default
	// Transactional.
	SMSType string
	// MonthlySpendLimitUSD is the SNS SMS monthly spend limit in each region; above the
	// account's quota (1 USD until AWS raises it) SNS refuses it. Required.
	MonthlySpendLimitUSD int
	// SuccessSamplingPercent is the share of successful deliveries logged; 0 means the
	// default. Default 100.
	SuccessSamplingPercent int
	// UsageReportBucket and SMSRegionUsageReportBucket receive SNS's daily usage reports (the
	// storage component's sms-usage-logs and sms-usage-west-2-logs); their policies must let
	// sns.amazonaws.com write. Default none (no reports).
	UsageReportBucket          pulumi.StringInput
	SMSRegionUsageReportBucket pulumi.StringInput
	// DeliveryRoleName names the role SNS logs deliveries with. Default sns-delivery-role.
	DeliveryRoleName string
	// ExistingDeliveryRoleArn is a delivery role the account already has (today's
	// sns-delivery-role, which may write SNS's log groups): the preferences use it and no role is
	// created. Default "": the role DeliveryRoleName is created.
	ExistingDeliveryRoleArn string
	// LogRetentionDays is the delivery logs' retention: one of awsrule.LogRetentionDays, 0 never expires. No default of its own: the composition
	// passes the environment's logRetentionDays (default 365, stacks/defaults.go).
	LogRetentionDays int
	// LogKmsKeyArn and SMSRegionLogKmsKeyArn encrypt the delivery logs of each region (a key of
	// that region whose policy admits CloudWatch Logs). Default none (CloudWatch's own
	// encryption).
	LogKmsKeyArn          pulumi.StringInput
	SMSRegionLogKmsKeyArn pulumi.StringInput
	// PhoneNumbers are the Pinpoint numbers the program manages. Default none.
	PhoneNumbers []PhoneNumber
	// Protect protects phone numbers (a released number cannot be had back). Default false;
	// the composition sets it outside ephemeral stacks.
	Protect bool
}

// DeliveryLogGroup is a created delivery log group.
type DeliveryLogGroup struct {
	LogGroup
	Arn pulumi.StringOutput
}

// SMS is SNS and Pinpoint SMS for the environment.
type SMS struct {
	pulumi.ResourceState

	// DeliveryRoleArn is the role SNS writes delivery logs with.
	DeliveryRoleArn pulumi.StringOutput
	// EventLogsRoleArn is the role a Pinpoint CloudWatch Logs event destination writes with.
	EventLogsRoleArn pulumi.StringOutput
	// LogGroups are the delivery log groups, keyed by LogGroup.Key (sns-ca-central-1,
	// sns-us-west-2-failure, pinpoint-us-west-2, ...).
	LogGroups map[string]DeliveryLogGroup
	// ConfigurationSetName and ConfigurationSetArn are Pinpoint's configuration set.
	ConfigurationSetName pulumi.StringOutput
	ConfigurationSetArn  pulumi.StringOutput
	// OptOutListName is Pinpoint's opt-out list.
	OptOutListName pulumi.StringOutput
}

func (a Args) withDefaults() Args {
	def := func(v *string, d string) {
		if *v == "" {
			*v = d
		}
	}
	a.Placement = a.Placement.WithDefaults()
	def(&a.SenderID, "CANADA-CA")
	def(&a.SMSType, "Transactional")
	def(&a.DeliveryRoleName, "sns-delivery-role")
	a.SuccessSamplingPercent = cmp.Or(a.SuccessSamplingPercent, 100)
	numbers := make([]PhoneNumber, len(a.PhoneNumbers))
	for i, n := range a.PhoneNumbers {
		def(&n.IsoCountryCode, "CA")
		def(&n.MessageType, "TRANSACTIONAL")
		numbers[i] = n
	}
	a.PhoneNumbers = numbers
	return a
}

func (a Args) configurationSetName() string { return a.NamePrefix + "-sms" }
func (a Args) optOutListName() string       { return a.NamePrefix + "-sms-opt-outs" }
func (a Args) eventLogsRoleName() string    { return a.NamePrefix + "-sms-event-logs" }

func (a Args) validate() error {
	found := problems.New("sms")
	bad := found.Bad
	a.Placement.Check(found, placement.Uses{NamePrefix: true, SMS: true})
	if a.NamePrefix != "" && (!smsNameRE.MatchString(a.optOutListName()) || !roleNameRE.MatchString(a.eventLogsRoleName())) {
		bad("NamePrefix", fmt.Sprintf("%q", a.NamePrefix), "letters, digits and dashes, at most 49 characters")
	}
	if !senderRE.MatchString(a.SenderID) {
		bad("SenderID", fmt.Sprintf("%q", a.SenderID), "1 to 11 letters, digits or dashes")
	}
	if a.SMSType != "Transactional" && a.SMSType != "Promotional" {
		bad("SMSType", fmt.Sprintf("%q", a.SMSType), "Transactional or Promotional")
	}
	if a.MonthlySpendLimitUSD <= 0 {
		bad("MonthlySpendLimitUSD", a.MonthlySpendLimitUSD, "a positive number of US dollars")
	}
	if a.SuccessSamplingPercent < 0 || a.SuccessSamplingPercent > 100 {
		bad("SuccessSamplingPercent", a.SuccessSamplingPercent, "0 to 100")
	}
	if !roleNameRE.MatchString(a.DeliveryRoleName) {
		bad("DeliveryRoleName", fmt.Sprintf("%q", a.DeliveryRoleName), "an IAM role name of at most 64 characters")
	}
	if a.ExistingDeliveryRoleArn != "" && !strings.HasPrefix(a.ExistingDeliveryRoleArn, "arn:aws:iam::"+a.AccountID+":role/") {
		bad("ExistingDeliveryRoleArn", fmt.Sprintf("%q", a.ExistingDeliveryRoleArn), "empty or a role ARN of the account, arn:aws:iam::"+a.AccountID+":role/<name>")
	}
	found.LogRetention(a.LogRetentionDays)
	types := map[string]bool{"LONG_CODE": true, "TOLL_FREE": true, "TEN_DLC": true, "SIMULATOR": true}
	seen := map[string]bool{}
	for _, n := range a.PhoneNumbers {
		if !keyRE.MatchString(n.Key) || seen[n.Key] {
			bad("PhoneNumbers.Key", fmt.Sprintf("%q", n.Key), "a unique lower-case label")
		}
		seen[n.Key] = true
		if !types[n.NumberType] {
			bad("PhoneNumbers["+n.Key+"].NumberType", fmt.Sprintf("%q", n.NumberType), "LONG_CODE, TOLL_FREE, TEN_DLC or SIMULATOR")
		}
		if !countryRE.MatchString(n.IsoCountryCode) {
			bad("PhoneNumbers["+n.Key+"].IsoCountryCode", fmt.Sprintf("%q", n.IsoCountryCode), "a two-letter ISO country code")
		}
		if n.MessageType != "TRANSACTIONAL" && n.MessageType != "PROMOTIONAL" {
			bad("PhoneNumbers["+n.Key+"].MessageType", fmt.Sprintf("%q", n.MessageType), "TRANSACTIONAL or PROMOTIONAL")
		}
	}
	return found.Err()
}

// New creates SMS. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*SMS, error) {
	args = args.withDefaults()
	s := &SMS{LogGroups: map[string]DeliveryLogGroup{}}
	child, err := component.Register(ctx, "gcnotify:sms:SMS", name, s, args.validate, opts...)
	if err != nil {
		return nil, err
	}
	logs, err := s.deliveryLogs(ctx, name, args, child)
	if err != nil {
		return nil, err
	}
	if err := s.preferences(ctx, name, args, logs, child); err != nil {
		return nil, err
	}
	if err := s.pinpoint(ctx, name, args, child); err != nil {
		return nil, err
	}

	groups := pulumi.Map{}
	for k, g := range s.LogGroups {
		groups[k] = pulumi.Map{"name": pulumi.String(g.Name), "region": pulumi.String(g.Region), "arn": g.Arn}
	}
	return s, ctx.RegisterResourceOutputs(s, pulumi.Map{
		"deliveryRoleArn":      s.DeliveryRoleArn,
		"eventLogsRoleArn":     s.EventLogsRoleArn,
		"logGroups":            groups,
		"configurationSetName": s.ConfigurationSetName,
		"configurationSetArn":  s.ConfigurationSetArn,
		"optOutListName":       s.OptOutListName,
	})
}

// with returns base and more in a new slice, so option lists never share a backing array.
func with(base []pulumi.ResourceOption, more ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return append(append([]pulumi.ResourceOption{}, base...), more...)
}
