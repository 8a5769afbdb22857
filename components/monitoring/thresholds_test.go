package monitoring

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const qp = "eks-notification-canada-ca"

// inventoryQueues are the inventory's queues, with today's prefix quirks, and the classes the
// queue catalogue gives them (components/queues checks the catalogue's).
var inventoryQueues = []WatchedQueue{
	{qp + "-priority-database-tasks.fifo", QueuePriority}, {qp + "-normal-database-tasks", QueueNormal},
	{qp + "-bulk-database-tasks", QueueBulk}, {qp + "notify-internal-tasks", QueueNormal},
	{qp + "send-sms-high", QueuePriority}, {qp + "send-email-high", QueuePriority},
	{qp + "delivery-receipts", QueueNormal}, {qp + "-usdelivery-receipts", QueueNormal},
	{"ses-receipt-callback-buffer", QueueNormal}, {qp + "priority-tasks", QueuePriority},
	{qp + "periodic-tasks", QueueScheduled}, {qp + "nightly-tasks", QueueScheduled}, {qp + "bulk-tasks", QueueBulk},
	{qp + "send-sms-medium", QueueNormal}, {qp + "send-sms-low", QueueBulk}, {qp + "send-throttled-sms-tasks", QueueBulk},
	{qp + "send-email-medium", QueueNormal}, {qp + "send-email-low", QueueBulk}, {qp + "research-mode-tasks", QueueNormal},
	{qp + "reporting-tasks", QueueScheduled}, {qp + "job-tasks", QueueNormal}, {qp + "retry-tasks", QueueNormal},
	{qp + "service-callbacks-retry", QueueNormal}, {qp + "service-callbacks", QueueNormal},
	{qp + "normal-tasks", QueueNormal}, {qp + "generate-reports", QueueScheduled},
}

func TestQueueAlarmThresholds(t *testing.T) {
	for class, want := range map[QueueClass]QueueAlarm{
		QueuePriority:   {"ApproximateAgeOfOldestMessage", Thresholds{60, 300}},
		QueueNormal:     {"ApproximateAgeOfOldestMessage", Thresholds{600, 1800}},
		QueueBulk:       {"ApproximateAgeOfOldestMessage", Thresholds{3600, 10800}},
		QueueScheduled:  {"ApproximateAgeOfOldestMessage", Thresholds{3600, 14400}},
		QueueDeadLetter: {"ApproximateNumberOfMessagesVisible", Thresholds{1, 100}},
	} {
		got := QueueAlarmFor(class)
		assert.Equal(t, want, got, class)
		assert.Less(t, got.Warning, got.Critical, "%s: warning comes first", class)
	}
}

func TestDatabaseThresholdsPerEnvironment(t *testing.T) {
	gib := float64(1 << 30)
	for _, tc := range []struct {
		env, class   string
		memGiB, vcpu float64
	}{{"dev", "db.t3.medium", 4, 2}, {"staging", "db.r6g.xlarge", 32, 4}, {"production", "db.r6g.2xlarge", 64, 8}} {
		th, err := DatabaseThresholdsFor(tc.class)
		require.NoError(t, err, tc.env)
		assert.Equal(t, Thresholds{70, 90}, th.CPU, tc.env)
		assert.InDelta(t, 0.10*tc.memGiB*gib, th.FreeableMemoryBytes.Warning, 1, tc.env)
		assert.InDelta(t, 0.05*tc.memGiB*gib, th.FreeableMemoryBytes.Critical, 1, tc.env)
		assert.Equal(t, Thresholds{tc.vcpu, 2 * tc.vcpu}, th.DBLoad, tc.env)
	}
	_, err := DatabaseThresholdsFor("db.x9.huge")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "db.r6g.2xlarge", "the error lists the known classes")
}

func TestSMSSpendPerEnvironment(t *testing.T) {
	assert.Equal(t, Thresholds{80, 90}, SMSSpend(100))
	assert.Equal(t, Thresholds{24000, 27000}, SMSSpend(30000))
}

func TestSESThresholdsFireBeforeAWSReviews(t *testing.T) {
	assert.Less(t, SESBounceRate.Critical, 0.05)
	assert.Less(t, SESComplaintRate.Critical, 0.001)
	assert.Less(t, SESBounceRate.Warning, SESBounceRate.Critical)
	assert.Less(t, SESComplaintRate.Warning, SESComplaintRate.Critical)
}
