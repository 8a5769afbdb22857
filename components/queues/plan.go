package queues

import (
	"fmt"
	"regexp"
	"strings"
)

// DefaultPrefix is the application's NOTIFICATION_QUEUE_PREFIX (notification-manifests'
// api-deployment.yaml).
const DefaultPrefix = "eks-notification-canada-ca"

// Naming says how a queue's physical name is formed from the prefix.
type Naming int

const (
	// Concatenated is prefix+queue with nothing between, e.g.
	// eks-notification-canada-capriority-tasks.
	Concatenated Naming = iota
	// Dashed is prefix+"-"+queue, e.g. eks-notification-canada-ca-normal-database-tasks.
	Dashed
	// Bare is the queue name alone, e.g. ses-receipt-callback-buffer.
	Bare
)

// QueueName is a queue's physical name. The application's Celery broker (kombu's SQS
// transport, queue_name_prefix = NOTIFICATION_QUEUE_PREFIX) prepends the prefix to every queue
// name with no separator, and the prefix has no trailing dash, so the queues the application
// reads are "eks-notification-canada-ca" + "send-sms-high" =
// eks-notification-canada-casend-sms-high. That looks like a typo but is the contract: a
// "corrected" name is a queue nobody reads. The three database-task queues were created by
// Terraform as "<prefix>-<name>" and the application is configured with those full names, so
// they keep their dash; ses-receipt-callback-buffer has no prefix at all.
func QueueName(prefix string, naming Naming, queue string) string {
	switch naming {
	case Dashed:
		return prefix + "-" + queue
	case Bare:
		return queue
	}
	return prefix + queue
}

// DeadLetterName is the name of a queue's dead-letter queue: "-dlq" before any .fifo suffix
// (a FIFO queue's dead-letter queue must be FIFO too).
func DeadLetterName(name string) string {
	if base, ok := strings.CutSuffix(name, ".fifo"); ok {
		return base + "-dlq.fifo"
	}
	return name + "-dlq"
}

// Region says which region a queue lives in.
type Region int

const (
	Primary Region = iota
	// SMS is the SMS region (us-west-2).
	SMS
)

// Settings of the queues, in seconds and bytes.
const (
	// CeleryVisibility is Celery's visibility_timeout broker option (310 s): a task not
	// acknowledged in that time is redelivered.
	CeleryVisibility = 310
	// HighPriorityVisibility is the send-*-high queues' 26 s: the application retries those
	// sends after 25 s, and the message must be visible again by then.
	HighPriorityVisibility = 26
	// FourDays is the retention of every queue (SQS's default, and the inventory's value for
	// delivery receipts).
	FourDays = 345600
	// DeadLetterRetention keeps dead letters 14 days (SQS's maximum) to leave time to redrive.
	DeadLetterRetention = 1209600
)

// Spec is the plan of one queue.
type Spec struct {
	// Queue is the application's name for the queue; the key of Queues.Queues and of logical
	// names.
	Queue  string
	Naming Naming
	// Name is the physical name.
	Name       string
	Region     Region
	FIFO       bool
	Visibility int
	// DeadLetter gives the queue a dead-letter queue (see Plan).
	DeadLetter bool
	// AppCreated marks the queues the application creates at run time today.
	AppCreated bool
	// Class says how long a message may wait (monitoring's thresholds follow it).
	Class Class
}

// Class groups queues by how long a message may wait: priority traffic (password resets, 2FA
// codes) must move within a minute; normal traffic within minutes; bulk and scheduled work may
// wait hours; a dead-letter queue should hold nothing.
type Class string

// The queue classes.
const (
	Priority   Class = "priority"
	Normal     Class = "normal"
	Bulk       Class = "bulk"
	Scheduled  Class = "scheduled"
	DeadLetter Class = "dead-letter"
)

// Known reports whether c is one of the classes.
func (c Class) Known() bool {
	switch c {
	case Priority, Normal, Bulk, Scheduled, DeadLetter:
		return true
	}
	return false
}

// AppQueue is a queue the application creates at run time today, with its class.
type AppQueue struct {
	Queue string
	Class Class
}

