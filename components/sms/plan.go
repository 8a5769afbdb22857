package sms

import (
	"fmt"
	"regexp"
)

// MetricNamespace is where the delivery metrics are published (today's namespace, which the
// alarms read).
const MetricNamespace = "LogMetrics"

// Sources of delivery logs.
const (
	SourceSNS      = "sns"
	SourcePinpoint = "pinpoint"
)

// LogGroup is a log group SNS or Pinpoint SMS v2 writes delivery receipts to. The names are
// fixed by the services (SNS: sns/<region>/<account>/DirectPublishToPhoneNumber[/Failure]);
// creating them up front gives them retention and encryption and lets alarms and the callback
// functions' subscriptions exist from the first minute.
type LogGroup struct {
	// Key identifies the group in outputs and logical names: <source>-<region>[-failure].
	Key     string
	Source  string
	Region  string
	Name    string
	Failure bool
}

// LogGroups plans the delivery log groups: SNS's and Pinpoint's in both SMS regions. The
// Pinpoint configuration set lives in the SMS region, but today's Pinpoint log groups (and the
// pinpoint_to_sqs_sms_callbacks function that reads them) also exist in the primary region, so
// both keep a group to subscribe to.
func LogGroups(account, primary, smsRegion string) []LogGroup {
	var out []LogGroup
	add := func(source, region, base string) {
		name := fmt.Sprintf("sns/%s/%s/%s", region, account, base)
		out = append(out,
			LogGroup{Key: source + "-" + region, Source: source, Region: region, Name: name},
			LogGroup{Key: source + "-" + region + "-failure", Source: source, Region: region, Name: name + "/Failure", Failure: true})
	}
	add(SourceSNS, primary, "DirectPublishToPhoneNumber")
	add(SourceSNS, smsRegion, "DirectPublishToPhoneNumber")
	add(SourcePinpoint, primary, "PinpointDirectPublishToPhoneNumber")
	add(SourcePinpoint, smsRegion, "PinpointDirectPublishToPhoneNumber")
	return out
}

// MetricFilter turns delivery log lines into a metric in MetricNamespace.
type MetricFilter struct {
	// Name is the filter's and the metric's name.
	Name string
	// LogGroupKey is the LogGroup.Key of the group filtered.
	LogGroupKey string
	Pattern     string
	// Value is the metric value of a matching line; DefaultValue ("" for none) is published
	// when nothing matches.
	Value        string
	DefaultValue string
}

// MetricFilters plans the delivery metrics: SNS success, failure, spend and the failure
// reasons the alarms watch in each SNS region (names suffixed with the region outside the
// primary, as today), and Pinpoint's (suffixed in the primary region).
func MetricFilters(primary string, groups []LogGroup) []MetricFilter {
	var out []MetricFilter
	for _, g := range groups {
		suffix := ""
		if g.Region != primary {
			suffix = "-" + g.Region
		}
		if g.Source == SourcePinpoint {
			// Today's Pinpoint metric names belong to the SMS region's groups; the primary
			// region's copies take the region suffix instead.
			suffix = ""
			if g.Region == primary {
				suffix = "-" + g.Region
			}
		}
		count := func(name, pattern string) MetricFilter {
			return MetricFilter{Name: name + suffix, LogGroupKey: g.Key, Pattern: pattern, Value: "1", DefaultValue: "0"}
		}
		switch {
		case g.Source == SourceSNS && !g.Failure:
			out = append(out, count("sns-sms-success", `{ $.status = "SUCCESS" }`),
				MetricFilter{Name: "sns-sms-spend-usd" + suffix, LogGroupKey: g.Key,
					Pattern: `{ $.delivery.priceInUSD > 0 }`, Value: "$.delivery.priceInUSD"})
		case g.Source == SourceSNS:
			out = append(out, count("sns-sms-failure", `{ $.status = "FAILURE" }`),
				count("sns-sms-blocked-as-spam", `{ $.delivery.providerResponse = "Blocked as spam by phone carrier" }`),
				count("sns-sms-phone-carrier-unavailable", `{ $.delivery.providerResponse = "Phone carrier is currently unreachable/unavailable" }`),
				count("sns-sms-rate-exceeded", `{ $.delivery.providerResponse = "Rate exceeded." }`))
		case !g.Failure:
			out = append(out, MetricFilter{Name: "pinpoint-sms-successes" + suffix, LogGroupKey: g.Key, Value: "1", DefaultValue: "0",
				Pattern: `{ ($.isFinal IS TRUE) && (($.messageStatus = "SUCCESSFUL") || ($.messageStatus = "DELIVERED")) }`})
		default:
			out = append(out, MetricFilter{Name: "pinpoint-sms-failures" + suffix, LogGroupKey: g.Key, Value: "1", DefaultValue: "0",
				Pattern: `{ ($.isFinal IS TRUE) && (($.messageStatus != "SUCCESSFUL") && ($.messageStatus != "DELIVERED")) }`},
				MetricFilter{Name: "pinpoint-sms-blocked-as-spam" + suffix, LogGroupKey: g.Key, Value: "1", DefaultValue: "0",
					Pattern: `{ $.messageStatus = "SPAM" }`},
				MetricFilter{Name: "pinpoint-sms-phone-carrier-unavailable" + suffix, LogGroupKey: g.Key, Value: "1", DefaultValue: "0",
					Pattern: `{ $.messageStatus = "CARRIER_UNREACHABLE" }`},
				MetricFilter{Name: "pinpoint-sms-rate-exceeded" + suffix, LogGroupKey: g.Key, Value: "1", DefaultValue: "0",
					Pattern: `{ $.messageStatusDescription = "Rate exceeded." }`})
		}
	}
	return out
}

// logGroupArnPattern covers a region's SNS delivery log groups and their streams.
func logGroupArnPattern(region, account string) string {
	return fmt.Sprintf("arn:aws:logs:%s:%s:log-group:sns/%s/%s/*", region, account, region, account)
}

var (
	senderRE   = regexp.MustCompile(`^[A-Za-z0-9-]{1,11}$`)
	smsNameRE  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	roleNameRE = regexp.MustCompile(`^[\w+=,.@-]{1,64}$`)
	keyRE      = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$`)
	countryRE  = regexp.MustCompile(`^[A-Z]{2}$`)
)
