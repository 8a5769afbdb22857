package queues

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestQueueName(t *testing.T) {
	for _, tc := range []struct {
		naming Naming
		queue  string
		want   string
	}{
		{Concatenated, "send-sms-high", "eks-notification-canada-casend-sms-high"},
		{Concatenated, "priority-tasks", "eks-notification-canada-capriority-tasks"},
		{Concatenated, "delivery-receipts", "eks-notification-canada-cadelivery-receipts"},
		{Dashed, "priority-database-tasks.fifo", "eks-notification-canada-ca-priority-database-tasks.fifo"},
		{Dashed, "usdelivery-receipts", "eks-notification-canada-ca-usdelivery-receipts"},
		{Bare, "ses-receipt-callback-buffer", "ses-receipt-callback-buffer"},
	} {
		assert.Equal(t, tc.want, QueueName(DefaultPrefix, tc.naming, tc.queue))
	}
}

func TestDeadLetterName(t *testing.T) {
	assert.Equal(t, "q-dlq", DeadLetterName("q"))
	assert.Equal(t, "q-dlq.fifo", DeadLetterName("q.fifo"))
}

func TestPlanHasTheInventorysQueues(t *testing.T) {
	type settings struct {
		visibility int
		fifo, dlq  bool
		sms        bool
	}
	got := map[string]settings{}
	for _, s := range Plan(DefaultPrefix) {
		got[s.Name] = settings{s.Visibility, s.FIFO, s.DeadLetter, s.Region == SMS}
	}
	p := DefaultPrefix
	want := map[string]settings{
		p + "-priority-database-tasks.fifo": {310, true, true, false},
		p + "-normal-database-tasks":        {310, false, true, false},
		p + "-bulk-database-tasks":          {310, false, true, false},
		p + "notify-internal-tasks":         {310, false, true, false},
		p + "send-sms-high":                 {26, false, false, false},
		p + "send-email-high":               {26, false, false, false},
		p + "delivery-receipts":             {310, false, true, false},
		p + "-usdelivery-receipts":          {310, false, true, true},
		"ses-receipt-callback-buffer":       {310, false, true, false},
	}
	for _, q := range AppQueues {
		want[p+q.Queue] = settings{310, false, false, false}
	}
	assert.Equal(t, want, got)
	assert.Len(t, got, 26)
	assert.Contains(t, got, "eks-notification-canada-cagenerate-reports")
}

func TestCheckNames(t *testing.T) {
	assert.Empty(t, CheckNames(Plan(DefaultPrefix)))
	errs := CheckNames(Plan(strings.Repeat("x", 60)))
	assert.NotEmpty(t, errs)
	assert.Contains(t, errs[0].Error(), "at most 80")
	assert.NotEmpty(t, CheckNames(Plan("bad prefix")))
	assert.NotEmpty(t, CheckNames([]Spec{{Queue: "q", Name: "q", FIFO: true}}), "a FIFO queue must end in .fifo")
}

// TestEveryQueueHasItsClass: the catalogue gives each queue the class monitoring alarms on
// (how long a message may wait).
func TestEveryQueueHasItsClass(t *testing.T) {
	got := map[string]Class{}
	for _, s := range Plan(DefaultPrefix) {
		got[s.Queue] = s.Class
	}
	want := map[string]Class{
		"priority-database-tasks.fifo": Priority, "priority-tasks": Priority, "send-sms-high": Priority, "send-email-high": Priority,
		"normal-database-tasks": Normal, "notify-internal-tasks": Normal, "delivery-receipts": Normal, "usdelivery-receipts": Normal,
		"ses-receipt-callback-buffer": Normal, "send-sms-medium": Normal, "send-email-medium": Normal, "research-mode-tasks": Normal,
		"job-tasks": Normal, "retry-tasks": Normal, "service-callbacks-retry": Normal, "service-callbacks": Normal, "normal-tasks": Normal,
		"bulk-database-tasks": Bulk, "bulk-tasks": Bulk, "send-sms-low": Bulk, "send-email-low": Bulk, "send-throttled-sms-tasks": Bulk,
		"periodic-tasks": Scheduled, "nightly-tasks": Scheduled, "reporting-tasks": Scheduled, "generate-reports": Scheduled,
	}
	assert.Equal(t, want, got)
}

func TestClassKnown(t *testing.T) {
	for _, s := range Plan(DefaultPrefix) {
		assert.True(t, s.Class.Known(), s.Queue)
	}
	assert.True(t, DeadLetter.Known())
	assert.False(t, Class("urgent").Known())
	assert.False(t, Class("").Known())
}
