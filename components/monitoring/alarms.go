package monitoring

import (
	"fmt"
	"maps"
	"slices"
	"sort"
)

// Severity decides which topic an alarm notifies.
type Severity string

// The two alarm severities.
const (
	Warning  Severity = "warning"
	Critical Severity = "critical"
)

// Missing-data treatments, chosen per metric:
//   - notBreaching where silence means nothing happened (SQS, 5xx counts, Lambda errors and
//     SMS success are only published when there is traffic);
//   - ignore where the metric is sparse and the last state is the best guess (SES reputation,
//     SMS spend, published a few times an hour at best);
//   - missing where silence means the resource is gone or replaced (database and cache nodes):
//     the alarm shows INSUFFICIENT_DATA without paging, and the RDS event subscription and
//     ElastiCache events report availability.
const (
	missingNotBreaching = "notBreaching"
	missingIgnore       = "ignore"
	missingMissing      = "missing"
)

// Alarm is one planned CloudWatch alarm.
type Alarm struct {
	// Key names the alarm by meaning (metric, severity, resource); it ends the logical and the
	// physical name.
	Key         string
	Description string
	Severity    Severity
	Namespace   string
	Metric      string
	Statistic   string
	// Period in seconds; the alarm fires when DatapointsToAlarm of EvaluationPeriods breach.
	Period            int
	EvaluationPeriods int
	DatapointsToAlarm int
	Threshold         float64
	// Comparison is GreaterThanOrEqualToThreshold, GreaterThanThreshold or LessThanThreshold.
	Comparison       string
	TreatMissingData string
	// Dimensions known before deployment.
	Dimensions map[string]string
	// LoadBalancer adds the load balancer's ARN suffix as the LoadBalancer dimension, and
	// TargetGroup (a target key) that target group's as the TargetGroup dimension.
	LoadBalancer bool
	TargetGroup  string
}

// Watched is what the alarms watch: plain names and levels, known before deployment, that
// decide which alarms exist. Args embeds it; PlanInput adds the target groups. The defaults and
// requirements below are Args' (New applies them); PlanAlarms takes the values as they are, so
// a CacheNodes of 0 there plans no cache-node alarms.
type Watched struct {
	// Queues are the SQS queues watched, each with its class from the queue catalogue (the
	// class sets the alarm's metric and thresholds). Default none.
	Queues []WatchedQueue
	// DatabaseInstances are the Aurora instance identifiers, and DatabaseInstanceClass their
	// class (it sets the memory and load levels). Default none; the class is required with
	// instances.
	DatabaseInstances     []string
	DatabaseInstanceClass string
	// CacheReplicationGroups are the Valkey replication group ids, each of CacheNodes nodes.
	// Default none; CacheNodes default 3.
	CacheReplicationGroups []string
	CacheNodes             int
	// SMSSpendLimitUSD is the SNS SMS monthly spend limit the spend alarms compare with.
	// Required.
	SMSSpendLimitUSD int
	// LambdaFunctions are the function names watched for errors. Default none.
	LambdaFunctions []string
	// BucketSizeWarningsGiB are buckets, by name, whose size warns above so many GiB (more
	// than 0). Default none.
	BucketSizeWarningsGiB map[string]float64
}

// PlanInput is what the alarm plan is built from: all plain values.
type PlanInput struct {
	Watched
	// TargetGroups are the public load balancer's target keys (the keys of
	// Args.TargetGroupArnSuffixes).
	TargetGroups []string
}

// CacheNodeIDs are the node ids of a replication group without cluster mode: <group>-001, ...
func CacheNodeIDs(group string, nodes int) []string {
	var ids []string
	for i := 1; i <= nodes; i++ {
		ids = append(ids, fmt.Sprintf("%s-%03d", group, i))
	}
	return ids
}

