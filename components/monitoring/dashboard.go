package monitoring

import (
	"encoding/json"
	"sort"
)

// Dashboard is a CloudWatch dashboard body.
type Dashboard struct {
	Widgets []Widget `json:"widgets"`
}

// Widget is one dashboard widget; only metric and text widgets are used.
type Widget struct {
	Type       string           `json:"type"`
	X          int              `json:"x"`
	Y          int              `json:"y"`
	Width      int              `json:"width"`
	Height     int              `json:"height"`
	Properties WidgetProperties `json:"properties"`
}

// WidgetProperties are a metric (or text) widget's settings.
type WidgetProperties struct {
	Title    string  `json:"title,omitempty"`
	Markdown string  `json:"markdown,omitempty"`
	Region   string  `json:"region,omitempty"`
	View     string  `json:"view,omitempty"`
	Stacked  bool    `json:"stacked,omitempty"`
	Period   int     `json:"period,omitempty"`
	Stat     string  `json:"stat,omitempty"`
	Metrics  [][]any `json:"metrics,omitempty"`
}

// JSON renders the dashboard body.
func (d Dashboard) JSON() string {
	b, err := json.Marshal(d)
	if err != nil { // strings, ints and slices of them only
		panic(err)
	}
	return string(b)
}

// metric is one line of a metric widget: namespace, name, then dimension name/value pairs.
func metric(namespace, name string, dims ...string) []any {
	line := []any{namespace, name}
	for _, d := range dims {
		line = append(line, d)
	}
	return line
}

// layout places widgets two per row, 12 wide and 6 high.
func layout(region string, widgets []WidgetProperties) Dashboard {
	var d Dashboard
	var kept []WidgetProperties
	for _, p := range widgets {
		// CloudWatch refuses a metric widget without metrics (e.g. no Lambda listed).
		if p.Markdown != "" || len(p.Metrics) > 0 {
			kept = append(kept, p)
		}
	}
	for i, p := range kept {
		typ := "metric"
		if p.Markdown != "" {
			typ = "text"
		} else {
			p.Region, p.View = region, "timeSeries"
			if p.Period == 0 {
				p.Period = 300
			}
		}
		d.Widgets = append(d.Widgets, Widget{Type: typ, X: (i % 2) * 12, Y: (i / 2) * 6, Width: 12, Height: 6, Properties: p})
	}
	return d
}

// OverviewInput is what the overview dashboard shows, with the load balancer's dimension values
// resolved.
type OverviewInput struct {
	Region                 string
	LoadBalancerArnSuffix  string
	TargetGroupArnSuffixes map[string]string
	DatabaseInstances      []string
	CacheNodes             []string
	LambdaFunctions        []string
}

// Overview is the environment's main dashboard: traffic and errors at the front door, the
// database, the caches, email and SMS health, and the Lambdas.
func Overview(in OverviewInput) Dashboard {
	var requests, target5xx [][]any
	requests = append(requests, metric("AWS/ApplicationELB", "RequestCount", "LoadBalancer", in.LoadBalancerArnSuffix))
	keys := make([]string, 0, len(in.TargetGroupArnSuffixes))
	for k := range in.TargetGroupArnSuffixes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		target5xx = append(target5xx, metric("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count",
			"LoadBalancer", in.LoadBalancerArnSuffix, "TargetGroup", in.TargetGroupArnSuffixes[k]))
	}
	per := func(namespace, name, dim string, ids []string) [][]any {
		var out [][]any
		for _, id := range ids {
			out = append(out, metric(namespace, name, dim, id))
		}
		return out
	}
	return layout(in.Region, []WidgetProperties{
		{Title: "Load balancer requests", Stat: "Sum", Metrics: requests},
		{Title: "Load balancer 5xx", Stat: "Sum", Metrics: append([][]any{
			metric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", in.LoadBalancerArnSuffix)}, target5xx...)},
		{Title: "Database CPU %", Stat: "Average", Metrics: per("AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", in.DatabaseInstances)},
		{Title: "Database load (active sessions)", Stat: "Average", Metrics: per("AWS/RDS", "DBLoad", "DBInstanceIdentifier", in.DatabaseInstances)},
		{Title: "Database freeable memory", Stat: "Minimum", Metrics: per("AWS/RDS", "FreeableMemory", "DBInstanceIdentifier", in.DatabaseInstances)},
		{Title: "Cache engine CPU %", Stat: "Average", Metrics: per("AWS/ElastiCache", "EngineCPUUtilization", "CacheClusterId", in.CacheNodes)},
		{Title: "Cache memory %", Stat: "Average", Metrics: per("AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", in.CacheNodes)},
		{Title: "SES reputation", Stat: "Maximum", Period: 900, Metrics: [][]any{
			metric("AWS/SES", "Reputation.BounceRate"), metric("AWS/SES", "Reputation.ComplaintRate")}},
		{Title: "SES sending", Stat: "Sum", Metrics: [][]any{metric("AWS/SES", "Send"), metric("AWS/SES", "Delivery"),
			metric("AWS/SES", "Bounce"), metric("AWS/SES", "Complaint")}},
		{Title: "SMS spend (USD, month to date) and success rate", Stat: "Maximum", Metrics: [][]any{
			metric("AWS/SNS", "SMSMonthToDateSpentUSD"), metric("AWS/SNS", "SMSSuccessRate")}},
		{Title: "Lambda errors", Stat: "Sum", Metrics: per("AWS/Lambda", "Errors", "FunctionName", in.LambdaFunctions)},
	})
}

// Queues is the queue dashboard: the age of the oldest message and the depth of every queue.
func Queues(region string, queues []string) Dashboard {
	var age, depth [][]any
	for _, q := range queues {
		age = append(age, metric("AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", q))
		depth = append(depth, metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q))
	}
	return layout(region, []WidgetProperties{
		{Title: "Age of oldest message (s)", Stat: "Maximum", Period: 60, Metrics: age},
		{Title: "Messages waiting", Stat: "Maximum", Period: 60, Metrics: depth},
	})
}