// AppQueues are the queues the application creates at run time today; the infrastructure owns
// them so their alarms and dashboards exist from the first minute.
var AppQueues = []AppQueue{{"priority-tasks", Priority}, {"periodic-tasks", Scheduled}, {"nightly-tasks", Scheduled},
	{"bulk-tasks", Bulk}, {"send-sms-medium", Normal}, {"send-sms-low", Bulk}, {"send-throttled-sms-tasks", Bulk},
	{"send-email-medium", Normal}, {"send-email-low", Bulk}, {"research-mode-tasks", Normal},
	{"reporting-tasks", Scheduled}, {"job-tasks", Normal}, {"retry-tasks", Normal}, {"service-callbacks-retry", Normal},
	{"service-callbacks", Normal}, {"normal-tasks", Normal}, {"generate-reports", Scheduled}}

// Plan lists every queue.
//
// Dead-letter queues go where a message is the only copy of its data and a poison message
// must not be retried forever: the database-task queues (notifications to persist), the
// internal and delivery-receipt queues and the SES callback buffer (provider receipts exist
// nowhere else). Send queues have none: the notification is in the database, Celery retries
// sends itself, and the replay-created-notifications task re-queues stuck ones; with the 26 s
// visibility of the high-priority queues, a slow worker legitimately causes several receives,
// which a dead-letter threshold would turn into lost sends. The other application queues carry
// work the application re-creates (scheduled, retried or rebuilt from the database), so they
// have none either.
func Plan(prefix string) []Spec {
	specs := []Spec{
		{Queue: "priority-database-tasks.fifo", Naming: Dashed, FIFO: true, Visibility: CeleryVisibility, DeadLetter: true, Class: Priority},
		{Queue: "normal-database-tasks", Naming: Dashed, Visibility: CeleryVisibility, DeadLetter: true, Class: Normal},
		{Queue: "bulk-database-tasks", Naming: Dashed, Visibility: CeleryVisibility, DeadLetter: true, Class: Bulk},
		{Queue: "notify-internal-tasks", Visibility: CeleryVisibility, DeadLetter: true, Class: Normal},
		{Queue: "send-sms-high", Visibility: HighPriorityVisibility, Class: Priority},
		{Queue: "send-email-high", Visibility: HighPriorityVisibility, Class: Priority},
		{Queue: "delivery-receipts", Visibility: CeleryVisibility, DeadLetter: true, Class: Normal},
		// The inventory names it <prefix>-usdelivery-receipts; an older Terraform revision
		// named it eks-notification-canada-usdelivery-receipts. Check the live name before
		// importing.
		{Queue: "usdelivery-receipts", Naming: Dashed, Region: SMS, Visibility: CeleryVisibility, DeadLetter: true, Class: Normal},
		{Queue: "ses-receipt-callback-buffer", Naming: Bare, Visibility: CeleryVisibility, DeadLetter: true, Class: Normal},
	}
	for _, q := range AppQueues {
		specs = append(specs, Spec{Queue: q.Queue, Visibility: CeleryVisibility, AppCreated: true, Class: q.Class})
	}
	for i := range specs {
		specs[i].Name = QueueName(prefix, specs[i].Naming, specs[i].Queue)
	}
	return specs
}

// queueNameRE is SQS's naming rule: up to 80 letters, digits, hyphens and underscores, with
// .fifo at the end of FIFO queues (counted in the 80).
var queueNameRE = regexp.MustCompile(`^[a-zA-Z0-9_-]+(\.fifo)?$`)

// CheckNames reports every queue (and dead-letter queue) name SQS would refuse.
func CheckNames(specs []Spec) []error {
	var errs []error
	check := func(queue, name string, fifo bool) {
		if len(name) > 80 || !queueNameRE.MatchString(name) {
			errs = append(errs, fmt.Errorf("queue %s: name %q must be at most 80 letters, digits, '-' and '_' (.fifo included)", queue, name))
		}
		if fifo != strings.HasSuffix(name, ".fifo") {
			errs = append(errs, fmt.Errorf("queue %s: name %q must end in .fifo exactly when the queue is FIFO", queue, name))
		}
	}
	for _, s := range specs {
		check(s.Queue, s.Name, s.FIFO)
		if s.DeadLetter {
			check(s.Queue, DeadLetterName(s.Name), s.FIFO)
		}
	}
	return errs
}