// PlanAlarms returns every alarm, a warning and a critical per watched metric (evictions warn
// only), sorted by key.
func PlanAlarms(in PlanInput) ([]Alarm, error) {
	var out []Alarm
	pair := func(base Alarm, t Thresholds, key string) {
		for _, sev := range []Severity{Warning, Critical} {
			a := base
			a.Severity = sev
			a.Threshold = t.Warning
			if sev == Critical {
				a.Threshold = t.Critical
			}
			if a.Threshold == 0 && sev == Critical {
				continue
			}
			a.Key = fmt.Sprintf(key, sev)
			out = append(out, a)
		}
	}
	for _, q := range in.Queues {
		qa := QueueAlarmFor(q.Class)
		pair(Alarm{Description: fmt.Sprintf("SQS %s: %s (%s queue)", q.Name, qa.Metric, q.Class), Namespace: "AWS/SQS",
			Metric: qa.Metric, Statistic: "Maximum", Period: 60, EvaluationPeriods: 5, DatapointsToAlarm: 5,
			Comparison: "GreaterThanOrEqualToThreshold", TreatMissingData: missingNotBreaching,
			Dimensions: map[string]string{"QueueName": q.Name}}, qa.Thresholds, "queue-%s-"+q.Name)
	}
	if len(in.DatabaseInstances) > 0 {
		db, err := DatabaseThresholdsFor(in.DatabaseInstanceClass)
		if err != nil {
			return nil, err
		}
		for _, id := range in.DatabaseInstances {
			dims := map[string]string{"DBInstanceIdentifier": id}
			base := Alarm{Namespace: "AWS/RDS", Statistic: "Average", Period: 300, EvaluationPeriods: 3, DatapointsToAlarm: 3,
				TreatMissingData: missingMissing, Dimensions: dims}
			cpu, mem, load := base, base, base
			cpu.Description, cpu.Metric, cpu.Comparison = "Aurora "+id+": CPU %", "CPUUtilization", "GreaterThanOrEqualToThreshold"
			mem.Description, mem.Metric, mem.Comparison = "Aurora "+id+": freeable memory (bytes) low", "FreeableMemory", "LessThanThreshold"
			load.Description, load.Metric, load.Comparison = "Aurora "+id+": DB load (average active sessions) above vCPUs", "DBLoad", "GreaterThanOrEqualToThreshold"
			pair(cpu, db.CPU, "db-cpu-%s-"+id)
			pair(mem, db.FreeableMemoryBytes, "db-memory-%s-"+id)
			pair(load, db.DBLoad, "db-load-%s-"+id)
		}
	}
	for _, g := range in.CacheReplicationGroups {
		for _, node := range CacheNodeIDs(g, in.CacheNodes) {
			base := Alarm{Namespace: "AWS/ElastiCache", Statistic: "Average", Period: 300, EvaluationPeriods: 3, DatapointsToAlarm: 3,
				Comparison: "GreaterThanOrEqualToThreshold", TreatMissingData: missingMissing,
				Dimensions: map[string]string{"CacheClusterId": node}}
			cpu, mem, ev, lag := base, base, base, base
			cpu.Description, cpu.Metric = "Valkey "+node+": engine CPU %", "EngineCPUUtilization"
			mem.Description, mem.Metric = "Valkey "+node+": memory used %", "DatabaseMemoryUsagePercentage"
			ev.Description, ev.Metric, ev.Statistic = "Valkey "+node+": keys evicted", "Evictions", "Sum"
			// Only replicas report lag; the primary's silence is not a problem.
			lag.Description, lag.Metric, lag.Statistic, lag.TreatMissingData = "Valkey "+node+": replication lag (s)",
				"ReplicationLag", "Maximum", missingNotBreaching
			pair(cpu, CacheEngineCPU, "cache-cpu-%s-"+node)
			pair(mem, CacheMemory, "cache-memory-%s-"+node)
			pair(ev, CacheEvictions, "cache-evictions-%s-"+node)
			pair(lag, CacheReplicationLag, "cache-lag-%s-"+node)
		}
	}
	ses := Alarm{Namespace: "AWS/SES", Statistic: "Maximum", Period: 900, EvaluationPeriods: 1, DatapointsToAlarm: 1,
		Comparison: "GreaterThanOrEqualToThreshold", TreatMissingData: missingIgnore}
	bounce, complaint := ses, ses
	bounce.Description, bounce.Metric = "SES bounce rate (AWS reviews at 5%)", "Reputation.BounceRate"
	complaint.Description, complaint.Metric = "SES complaint rate (AWS reviews at 0.1%)", "Reputation.ComplaintRate"
	pair(bounce, SESBounceRate, "ses-bounce-rate-%s")
	pair(complaint, SESComplaintRate, "ses-complaint-rate-%s")

	pair(Alarm{Description: fmt.Sprintf("SNS SMS month-to-date spend against the %d USD limit", in.SMSSpendLimitUSD),
		Namespace: "AWS/SNS", Metric: "SMSMonthToDateSpentUSD", Statistic: "Maximum", Period: 300, EvaluationPeriods: 1,
		DatapointsToAlarm: 1, Comparison: "GreaterThanOrEqualToThreshold", TreatMissingData: missingIgnore},
		SMSSpend(in.SMSSpendLimitUSD), "sms-spend-%s")
	pair(Alarm{Description: "SNS SMS success rate low", Namespace: "AWS/SNS", Metric: "SMSSuccessRate", Statistic: "Average",
		Period: 900, EvaluationPeriods: 2, DatapointsToAlarm: 2, Comparison: "LessThanThreshold",
		TreatMissingData: missingNotBreaching}, SMSSuccessRate, "sms-success-rate-%s")

	alb := Alarm{Namespace: "AWS/ApplicationELB", Statistic: "Sum", Period: 60, EvaluationPeriods: 5, DatapointsToAlarm: 3,
		Comparison: "GreaterThanOrEqualToThreshold", TreatMissingData: missingNotBreaching, LoadBalancer: true}
	elb := alb
	elb.Description, elb.Metric = "Public load balancer: its own 5xx per minute", "HTTPCode_ELB_5XX_Count"
	pair(elb, ELB5xxPerMinute, "alb-5xx-%s")
	for _, tg := range in.TargetGroups {
		t := alb
		t.Description, t.Metric, t.TargetGroup = "Target group "+tg+": 5xx per minute", "HTTPCode_Target_5XX_Count", tg
		pair(t, Target5xxPerMinute, "target-5xx-%s-"+tg)
	}
	for _, fn := range in.LambdaFunctions {
		pair(Alarm{Description: "Lambda " + fn + ": errors per 5 minutes", Namespace: "AWS/Lambda", Metric: "Errors",
			Statistic: "Sum", Period: 300, EvaluationPeriods: 1, DatapointsToAlarm: 1, Comparison: "GreaterThanOrEqualToThreshold",
			TreatMissingData: missingNotBreaching, Dimensions: map[string]string{"FunctionName": fn}}, LambdaErrors, "lambda-errors-%s-"+fn)
	}
	for _, b := range slices.Sorted(maps.Keys(in.BucketSizeWarningsGiB)) {
		// S3 publishes storage metrics once a day; a warning only, as today.
		pair(Alarm{Description: fmt.Sprintf("S3 %s: size above %g GiB", b, in.BucketSizeWarningsGiB[b]), Namespace: "AWS/S3",
			Metric: "BucketSizeBytes", Statistic: "Average", Period: 86400, EvaluationPeriods: 1, DatapointsToAlarm: 1,
			Comparison: "GreaterThanOrEqualToThreshold", TreatMissingData: missingIgnore,
			Dimensions: map[string]string{"BucketName": b, "StorageType": "StandardStorage"}},
			Thresholds{Warning: in.BucketSizeWarningsGiB[b] * (1 << 30)}, "s3-size-%s-"+b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	for i := 1; i < len(out); i++ {
		if out[i].Key == out[i-1].Key {
			return nil, fmt.Errorf("two alarms share the key %q (a resource listed twice?)", out[i].Key)
		}
	}
	return out, nil
}
