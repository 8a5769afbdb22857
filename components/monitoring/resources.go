package monitoring

import (
	"fmt"
	"maps"
	"slices"
	"sort"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/budgets"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/securityhub"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// ContainerInsightsLogGroups are the log groups the cluster's Fluent Bit and CloudWatch agent
// (amazon-cloudwatch-observability add-on) write to. They are created here, before the agents
// run, so they get the environment's retention and key instead of never-expiring defaults; the
// EKS control-plane, Lambda and database log groups belong to their own components.
func ContainerInsightsLogGroups(cluster string) []string {
	var out []string
	for _, kind := range []string{"application", "dataplane", "host", "performance"} {
		out = append(out, "/aws/containerinsights/"+cluster+"/"+kind)
	}
	return out
}

// alarms creates the planned alarms: ok actions to the ok topic, alarm actions to the warning
// or critical topic.
func (m *Monitoring) alarms(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	for _, a := range m.Alarms {
		dims := pulumi.StringMap{}
		for k, v := range a.Dimensions {
			dims[k] = pulumi.String(v)
		}
		if a.LoadBalancer {
			dims["LoadBalancer"] = args.LoadBalancerArnSuffix
		}
		if a.TargetGroup != "" {
			dims["TargetGroup"] = args.TargetGroupArnSuffixes[a.TargetGroup]
		}
		topic := args.WarningTopicArn
		if a.Severity == Critical {
			topic = args.CriticalTopicArn
		}
		alarmName := args.NamePrefix + "-" + a.Key
		alarm, err := cloudwatch.NewMetricAlarm(ctx, name+"-alarm-"+a.Key, &cloudwatch.MetricAlarmArgs{
			Name:               pulumi.String(alarmName),
			AlarmDescription:   pulumi.String(fmt.Sprintf("%s (%s)", a.Description, a.Severity)),
			Namespace:          pulumi.String(a.Namespace),
			MetricName:         pulumi.String(a.Metric),
			Dimensions:         dims,
			Statistic:          pulumi.String(a.Statistic),
			Period:             pulumi.Int(a.Period),
			EvaluationPeriods:  pulumi.Int(a.EvaluationPeriods),
			DatapointsToAlarm:  pulumi.Int(a.DatapointsToAlarm),
			Threshold:          pulumi.Float64(a.Threshold),
			ComparisonOperator: pulumi.String(a.Comparison),
			TreatMissingData:   pulumi.String(a.TreatMissingData),
			ActionsEnabled:     pulumi.Bool(true),
			AlarmActions:       pulumi.Array{topic},
			OkActions:          pulumi.Array{args.OkTopicArn},
			Tags:               tagging.Named(alarmName),
		}, child...)
		if err != nil {
			return fmt.Errorf("monitoring alarm %s: %w", a.Key, err)
		}
		m.AlarmArns[a.Key] = alarm.Arn
	}
	return nil
}

// dashboards creates the overview (its body waits for the load balancer's dimension values)
// and the queue dashboard.
func (m *Monitoring) dashboards(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	tgKeys := slices.Sorted(maps.Keys(args.TargetGroupArnSuffixes))
	ins := []any{args.LoadBalancerArnSuffix}
	for _, k := range tgKeys {
		ins = append(ins, args.TargetGroupArnSuffixes[k])
	}
	var nodes []string
	for _, g := range args.CacheReplicationGroups {
		nodes = append(nodes, CacheNodeIDs(g, args.CacheNodes)...)
	}
	body := pulumi.All(ins...).ApplyT(func(v []any) string {
		tgs := map[string]string{}
		for i, k := range tgKeys {
			tgs[k], _ = v[i+1].(string)
		}
		lbSuffix, _ := v[0].(string)
		return Overview(OverviewInput{Region: args.Region, LoadBalancerArnSuffix: lbSuffix, TargetGroupArnSuffixes: tgs,
			DatabaseInstances: args.DatabaseInstances, CacheNodes: nodes, LambdaFunctions: args.LambdaFunctions}).JSON()
	}).(pulumi.StringOutput)
	services := pulumi.All(ins...).ApplyT(func(v []any) map[string]string {
		tgs := map[string]string{}
		for i, k := range tgKeys {
			tgs[k], _ = v[i+1].(string)
		}
		lbSuffix, _ := v[0].(string)
		out := map[string]string{}
		for role, d := range ServiceDashboards(ServiceInput{Region: args.Region, ClusterName: args.ClusterName,
			LoadBalancerArnSuffix: lbSuffix, TargetGroupArnSuffixes: tgs, DatabaseInstances: args.DatabaseInstances,
			CacheNodes: nodes, Queues: args.queueNames(), LambdaFunctions: args.LambdaFunctions}) {
			out[role] = d.JSON()
		}
		return out
	}).(pulumi.StringMapOutput)
	all := []struct {
		role string
		body pulumi.StringInput
	}{
		{"overview", body},
		{"queues", pulumi.String(Queues(args.Region, args.queueNames()).JSON())},
	}
	for _, role := range ServiceDashboardRoles {
		all = append(all, struct {
			role string
			body pulumi.StringInput
		}{role, services.MapIndex(pulumi.String(role))})
	}
	for _, d := range all {
		if d.role == "queues" && len(args.Queues) == 0 {
			continue
		}
		dashName := args.NamePrefix + "-" + d.role
		if _, err := cloudwatch.NewDashboard(ctx, name+"-dashboard-"+d.role, &cloudwatch.DashboardArgs{
			DashboardName: pulumi.String(dashName), DashboardBody: d.body,
		}, child...); err != nil {
			return fmt.Errorf("monitoring dashboard %s: %w", d.role, err)
		}
		m.DashboardNames = append(m.DashboardNames, dashName)
	}
	return nil
}

// logGroups creates the Container Insights and extra log groups with the environment's
// retention.
func (m *Monitoring) logGroups(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	groups := append(ContainerInsightsLogGroups(args.ClusterName), args.ExtraLogGroups...)
	sort.Strings(groups)
	for _, g := range groups {
		if _, err := cloudwatch.NewLogGroup(ctx, name+"-logs-"+g, &cloudwatch.LogGroupArgs{
			Name:            pulumi.String(g),
			RetentionInDays: pulumi.Int(args.LogRetentionDays),
			KmsKeyId:        args.LogKmsKeyArn,
			Tags:            tagging.Named(g),
		}, child...); err != nil {
			return fmt.Errorf("monitoring log group %s: %w", g, err)
		}
		m.LogGroupNames = append(m.LogGroupNames, g)
	}
	return nil
}

// BudgetAlerts are the budget's notifications: actual spend at 80% and 100%, and a forecast
// of 100% (a warning days before the month runs over).
var BudgetAlerts = []struct {
	Type    string
	Percent float64
}{{"ACTUAL", 80}, {"ACTUAL", 100}, {"FORECASTED", 100}}

// account creates the monthly cost budget and Security Hub.
func (m *Monitoring) account(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	var notes budgets.BudgetNotificationArray
	for _, n := range BudgetAlerts {
		note := budgets.BudgetNotificationArgs{
			NotificationType: pulumi.String(n.Type), ComparisonOperator: pulumi.String("GREATER_THAN"),
			Threshold: pulumi.Float64(n.Percent), ThresholdType: pulumi.String("PERCENTAGE"),
			SubscriberSnsTopicArns: pulumi.StringArray{args.GeneralTopicArn},
		}
		if len(args.BudgetEmails) > 0 {
			note.SubscriberEmailAddresses = pulumi.ToStringArray(args.BudgetEmails)
		}
		notes = append(notes, note)
	}
	if _, err := budgets.NewBudget(ctx, name+"-budget", &budgets.BudgetArgs{
		Name:          pulumi.String(args.NamePrefix + "-monthly-cost"),
		BudgetType:    pulumi.String("COST"),
		LimitAmount:   pulumi.String(fmt.Sprintf("%d", args.BudgetMonthlyUSD)),
		LimitUnit:     pulumi.String("USD"),
		TimeUnit:      pulumi.String("MONTHLY"),
		Notifications: notes,
		Tags:          tagging.Named(args.NamePrefix + "-monthly-cost"),
	}, child...); err != nil {
		return fmt.Errorf("monitoring budget: %w", err)
	}
	if args.SkipSecurityHub {
		return nil
	}
	hub, err := securityhub.NewAccount(ctx, name+"-securityhub", &securityhub.AccountArgs{
		EnableDefaultStandards:  pulumi.Bool(false),
		AutoEnableControls:      pulumi.Bool(true),
		ControlFindingGenerator: pulumi.String("SECURITY_CONTROL"),
	}, child...)
	if err != nil {
		return fmt.Errorf("monitoring security hub: %w", err)
	}
	if _, err := securityhub.NewStandardsSubscription(ctx, name+"-securityhub-fsbp", &securityhub.StandardsSubscriptionArgs{
		StandardsArn: pulumi.String(FSBPStandardArn(args.Region)),
	}, append(child, pulumi.DependsOn([]pulumi.Resource{hub}))...); err != nil {
		return fmt.Errorf("monitoring security hub standard: %w", err)
	}
	return nil
}

// FSBPStandardArn is the AWS Foundational Security Best Practices standard in a region.
func FSBPStandardArn(region string) string {
	return "arn:aws:securityhub:" + region + "::standards/aws-foundational-security-best-practices/v/1.0.0"
}
