package monitoring

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const qp = "eks-notification-canada-ca"

// inventoryQueues are the inventory's queue names, with today's prefix quirks.
var inventoryQueues = []string{
	qp + "-priority-database-tasks.fifo", qp + "-normal-database-tasks", qp + "-bulk-database-tasks",
	qp + "notify-internal-tasks", qp + "send-sms-high", qp + "send-email-high", qp + "delivery-receipts",
	qp + "-usdelivery-receipts", "ses-receipt-callback-buffer",
	qp + "priority-tasks", qp + "periodic-tasks", qp + "nightly-tasks", qp + "bulk-tasks", qp + "send-sms-medium",
	qp + "send-sms-low", qp + "send-throttled-sms-tasks", qp + "send-email-medium", qp + "send-email-low",
	qp + "research-mode-tasks", qp + "reporting-tasks", qp + "job-tasks", qp + "retry-tasks",
	qp + "service-callbacks-retry", qp + "service-callbacks", qp + "normal-tasks", qp + "generate-reports",
}

func TestClassifyQueue(t *testing.T) {
	for name, want := range map[string]QueueClass{
		qp + "-priority-database-tasks.fifo": QueuePriority,
		qp + "priority-tasks":                QueuePriority,
		qp + "send-sms-high":                 QueuePriority,
		qp + "send-email-high":               QueuePriority,
		qp + "-normal-database-tasks":        QueueNormal,
		qp + "send-sms-medium":               QueueNormal,
		qp + "delivery-receipts":             QueueNormal,
		"ses-receipt-callback-buffer":        QueueNormal,
		qp + "service-callbacks-retry":       QueueNormal,
		qp + "-bulk-database-tasks":          QueueBulk,
		qp + "bulk-tasks":                    QueueBulk,
		qp + "send-email-low":                QueueBulk,
		qp + "send-throttled-sms-tasks":      QueueBulk,
		qp + "periodic-tasks":                QueueScheduled,
		qp + "generate-reports":              QueueScheduled,
		qp + "send-sms-high-dlq":             QueueDeadLetter,
		qp + "-deadletter.fifo":              QueueDeadLetter,
	} {
		assert.Equal(t, want, ClassifyQueue(name), name)
	}
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
