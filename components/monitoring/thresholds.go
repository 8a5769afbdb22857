package monitoring

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cds-snc/notification-pulumi/components/queues"
)

// WatchedQueue is a queue the alarms watch: its name and its class, from the queue catalogue
// (components/queues).
type WatchedQueue struct {
	Name  string
	Class queues.Class
}

// queueNames are the watched queues' names, in order.
func (a Args) queueNames() []string {
	names := make([]string, len(a.Queues))
	for i, q := range a.Queues {
		names[i] = q.Name
	}
	return names
}

// Thresholds are a metric's warning and critical levels.
type Thresholds struct {
	Warning, Critical float64
}

// QueueAlarm is what is watched on a queue of a class: the metric and its thresholds.
type QueueAlarm struct {
	Metric string
	Thresholds
}

// QueueAlarmFor returns a class's alarm: the age of the oldest message in seconds (priority
// 1/5 minutes, normal 10/30 minutes, bulk 1/3 hours, scheduled 1/4 hours), or for a dead-letter
// queue any visible message (warning) and a hundred (critical).
func QueueAlarmFor(c queues.Class) QueueAlarm {
	age := "ApproximateAgeOfOldestMessage"
	switch c {
	case queues.Priority:
		return QueueAlarm{age, Thresholds{60, 300}}
	case queues.Bulk:
		return QueueAlarm{age, Thresholds{3600, 10800}}
	case queues.Scheduled:
		return QueueAlarm{age, Thresholds{3600, 14400}}
	case queues.DeadLetter:
		return QueueAlarm{"ApproximateNumberOfMessagesVisible", Thresholds{1, 100}}
	}
	return QueueAlarm{age, Thresholds{600, 1800}}
}

// InstanceSize is what the alarms need to know of a database instance class.
type InstanceSize struct {
	VCPUs     int
	MemoryGiB int
}

// DatabaseClasses are the instance classes the inventory uses and a few neighbours.
var DatabaseClasses = map[string]InstanceSize{
	"db.t3.medium": {2, 4}, "db.t3.large": {2, 8}, "db.t4g.medium": {2, 4}, "db.t4g.large": {2, 8},
	"db.r6g.large": {2, 16}, "db.r6g.xlarge": {4, 32}, "db.r6g.2xlarge": {8, 64}, "db.r6g.4xlarge": {16, 128},
	"db.r7g.large": {2, 16}, "db.r7g.xlarge": {4, 32}, "db.r7g.2xlarge": {8, 64}, "db.r7g.4xlarge": {16, 128},
}

// DatabaseThresholds are the per-instance alarm levels of a class.
type DatabaseThresholds struct {
	// CPU is CPUUtilization in percent.
	CPU Thresholds
	// FreeableMemoryBytes alarms when memory falls BELOW the levels: 10% and 5% of the class's
	// memory.
	FreeableMemoryBytes Thresholds
	// DBLoad is Performance Insights' average active sessions: the vCPU count (sessions start
	// waiting) and twice it.
	DBLoad Thresholds
}

// DatabaseThresholdsFor returns the levels of an instance class, or an error naming the known
// classes.
func DatabaseThresholdsFor(class string) (DatabaseThresholds, error) {
	size, ok := DatabaseClasses[class]
	if !ok {
		known := make([]string, 0, len(DatabaseClasses))
		for k := range DatabaseClasses {
			known = append(known, k)
		}
		sort.Strings(known)
		return DatabaseThresholds{}, fmt.Errorf("instance class %q is not known; want one of %s", class, strings.Join(known, ", "))
	}
	gib := float64(1 << 30)
	return DatabaseThresholds{
		CPU:                 Thresholds{70, 90},
		FreeableMemoryBytes: Thresholds{0.10 * float64(size.MemoryGiB) * gib, 0.05 * float64(size.MemoryGiB) * gib},
		DBLoad:              Thresholds{float64(size.VCPUs), float64(2 * size.VCPUs)},
	}, nil
}

// Cache thresholds, per node: engine CPU and memory in percent, evictions per 5 minutes
// (warning only: the main cache may evict, the queue cache must not often), and replica lag in
// seconds.
var (
	CacheEngineCPU      = Thresholds{75, 90}
	CacheMemory         = Thresholds{75, 90}
	CacheEvictions      = Thresholds{Warning: 100}
	CacheReplicationLag = Thresholds{5, 30}
)

// SES reputation thresholds, as fractions. AWS puts an account under review at a 5% bounce
// rate and may pause sending at 10%; for complaints the levels are 0.1% and 0.5%. Our warning
// fires at half the review level and the critical before review, leaving time to act.
var (
	SESBounceRate    = Thresholds{0.025, 0.04}
	SESComplaintRate = Thresholds{0.0005, 0.0008}
)

// SMSSpend returns the month-to-date SMS spend levels: 80% and 90% of the account's monthly
// spend limit, after which SNS stops sending SMS.
func SMSSpend(limitUSD int) Thresholds {
	return Thresholds{0.8 * float64(limitUSD), 0.9 * float64(limitUSD)}
}

// SMSSuccessRate alarms when the share of SMS delivered falls BELOW the levels.
var SMSSuccessRate = Thresholds{0.90, 0.75}

// Load balancer 5xx per minute: the load balancer's own (no healthy target, timeouts) and the
// targets'.
var (
	ELB5xxPerMinute    = Thresholds{10, 50}
	Target5xxPerMinute = Thresholds{10, 50}
)

// LambdaErrors per 5 minutes, per function.
var LambdaErrors = Thresholds{1, 10}
