package monitoring

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

func topic(name string) pulumi.StringInput {
	return pulumi.String("arn:aws:sns:ca-central-1:123456789012:" + name)
}

func argsFor(env, class string, retention, budget, sms int) Args {
	return Args{
		NamePrefix:       "notification-canada-ca-" + env,
		Region:           "ca-central-1",
		ClusterName:      "notification-canada-ca-" + env + "-eks-cluster",
		LogRetentionDays: retention,
		LogKmsKeyArn:     pulumi.String("arn:aws:kms:ca-central-1:123456789012:key/logs"),
		OkTopicArn:       topic("alert-ok"),
		WarningTopicArn:  topic("alert-warning"),
		CriticalTopicArn: topic("alert-critical"),
		GeneralTopicArn:  topic("alert-general"),
		Watched: Watched{
			Queues:                 inventoryQueues,
			DatabaseInstances:      []string{"notification-canada-ca-" + env + "-instance-0", "notification-canada-ca-" + env + "-instance-1"},
			DatabaseInstanceClass:  class,
			CacheReplicationGroups: []string{"notify-" + env + "-cluster-cache-az", "notify-" + env + "-queue-cache"},
			SMSSpendLimitUSD:       sms,
			LambdaFunctions:        []string{"heartbeat"},
		},
		LoadBalancerArnSuffix:  pulumi.String("app/notification-" + env + "-alb/abc"),
		TargetGroupArnSuffixes: map[string]pulumi.StringInput{"api": pulumi.String("targetgroup/notify-" + env + "-api/1")},
		BudgetMonthlyUSD:       budget,
		BudgetEmails:           []string{"notify-ops@example.gc.ca"},
	}
}

func run(t *testing.T, args Args) (*pulumimock.Mocks, error) {
	m, _, err := componenttest.Build(t, New, "monitoring", args)
	return m, err
}

