package monitoring

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/queues"
)

const qp = "eks-notification-canada-ca"

// inventoryQueues are the inventory's queues, with today's prefix quirks, and the classes the
// queue catalogue gives them (components/queues checks the catalogue's).
var inventoryQueues = []WatchedQueue{
	{qp + "-priority-database-tasks.fifo", queues.Priority}, {qp + "-normal-database-tasks", queues.Normal},
	{qp + "-bulk-database-tasks", queues.Bulk}, {qp + "notify-internal-tasks", queues.Normal},
	{qp + "send-sms-high", queues.Priority}, {qp + "send-email-high", queues.Priority},
	{qp + "delivery-receipts", queues.Normal}, {qp + "-usdelivery-receipts", queues.Normal},
	{"ses-receipt-callback-buffer", queues.Normal}, {qp + "priority-tasks", queues.Priority},
	{qp + "periodic-tasks", queues.Scheduled}, {qp + "nightly-tasks", queues.Scheduled}, {qp + "bulk-tasks", queues.Bulk},
	{qp + "send-sms-medium", queues.Normal}, {qp + "send-sms-low", queues.Bulk}, {qp + "send-throttled-sms-tasks", queues.Bulk},
	{qp + "send-email-medium", queues.Normal}, {qp + "send-email-low", queues.Bulk}, {qp + "research-mode-tasks", queues.Normal},
	{qp + "reporting-tasks", queues.Scheduled}, {qp + "job-tasks", queues.Normal}, {qp + "retry-tasks", queues.Normal},
	{qp + "service-callbacks-retry", queues.Normal}, {qp + "service-callbacks", queues.Normal},
	{qp + "normal-tasks", queues.Normal}, {qp + "generate-reports", queues.Scheduled},
}

func TestQueueAlarmThresholds(t *testing.T) {
	for class, want := range map[queues.Class]QueueAlarm{
		queues.Priority:   {"ApproximateAgeOfOldestMessage", Thresholds{60, 300}},
		queues.Normal:     {"ApproximateAgeOfOldestMessage", Thresholds{600, 1800}},
		queues.Bulk:       {"ApproximateAgeOfOldestMessage", Thresholds{3600, 10800}},
		queues.Scheduled:  {"ApproximateAgeOfOldestMessage", Thresholds{3600, 14400}},
		queues.DeadLetter: {"ApproximateNumberOfMessagesVisible", Thresholds{1, 100}},
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
