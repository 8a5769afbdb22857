package sms

import (
	"fmt"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// inRegion returns the options of a child in region: the SMS region's provider there, the
// component's otherwise.
func inRegion(args Args, region string, child []pulumi.ResourceOption) []pulumi.ResourceOption {
	if region == args.SMSRegion {
		return with(child, pulumi.Provider(args.SMSProvider))
	}
	return child
}

// deliveryLogs creates the delivery log groups and their metric filters, and returns the
// groups.
func (s *SMS) deliveryLogs(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) ([]pulumi.Resource, error) {
	groups := LogGroups(args.AccountID, args.Region, args.SMSRegion)
	created := map[string]*cloudwatch.LogGroup{}
	var all []pulumi.Resource
	for _, g := range groups {
		key := args.LogKmsKeyArn
		if g.Region == args.SMSRegion {
			key = args.SMSRegionLogKmsKeyArn
		}
		lg, err := cloudwatch.NewLogGroup(ctx, name+"-log-"+g.Key, &cloudwatch.LogGroupArgs{
			Name:            pulumi.String(g.Name),
			RetentionInDays: pulumi.Int(args.LogRetentionDays),
			KmsKeyId:        key,
			Tags:            tagging.Named(g.Name),
		}, inRegion(args, g.Region, child)...)
		if err != nil {
			return nil, fmt.Errorf("sms log group %s: %w", g.Name, err)
		}
		s.LogGroups[g.Key] = DeliveryLogGroup{LogGroup: g, Arn: lg.Arn}
		created[g.Key] = lg
		all = append(all, lg)
	}
	for _, f := range MetricFilters(args.Region, groups) {
		region := s.LogGroups[f.LogGroupKey].Region
		t := cloudwatch.LogMetricFilterMetricTransformationArgs{
			Name: pulumi.String(f.Name), Namespace: pulumi.String(MetricNamespace), Value: pulumi.String(f.Value),
		}
		if f.DefaultValue != "" {
			t.DefaultValue = pulumi.String(f.DefaultValue)
		}
		if _, err := cloudwatch.NewLogMetricFilter(ctx, name+"-metric-"+f.Name, &cloudwatch.LogMetricFilterArgs{
			Name:                 pulumi.String(f.Name),
			LogGroupName:         created[f.LogGroupKey].Name,
			Pattern:              pulumi.String(f.Pattern),
			MetricTransformation: t,
		}, inRegion(args, region, child)...); err != nil {
			return nil, fmt.Errorf("sms metric filter %s: %w", f.Name, err)
		}
	}
	return all, nil
}

// preferences creates the delivery-status role (unless the account has one) and the SNS SMS
// preferences of both regions, after the log groups exist so SNS never creates them itself.
func (s *SMS) preferences(ctx *pulumi.Context, name string, args Args, logs []pulumi.Resource, child []pulumi.ResourceOption) error {
	deps, err := s.deliveryRole(ctx, name, args, child)
	if err != nil {
		return err
	}
	for _, p := range []struct {
		region string
		bucket pulumi.StringInput
	}{{args.Region, args.UsageReportBucket}, {args.SMSRegion, args.SMSRegionUsageReportBucket}} {
		prefs := &sns.SmsPreferencesArgs{
			DefaultSenderId:                   pulumi.String(args.SenderID),
			DefaultSmsType:                    pulumi.String(args.SMSType),
			DeliveryStatusIamRoleArn:          s.DeliveryRoleArn,
			DeliveryStatusSuccessSamplingRate: pulumi.String(strconv.Itoa(args.SuccessSamplingPercent)),
			MonthlySpendLimit:                 pulumi.Int(args.MonthlySpendLimitUSD),
		}
		if p.bucket != nil {
			prefs.UsageReportS3Bucket = p.bucket
		}
		if _, err := sns.NewSmsPreferences(ctx, name+"-preferences-"+p.region, prefs,
			with(inRegion(args, p.region, child), pulumi.DependsOn(append(append([]pulumi.Resource{}, deps...), logs...)))...); err != nil {
			return fmt.Errorf("sms preferences %s: %w", p.region, err)
		}
	}
	return nil
}

// deliveryRole creates the role SNS writes delivery status with, or takes the account's
// existing one; it returns what the preferences must wait for (the role's policy).
func (s *SMS) deliveryRole(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) ([]pulumi.Resource, error) {
	if args.ExistingDeliveryRoleArn != "" {
		s.DeliveryRoleArn = pulumi.String(args.ExistingDeliveryRoleArn).ToStringOutput()
		return nil, nil
	}
	trust := iampolicy.AssumeRole("sns.amazonaws.com")
	trust.Statement[0].Condition = map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": args.AccountID}}
	role, err := iam.NewRole(ctx, name+"-delivery-role", &iam.RoleArgs{
		Name:             pulumi.String(args.DeliveryRoleName),
		Description:      pulumi.String("SNS writes SMS delivery status to CloudWatch Logs"),
		AssumeRolePolicy: trust.String(),
		Tags:             tagging.Named(args.DeliveryRoleName),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("sms delivery role: %w", err)
	}
	s.DeliveryRoleArn = role.Arn
	policy, err := iam.NewRolePolicy(ctx, name+"-delivery-role", &iam.RolePolicyArgs{
		Role: role.ID(),
		Policy: iampolicy.New(iampolicy.Allow([]string{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
			"logs:PutMetricFilter", "logs:PutRetentionPolicy"},
			logGroupArnPattern(args.Region, args.AccountID), logGroupArnPattern(args.SMSRegion, args.AccountID))).String(),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("sms delivery role policy: %w", err)
	}
	return []pulumi.Resource{policy}, nil
}
