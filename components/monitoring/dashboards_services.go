package monitoring

import (
	"sort"
	"strings"
)

// ServiceInput is what the per-service dashboards show, with the load balancer's dimension
// values resolved.
type ServiceInput struct {
	Region                 string
	ClusterName            string
	LoadBalancerArnSuffix  string
	TargetGroupArnSuffixes map[string]string
	DatabaseInstances      []string
	CacheNodes             []string
	Queues                 []string
	LambdaFunctions        []string
}

// ServiceDashboardRoles are the keys of ServiceDashboards, in the order they are created.
var ServiceDashboardRoles = []string{"load-balancers", "database", "cache", "kubernetes", "emails", "sms", "errors"}

// ServiceDashboards are today's per-service dashboards that metrics alone can draw, by role:
// load balancers, database, cache, Kubernetes, email, SMS and errors. Those drawn from log
// queries (SLOs, performance bottlenecks, platform admins' access) wait for the log metric
// filters (docs/parity.md, gaps).
func ServiceDashboards(in ServiceInput) map[string]Dashboard {
	tgs := make([]string, 0, len(in.TargetGroupArnSuffixes))
	for k := range in.TargetGroupArnSuffixes {
		tgs = append(tgs, k)
	}
	sort.Strings(tgs)
	perTarget := func(name string) [][]any {
		var out [][]any
		for _, k := range tgs {
			out = append(out, metric("AWS/ApplicationELB", name, "LoadBalancer", in.LoadBalancerArnSuffix, "TargetGroup", in.TargetGroupArnSuffixes[k]))
		}
		return out
	}
	per := func(namespace, name, dim string, ids []string) [][]any {
		var out [][]any
		for _, id := range ids {
			out = append(out, metric(namespace, name, dim, id))
		}
		return out
	}
	queues := func(word string) []string {
		var out []string
		for _, q := range in.Queues {
			if strings.Contains(q, word) {
				out = append(out, q)
			}
		}
		return out
	}
	lb := func(name string) [][]any {
		return [][]any{metric("AWS/ApplicationELB", name, "LoadBalancer", in.LoadBalancerArnSuffix)}
	}
	ci := func(name string) [][]any {
		return [][]any{metric("ContainerInsights", name, "ClusterName", in.ClusterName)}
	}
	return map[string]Dashboard{
		"load-balancers": layout(in.Region, []WidgetProperties{
			{Title: "Requests per target group", Stat: "Sum", Metrics: perTarget("RequestCount")},
			{Title: "Target response time p95 (s)", Stat: "p95", Metrics: perTarget("TargetResponseTime")},
			{Title: "Target 4xx", Stat: "Sum", Metrics: perTarget("HTTPCode_Target_4XX_Count")},
			{Title: "Target 5xx", Stat: "Sum", Metrics: perTarget("HTTPCode_Target_5XX_Count")},
			{Title: "Healthy hosts", Stat: "Minimum", Metrics: perTarget("HealthyHostCount")},
			{Title: "Rejected connections and ELB 5xx", Stat: "Sum", Metrics: append(lb("RejectedConnectionCount"), lb("HTTPCode_ELB_5XX_Count")...)},
		}),
		"database": layout(in.Region, []WidgetProperties{
			{Title: "CPU %", Stat: "Average", Metrics: per("AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", in.DatabaseInstances)},
			{Title: "Connections", Stat: "Maximum", Metrics: per("AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", in.DatabaseInstances)},
			{Title: "Read latency (s)", Stat: "Average", Metrics: per("AWS/RDS", "ReadLatency", "DBInstanceIdentifier", in.DatabaseInstances)},
			{Title: "Write latency (s)", Stat: "Average", Metrics: per("AWS/RDS", "WriteLatency", "DBInstanceIdentifier", in.DatabaseInstances)},
			{Title: "Replica lag (ms)", Stat: "Maximum", Metrics: per("AWS/RDS", "AuroraReplicaLag", "DBInstanceIdentifier", in.DatabaseInstances)},
			{Title: "Freeable memory", Stat: "Minimum", Metrics: per("AWS/RDS", "FreeableMemory", "DBInstanceIdentifier", in.DatabaseInstances)},
		}),
		"cache": layout(in.Region, []WidgetProperties{
			{Title: "Engine CPU %", Stat: "Average", Metrics: per("AWS/ElastiCache", "EngineCPUUtilization", "CacheClusterId", in.CacheNodes)},
			{Title: "Memory %", Stat: "Average", Metrics: per("AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", in.CacheNodes)},
			{Title: "Connections", Stat: "Maximum", Metrics: per("AWS/ElastiCache", "CurrConnections", "CacheClusterId", in.CacheNodes)},
			{Title: "Evictions", Stat: "Sum", Metrics: per("AWS/ElastiCache", "Evictions", "CacheClusterId", in.CacheNodes)},
			{Title: "Replication lag (s)", Stat: "Maximum", Metrics: per("AWS/ElastiCache", "ReplicationLag", "CacheClusterId", in.CacheNodes)},
		}),
		"kubernetes": layout(in.Region, []WidgetProperties{
			{Title: "Node CPU %", Stat: "Average", Metrics: ci("node_cpu_utilization")},
			{Title: "Node memory %", Stat: "Average", Metrics: ci("node_memory_utilization")},
			{Title: "Nodes", Stat: "Maximum", Metrics: ci("cluster_node_count")},
			{Title: "Failed nodes", Stat: "Maximum", Metrics: ci("cluster_failed_node_count")},
			{Title: "Running pods", Stat: "Maximum", Metrics: ci("pod_number_of_running_pods")},
			{Title: "Container restarts", Stat: "Sum", Metrics: ci("pod_number_of_container_restarts")},
		}),
		"emails": layout(in.Region, []WidgetProperties{
			{Title: "Sends and deliveries", Stat: "Sum", Metrics: [][]any{metric("AWS/SES", "Send"), metric("AWS/SES", "Delivery")}},
			{Title: "Bounces and complaints", Stat: "Sum", Metrics: [][]any{metric("AWS/SES", "Bounce"), metric("AWS/SES", "Complaint")}},
			{Title: "Bounce and complaint rates", Stat: "Maximum", Period: 900, Metrics: [][]any{
				metric("AWS/SES", "Reputation.BounceRate"), metric("AWS/SES", "Reputation.ComplaintRate")}},
			{Title: "Email queues: messages waiting", Stat: "Maximum", Period: 60,
				Metrics: per("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queues("email"))},
		}),
		"sms": layout(in.Region, []WidgetProperties{
			{Title: "Delivered and failed", Stat: "Sum", Metrics: [][]any{
				metric("AWS/SNS", "NumberOfNotificationsDelivered", "SMSType", "Transactional"),
				metric("AWS/SNS", "NumberOfNotificationsFailed", "SMSType", "Transactional")}},
			{Title: "Spend (USD, month to date)", Stat: "Maximum", Metrics: [][]any{metric("AWS/SNS", "SMSMonthToDateSpentUSD")}},
			{Title: "Success rate", Stat: "Average", Metrics: [][]any{metric("AWS/SNS", "SMSSuccessRate")}},
			{Title: "SMS queues: messages waiting", Stat: "Maximum", Period: 60,
				Metrics: per("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queues("sms"))},
		}),
		"errors": layout(in.Region, []WidgetProperties{
			{Title: "Target 5xx", Stat: "Sum", Metrics: perTarget("HTTPCode_Target_5XX_Count")},
			{Title: "Lambda errors", Stat: "Sum", Metrics: per("AWS/Lambda", "Errors", "FunctionName", in.LambdaFunctions)},
			{Title: "Lambda throttles", Stat: "Sum", Metrics: per("AWS/Lambda", "Throttles", "FunctionName", in.LambdaFunctions)},
			{Title: "Dead-letter queues: messages waiting", Stat: "Maximum", Period: 60,
				Metrics: per("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queues("dlq"))},
		}),
	}
}
