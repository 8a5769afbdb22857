package sms

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLogGroupsAreTheNamesTheServicesWriteTo(t *testing.T) {
	groups := LogGroups("296255494825", "ca-central-1", "us-west-2")
	var got []string
	for _, g := range groups {
		got = append(got, g.Key+" "+g.Region+" "+g.Name)
	}
	assert.Equal(t, []string{
		"sns-ca-central-1 ca-central-1 sns/ca-central-1/296255494825/DirectPublishToPhoneNumber",
		"sns-ca-central-1-failure ca-central-1 sns/ca-central-1/296255494825/DirectPublishToPhoneNumber/Failure",
		"sns-us-west-2 us-west-2 sns/us-west-2/296255494825/DirectPublishToPhoneNumber",
		"sns-us-west-2-failure us-west-2 sns/us-west-2/296255494825/DirectPublishToPhoneNumber/Failure",
		"pinpoint-ca-central-1 ca-central-1 sns/ca-central-1/296255494825/PinpointDirectPublishToPhoneNumber",
		"pinpoint-ca-central-1-failure ca-central-1 sns/ca-central-1/296255494825/PinpointDirectPublishToPhoneNumber/Failure",
		"pinpoint-us-west-2 us-west-2 sns/us-west-2/296255494825/PinpointDirectPublishToPhoneNumber",
		"pinpoint-us-west-2-failure us-west-2 sns/us-west-2/296255494825/PinpointDirectPublishToPhoneNumber/Failure",
	}, got)
}

func TestMetricFiltersKeepTodaysMetricNames(t *testing.T) {
	filters := MetricFilters("ca-central-1", LogGroups("1", "ca-central-1", "us-west-2"))
	byName := map[string]MetricFilter{}
	for _, f := range filters {
		_, dup := byName[f.Name]
		assert.False(t, dup, "metric %s planned twice", f.Name)
		byName[f.Name] = f
	}
	for name, group := range map[string]string{
		"sns-sms-success": "sns-ca-central-1", "sns-sms-spend-usd": "sns-ca-central-1",
		"sns-sms-failure": "sns-ca-central-1-failure", "sns-sms-blocked-as-spam": "sns-ca-central-1-failure",
		"sns-sms-phone-carrier-unavailable": "sns-ca-central-1-failure", "sns-sms-rate-exceeded": "sns-ca-central-1-failure",
		"sns-sms-success-us-west-2": "sns-us-west-2", "sns-sms-blocked-as-spam-us-west-2": "sns-us-west-2-failure",
		"sns-sms-rate-exceeded-us-west-2": "sns-us-west-2-failure", "pinpoint-sms-successes": "pinpoint-us-west-2",
		"pinpoint-sms-failures": "pinpoint-us-west-2-failure", "pinpoint-sms-blocked-as-spam": "pinpoint-us-west-2-failure",
		"pinpoint-sms-successes-ca-central-1": "pinpoint-ca-central-1",
	} {
		f, ok := byName[name]
		if assert.True(t, ok, name) {
			assert.Equal(t, group, f.LogGroupKey, name)
		}
	}
	assert.Len(t, filters, 22)
	assert.Equal(t, "", byName["sns-sms-spend-usd"].DefaultValue, "spend has no default: a sum of prices, not a count")
	assert.Equal(t, "0", byName["sns-sms-failure"].DefaultValue)
}

func TestLogGroupArnPatternCoversOnlyTheRegionsSNSGroups(t *testing.T) {
	assert.Equal(t, "arn:aws:logs:us-west-2:1:log-group:sns/us-west-2/1/*", logGroupArnPattern("us-west-2", "1"))
}
