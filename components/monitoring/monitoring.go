// Package monitoring is GC Notify's operations layer: the alarms of what the program deploys
// (queues, database, caches, SES, SMS, load balancer, Lambdas) wired to the alert topics by
// severity, the overview and queue dashboards, the log groups no other component owns, the
// monthly cost budget, and Security Hub with the AWS Foundational Security Best Practices.
package monitoring

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
)

// Args configures monitoring. Resource lists are plain names: they decide which alarms exist.
type Args struct {
	// NamePrefix starts every physical name, e.g. notification-canada-ca-dev. Required.
	NamePrefix string
	// Region is the primary region, shown by the dashboards. Required.
	Region string
	// ClusterName is the EKS cluster whose Container Insights log groups are created here.
	// Required.
	ClusterName string
	// LogRetentionDays is the retention of the log groups made here: one of awsrule.LogRetentionDays, 0 never expires. No default of its own: the composition
	// passes the environment's logRetentionDays (default 365, stacks/defaults.go).
	LogRetentionDays int
	// LogKmsKeyArn encrypts those log groups. Default none (CloudWatch's own encryption).
	LogKmsKeyArn pulumi.StringInput
	// ExtraLogGroups are further log groups (full names) that services would otherwise create
	// with no retention. Default none.
	ExtraLogGroups []string

	// OkTopicArn, WarningTopicArn, CriticalTopicArn and GeneralTopicArn are the alert topics.
	// Required. The general topic receives the budget alerts: its policy must let
	// budgets.amazonaws.com publish (and its key let Budgets use it).
	OkTopicArn       pulumi.StringInput
	WarningTopicArn  pulumi.StringInput
	CriticalTopicArn pulumi.StringInput
	GeneralTopicArn  pulumi.StringInput

	// Watched are the resources the alarms watch, by plain name, and the levels they compare
	// with (see Watched for each field's default).
	Watched
	// LoadBalancerArnSuffix and TargetGroupArnSuffixes (keyed by target) are the CloudWatch
	// dimensions of the public load balancer. Required; target groups default none.
	LoadBalancerArnSuffix  pulumi.StringInput
	TargetGroupArnSuffixes map[string]pulumi.StringInput

	// BudgetMonthlyUSD is the account's monthly cost budget. Required.
	BudgetMonthlyUSD int
	// BudgetEmails also receive the budget alerts. Default none.
	BudgetEmails []string
	// SkipSecurityHub leaves Security Hub out, for an account where the organisation's
	// delegated administrator already enables it. Default false: enabled here.
	SkipSecurityHub bool
}

// Monitoring is the alarms, dashboards, log groups, budget and Security Hub.
type Monitoring struct {
	pulumi.ResourceState

	// AlarmArns are keyed by alarm key (Alarm.Key).
	AlarmArns map[string]pulumi.StringOutput
	// DashboardNames are the dashboards' names.
	DashboardNames []string
	// LogGroupNames are the log groups created here.
	LogGroupNames []string
	// Alarms is the plan that was built.
	Alarms []Alarm
}

func (a Args) withDefaults() Args {
	a.CacheNodes = cmp.Or(a.CacheNodes, 3)
	return a
}

var metricDimension = regexp.MustCompile(`^[\x20-\x7e]{1,255}$`)

func (a Args) validate() ([]Alarm, error) {
	found := problems.New("monitoring")
	bad := found.Bad
	if a.NamePrefix == "" {
		bad("NamePrefix", `""`, "a name prefix such as notification-canada-ca-dev")
	}
	if a.Region == "" {
		bad("Region", `""`, "the primary region")
	}
	if a.ClusterName == "" {
		bad("ClusterName", `""`, "the EKS cluster name")
	}
	found.LogRetention(a.LogRetentionDays)
	found.Missing("an output of the messaging or load balancer component", map[string]bool{
		"OkTopicArn": a.OkTopicArn == nil, "WarningTopicArn": a.WarningTopicArn == nil,
		"CriticalTopicArn": a.CriticalTopicArn == nil, "GeneralTopicArn": a.GeneralTopicArn == nil,
		"LoadBalancerArnSuffix": a.LoadBalancerArnSuffix == nil})
	for _, q := range a.Queues {
		if !q.Class.Known() {
			bad("Queues["+q.Name+"].Class", fmt.Sprintf("%q", q.Class), "priority, normal, bulk, scheduled or dead-letter")
		}
	}
	for field, list := range map[string][]string{"Queues": a.queueNames(), "DatabaseInstances": a.DatabaseInstances,
		"CacheReplicationGroups": a.CacheReplicationGroups, "LambdaFunctions": a.LambdaFunctions, "ExtraLogGroups": a.ExtraLogGroups} {
		for _, v := range list {
			if !metricDimension.MatchString(v) {
				bad(field, fmt.Sprintf("%q", v), "a non-empty printable name")
			}
		}
	}
	if a.CacheNodes < 1 || a.CacheNodes > 6 {
		bad("CacheNodes", a.CacheNodes, "1 to 6 (primary plus up to 5 replicas)")
	}
	if a.SMSSpendLimitUSD <= 0 {
		bad("SMSSpendLimitUSD", a.SMSSpendLimitUSD, "the SNS SMS monthly spend limit in USD, above 0")
	}
	if a.BudgetMonthlyUSD <= 0 {
		bad("BudgetMonthlyUSD", a.BudgetMonthlyUSD, "the monthly budget in USD, above 0")
	}
	for _, b := range slices.Sorted(maps.Keys(a.BucketSizeWarningsGiB)) {
		if a.BucketSizeWarningsGiB[b] <= 0 {
			bad("BucketSizeWarningsGiB["+b+"]", a.BucketSizeWarningsGiB[b], "a size in GiB above 0")
		}
	}
	for _, k := range slices.Sorted(maps.Keys(a.TargetGroupArnSuffixes)) {
		if a.TargetGroupArnSuffixes[k] == nil {
			bad("TargetGroupArnSuffixes["+k+"]", "nil", "the target group's ARN suffix")
		}
	}
	alarms, err := PlanAlarms(PlanInput{Watched: a.Watched, TargetGroups: slices.Sorted(maps.Keys(a.TargetGroupArnSuffixes))})
	if err != nil {
		bad("DatabaseInstanceClass/resource lists", err, "a known class and resources listed once")
	}
	return alarms, found.Sorted()
}

// New creates the monitoring. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Monitoring, error) {
	args = args.withDefaults()
	m := &Monitoring{AlarmArns: map[string]pulumi.StringOutput{}}
	child, err := component.Register(ctx, "gcnotify:monitoring:Monitoring", name, m,
		func() (err error) { m.Alarms, err = args.validate(); return err }, opts...)
	if err != nil {
		return nil, err
	}
	if err := component.Steps(ctx, name, args, child, m.alarms, m.dashboards, m.logGroups, m.account); err != nil {
		return nil, err
	}
	arns := pulumi.StringMap{}
	for k, v := range m.AlarmArns {
		arns[k] = v
	}
	return m, ctx.RegisterResourceOutputs(m, pulumi.Map{
		"alarmArns":      arns,
		"dashboardNames": pulumi.ToStringArray(m.DashboardNames),
		"logGroupNames":  pulumi.ToStringArray(m.LogGroupNames),
	})
}