func TestMonitoringAcrossEnvironments(t *testing.T) {
	for _, tc := range []struct {
		env, class                string
		retention, budget, sms    int
		smsWarning, memCriticalGB float64
	}{
		{"dev", "db.t3.medium", 14, 5000, 100, 80, 0.2},
		{"staging", "db.r6g.xlarge", 365, 5000, 100, 80, 1.6},
		{"production", "db.r6g.2xlarge", 0, 15000, 30000, 24000, 3.2},
	} {
		t.Run(tc.env, func(t *testing.T) {
			m, err := run(t, argsFor(tc.env, tc.class, tc.retention, tc.budget, tc.sms))
			require.NoError(t, err)
			prefix := "notification-canada-ca-" + tc.env
			alarms := m.ByType("aws:cloudwatch/metricAlarm:MetricAlarm")
			// queues 26x2, db 2x3x2, cache 6x7, ses 4, sms 4, alb 2 + 2, lambda 2
			assert.Len(t, alarms, 52+12+42+4+4+4+2)
			for _, a := range alarms {
				assert.True(t, strings.HasPrefix(a.String("name"), prefix+"-"), a.Name)
				assert.Equal(t, []any{"arn:aws:sns:ca-central-1:123456789012:alert-ok"}, a.Input("okActions"), a.Name)
				want := "alert-warning"
				if strings.Contains(a.Name, "-critical") {
					want = "alert-critical"
				}
				assert.Equal(t, []any{"arn:aws:sns:ca-central-1:123456789012:" + want}, a.Input("alarmActions"), a.Name)
				assert.NotEmpty(t, a.String("treatMissingData"), a.Name)
			}
			spend := m.Get(t, "aws:cloudwatch/metricAlarm:MetricAlarm", "monitoring-alarm-sms-spend-warning")
			assert.Equal(t, tc.smsWarning, spend.Input("threshold"))
			mem := m.Get(t, "aws:cloudwatch/metricAlarm:MetricAlarm", "monitoring-alarm-db-memory-critical-"+prefix+"-instance-1")
			assert.InDelta(t, tc.memCriticalGB*(1<<30), mem.Input("threshold"), 1e7)
			assert.Equal(t, map[string]any{"DBInstanceIdentifier": prefix + "-instance-1"}, mem.Input("dimensions"))
			tg := m.Get(t, "aws:cloudwatch/metricAlarm:MetricAlarm", "monitoring-alarm-target-5xx-critical-api")
			assert.Equal(t, map[string]any{"LoadBalancer": "app/notification-" + tc.env + "-alb/abc",
				"TargetGroup": "targetgroup/notify-" + tc.env + "-api/1"}, tg.Input("dimensions"))
			m.Get(t, "aws:cloudwatch/metricAlarm:MetricAlarm", "monitoring-alarm-queue-warning-"+qp+"send-sms-high")

			overview := m.Get(t, "aws:cloudwatch/dashboard:Dashboard", "monitoring-dashboard-overview")
			assert.Equal(t, prefix+"-overview", overview.String("dashboardName"))
			body, err := overview.JSON("dashboardBody")
			require.NoError(t, err)
			raw, _ := json.Marshal(body)
			assert.Contains(t, string(raw), "app/notification-"+tc.env+"-alb/abc", "the body carries the resolved dimension")
			m.Get(t, "aws:cloudwatch/dashboard:Dashboard", "monitoring-dashboard-queues")

			groups := m.ByType("aws:cloudwatch/logGroup:LogGroup")
			assert.Len(t, groups, 4)
			for _, g := range groups {
				assert.True(t, strings.HasPrefix(g.String("name"), "/aws/containerinsights/"+prefix+"-eks-cluster/"), g.Name)
				assert.Equal(t, float64(tc.retention), g.Input("retentionInDays"))
				assert.Equal(t, "arn:aws:kms:ca-central-1:123456789012:key/logs", g.String("kmsKeyId"))
			}

			budget := m.Get(t, "aws:budgets/budget:Budget", "monitoring-budget")
			assert.Equal(t, "COST", budget.String("budgetType"))
			assert.Equal(t, "MONTHLY", budget.String("timeUnit"))
			assert.Equal(t, strconv.Itoa(tc.budget), budget.String("limitAmount"))
			var seen []string
			for _, n := range budget.Input("notifications").([]any) {
				note := n.(map[string]any)
				seen = append(seen, note["notificationType"].(string)+"@"+strconv.Itoa(int(note["threshold"].(float64))))
				assert.Equal(t, []any{"arn:aws:sns:ca-central-1:123456789012:alert-general"}, note["subscriberSnsTopicArns"])
				assert.Equal(t, []any{"notify-ops@example.gc.ca"}, note["subscriberEmailAddresses"])
			}
			assert.Equal(t, []string{"ACTUAL@80", "ACTUAL@100", "FORECASTED@100"}, seen)

			m.Get(t, "aws:securityhub/account:Account", "monitoring-securityhub")
			fsbp := m.Get(t, "aws:securityhub/standardsSubscription:StandardsSubscription", "monitoring-securityhub-fsbp")
			assert.Equal(t, "arn:aws:securityhub:ca-central-1::standards/aws-foundational-security-best-practices/v/1.0.0", fsbp.String("standardsArn"))
			assert.NotEmpty(t, fsbp.Dependencies, "the subscription waits for the account")

			componenttest.AssertChildren(t, m, "gcnotify:monitoring:Monitoring")
		})
	}
}

func TestMonitoringCanLeaveSecurityHubOut(t *testing.T) {
	args := argsFor("dev", "db.t3.medium", 14, 5000, 100)
	args.SkipSecurityHub = true
	m, err := run(t, args)
	require.NoError(t, err)
	assert.Empty(t, m.ByType("aws:securityhub/account:Account"))
}

func TestMonitoringRefusesBadArgsBeforeRegistering(t *testing.T) {
	args := argsFor("dev", "db.unknown", 14, 0, 0)
	args.NamePrefix = ""
	args.CriticalTopicArn = nil
	args.LoadBalancerArnSuffix = nil
	args.Queues = []WatchedQueue{{Name: ""}, {Name: "q", Class: "urgent"}}
	args.CacheNodes = 9
	m, err := run(t, args)
	require.Error(t, err)
	for _, want := range []string{"NamePrefix", "CriticalTopicArn: got nil", "LoadBalancerArnSuffix: got nil", `Queues: got ""`,
		`Queues[q].Class: got "urgent", want priority, normal, bulk, scheduled or dead-letter`, "CacheNodes: got 9", "SMSSpendLimitUSD: got 0", "BudgetMonthlyUSD: got 0", `"db.unknown"`} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}
