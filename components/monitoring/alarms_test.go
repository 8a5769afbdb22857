package monitoring

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func planInput() PlanInput {
	return PlanInput{
		Watched: Watched{
			Queues:                 inventoryQueues,
			DatabaseInstances:      []string{"notification-canada-ca-dev-instance-0", "notification-canada-ca-dev-instance-1", "notification-canada-ca-dev-instance-2"},
			DatabaseInstanceClass:  "db.t3.medium",
			CacheReplicationGroups: []string{"notify-dev-cluster-cache-az", "notify-dev-queue-cache"},
			CacheNodes:             3,
			SMSSpendLimitUSD:       100,
			LambdaFunctions:        []string{"heartbeat", "google-cidr", "system_status"},
		},
		TargetGroups: []string{"admin", "api", "document", "document-api", "documentation"},
	}
}

func TestPlanAlarmsCountsAndKeys(t *testing.T) {
	alarms, err := PlanAlarms(planInput())
	require.NoError(t, err)
	// queues 26x2, db 3x3x2, cache 6 nodes x (2+2+1+2), ses 4, sms 4, alb 2 + 5x2, lambda 3x2
	assert.Len(t, alarms, 52+18+42+4+4+12+6)
	byKey := map[string]Alarm{}
	for _, a := range alarms {
		byKey[a.Key] = a
	}
	assert.Len(t, byKey, len(alarms), "keys are unique")

	prio := byKey["queue-critical-"+qp+"-priority-database-tasks.fifo"]
	assert.Equal(t, 300.0, prio.Threshold)
	assert.Equal(t, map[string]string{"QueueName": qp + "-priority-database-tasks.fifo"}, prio.Dimensions)
	assert.Equal(t, "notBreaching", prio.TreatMissingData)

	mem := byKey["db-memory-warning-notification-canada-ca-dev-instance-1"]
	assert.Equal(t, "LessThanThreshold", mem.Comparison)
	assert.Equal(t, "missing", mem.TreatMissingData)

	_, hasCritical := byKey["cache-evictions-critical-notify-dev-queue-cache-003"]
	assert.False(t, hasCritical, "evictions only warn")
	assert.Equal(t, map[string]string{"CacheClusterId": "notify-dev-queue-cache-003"},
		byKey["cache-lag-critical-notify-dev-queue-cache-003"].Dimensions)

	spend := byKey["sms-spend-critical"]
	assert.Equal(t, 90.0, spend.Threshold)
	assert.Equal(t, "ignore", spend.TreatMissingData)
	assert.Equal(t, 0.04, byKey["ses-bounce-rate-critical"].Threshold)

	tg := byKey["target-5xx-warning-api"]
	assert.True(t, tg.LoadBalancer)
	assert.Equal(t, "api", tg.TargetGroup)
	assert.True(t, byKey["alb-5xx-critical"].LoadBalancer)
	assert.Empty(t, byKey["alb-5xx-critical"].TargetGroup)

	assert.Equal(t, map[string]string{"FunctionName": "heartbeat"}, byKey["lambda-errors-critical-heartbeat"].Dimensions)
	for _, a := range alarms {
		assert.Contains(t, []Severity{Warning, Critical}, a.Severity, a.Key)
		assert.NotEmpty(t, a.TreatMissingData, a.Key)
		assert.LessOrEqual(t, a.DatapointsToAlarm, a.EvaluationPeriods, a.Key)
	}
}

func TestPlanAlarmsRefusesDuplicatesAndUnknownClass(t *testing.T) {
	in := planInput()
	in.Queues = append(in.Queues, in.Queues[0])
	_, err := PlanAlarms(in)
	assert.ErrorContains(t, err, "share the key")

	in = planInput()
	in.DatabaseInstanceClass = "db.nope"
	_, err = PlanAlarms(in)
	assert.ErrorContains(t, err, "db.nope")
}

func TestBucketSizeWarnings(t *testing.T) {
	in := planInput()
	in.BucketSizeWarningsGiB = map[string]float64{"notification-canada-ca-dev-document-download": 0.5}
	alarms, err := PlanAlarms(in)
	require.NoError(t, err)
	var found []Alarm
	for _, a := range alarms {
		if a.Namespace == "AWS/S3" {
			found = append(found, a)
		}
	}
	require.Len(t, found, 1, "a warning only")
	assert.Equal(t, Warning, found[0].Severity)
	assert.Equal(t, 0.5*(1<<30), found[0].Threshold)
	assert.Equal(t, "notification-canada-ca-dev-document-download", found[0].Dimensions["BucketName"])
}
