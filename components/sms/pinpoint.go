package sms

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/pinpoint"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// pinpoint creates Pinpoint SMS v2 in the SMS region: the opt-out list, the configuration set,
// the listed phone numbers, and the role a CloudWatch Logs event destination writes to the
// Pinpoint delivery log groups with. The provider has neither pools nor event destinations:
// attaching the destination (with EventLogsRoleArn and the pinpoint-* log groups) and creating
// pools stay manual steps.
func (s *SMS) pinpoint(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	west := inRegion(args, args.SMSRegion, child)
	optOuts, err := pinpoint.NewSmsvoicev2OptOutList(ctx, name+"-opt-outs", &pinpoint.Smsvoicev2OptOutListArgs{
		Name: pulumi.String(args.optOutListName()),
		Tags: tagging.Named(args.optOutListName()),
	}, west...)
	if err != nil {
		return fmt.Errorf("sms opt-out list: %w", err)
	}
	s.OptOutListName = optOuts.Name
	set, err := pinpoint.NewSmsvoicev2ConfigurationSet(ctx, name+"-configuration-set", &pinpoint.Smsvoicev2ConfigurationSetArgs{
		Name:               pulumi.String(args.configurationSetName()),
		DefaultMessageType: pulumi.String("TRANSACTIONAL"),
		DefaultSenderId:    pulumi.String(args.SenderID),
		Tags:               tagging.Named(args.configurationSetName()),
	}, west...)
	if err != nil {
		return fmt.Errorf("sms configuration set: %w", err)
	}
	s.ConfigurationSetName, s.ConfigurationSetArn = set.Name, set.Arn

	for _, n := range args.PhoneNumbers {
		num := &pinpoint.Smsvoicev2PhoneNumberArgs{
			IsoCountryCode:            pulumi.String(n.IsoCountryCode),
			MessageType:               pulumi.String(n.MessageType),
			NumberType:                pulumi.String(n.NumberType),
			NumberCapabilities:        pulumi.ToStringArray([]string{"SMS"}),
			OptOutListName:            optOuts.Name,
			DeletionProtectionEnabled: pulumi.Bool(args.Protect),
			Tags:                      tagging.Named(args.NamePrefix + "-" + n.Key),
		}
		if n.RegistrationID != "" {
			num.RegistrationId = pulumi.String(n.RegistrationID)
		}
		if _, err := pinpoint.NewSmsvoicev2PhoneNumber(ctx, name+"-number-"+n.Key, num,
			with(west, pulumi.Protect(args.Protect))...); err != nil {
			return fmt.Errorf("sms phone number %s: %w", n.Key, err)
		}
	}

	var groups []pulumi.StringInput
	for _, g := range LogGroups(args.AccountID, args.Region, args.SMSRegion) {
		if g.Source == SourcePinpoint {
			groups = append(groups, s.LogGroups[g.Key].Arn)
		}
	}
	trust := iampolicy.AssumeRole("sms-voice.amazonaws.com")
	trust.Statement[0].Condition = map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": args.AccountID}}
	role, err := iam.NewRole(ctx, name+"-event-logs-role", &iam.RoleArgs{
		Name:             pulumi.String(args.eventLogsRoleName()),
		Description:      pulumi.String("Pinpoint SMS v2 event destinations write delivery events to CloudWatch Logs"),
		AssumeRolePolicy: trust.String(),
		Tags:             tagging.Named(args.eventLogsRoleName()),
	}, child...)
	if err != nil {
		return fmt.Errorf("sms event logs role: %w", err)
	}
	s.EventLogsRoleArn = role.Arn
	if _, err := iam.NewRolePolicy(ctx, name+"-event-logs-role", &iam.RolePolicyArgs{
		Role: role.ID(),
		Policy: iampolicy.Output(func(arns []string) iampolicy.Document {
			var resources []string
			for _, a := range arns {
				resources = append(resources, a, a+":*")
			}
			return iampolicy.New(iampolicy.Allow([]string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
				resources...))
		}, groups...),
	}, child...); err != nil {
		return fmt.Errorf("sms event logs role policy: %w", err)
	}
	return nil
}
