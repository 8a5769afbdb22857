package monitoring

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOverviewDashboard(t *testing.T) {
	d := Overview(OverviewInput{Region: "ca-central-1", LoadBalancerArnSuffix: "app/notification-dev-alb/abc",
		TargetGroupArnSuffixes: map[string]string{"api": "targetgroup/notify-dev-api/1", "admin": "targetgroup/notify-dev-admin/2"},
		DatabaseInstances:      []string{"db-0"}, CacheNodes: []string{"c-001"}})
	var decoded map[string]any
	require.NoError(t, json.Unmarshal([]byte(d.JSON()), &decoded))
	titles := map[string]WidgetProperties{}
	for _, w := range d.Widgets {
		titles[w.Properties.Title] = w.Properties
		assert.Equal(t, "ca-central-1", w.Properties.Region)
		assert.NotEmpty(t, w.Properties.Metrics, w.Properties.Title)
		assert.LessOrEqual(t, w.X+w.Width, 24, "dashboards are 24 columns wide")
	}
	assert.NotContains(t, titles, "Lambda errors", "a widget without metrics is dropped")
	fiveXX := titles["Load balancer 5xx"].Metrics
	require.Len(t, fiveXX, 3)
	assert.Equal(t, []any{"AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", "app/notification-dev-alb/abc",
		"TargetGroup", "targetgroup/notify-dev-admin/2"}, fiveXX[1], "target groups in key order")
	assert.Equal(t, []any{"AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", "db-0"}, titles["Database CPU %"].Metrics[0])
}

func TestQueuesDashboard(t *testing.T) {
	d := Queues("ca-central-1", []string{"a", "b"})
	require.Len(t, d.Widgets, 2)
	assert.Equal(t, 12, d.Widgets[1].X)
	assert.Equal(t, []any{"AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", "b"}, d.Widgets[0].Properties.Metrics[1])
}

func TestServiceDashboards(t *testing.T) {
	in := ServiceInput{Region: "ca-central-1", ClusterName: "c", LoadBalancerArnSuffix: "app/alb/1",
		TargetGroupArnSuffixes: map[string]string{"api": "targetgroup/api/1"}, DatabaseInstances: []string{"db-0"},
		CacheNodes: []string{"c-001"}, Queues: []string{"q-send-email-high", "q-send-sms-high", "q-dlq"}, LambdaFunctions: []string{"heartbeat"}}
	all := ServiceDashboards(in)
	require.Len(t, all, len(ServiceDashboardRoles))
	for _, role := range ServiceDashboardRoles {
		d, ok := all[role]
		require.True(t, ok, role)
		require.NotEmpty(t, d.Widgets, role)
		for _, w := range d.Widgets {
			assert.NotEmpty(t, w.Properties.Metrics, "%s: %s", role, w.Properties.Title)
			assert.LessOrEqual(t, w.X+w.Width, 24)
		}
	}
	emails := all["emails"].Widgets
	assert.Equal(t, []any{"AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "q-send-email-high"},
		emails[len(emails)-1].Properties.Metrics[0], "only the email queues")
	assert.Len(t, emails[len(emails)-1].Properties.Metrics, 1)
}
