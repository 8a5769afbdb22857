package functions

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var schedule = regexp.MustCompile(`^rate\(1 (minute|hour|day)\)$|^rate\([0-9]+ (minutes|hours|days)\)$`)

func TestCatalogMatchesTheInventory(t *testing.T) {
	byName := map[string]Spec{}
	for _, s := range Catalog() {
		byName[s.Name] = s
	}
	for _, tc := range []struct {
		name, repo, schedule string
		regions              []string
		trigger              Trigger
		vpc                  bool
	}{
		{"heartbeat", "notify/heartbeat", "rate(1 minute)", []string{RegionPrimary}, TriggerSchedule, false},
		{"google-cidr", "notify/google-cidr", "rate(1 day)", []string{RegionPrimary}, TriggerSchedule, false},
		{"ses_to_sqs_email_callbacks", "notify/ses_to_sqs_email_callbacks", "", []string{RegionPrimary}, TriggerQueue, false},
		{"sns_to_sqs_sms_callbacks", "notify/sns_to_sqs_sms_callbacks", "", []string{RegionPrimary, RegionSMS}, TriggerLogs, false},
		{"pinpoint_to_sqs_sms_callbacks", "notify/pinpoint_to_sqs_sms_callbacks", "", []string{RegionPrimary, RegionSMS}, TriggerLogs, false},
		{"ses_receiving_emails", "notify/ses_receiving_emails", "", []string{RegionEmail}, TriggerSES, false},
		{"system_status", "notify/system_status", "rate(5 minutes)", []string{RegionPrimary}, TriggerSchedule, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, ok := byName[tc.name]
			require.True(t, ok)
			assert.Equal(t, tc.repo, s.Repository)
			assert.Equal(t, tc.schedule, s.Schedule)
			assert.Equal(t, tc.regions, s.Regions)
			assert.Equal(t, tc.trigger, s.Trigger)
			assert.Equal(t, tc.vpc, s.VPC)
			assert.NotEmpty(t, s.Description)
			if s.Trigger == TriggerSchedule {
				assert.Regexp(t, schedule, s.Schedule, "EventBridge rate expression")
				assert.Equal(t, 1, s.ReservedConcurrency, "scheduled jobs never overlap")
			}
			assert.LessOrEqual(t, len(s.Name+"-schedule"), 64, "EventBridge rule names")
		})
	}
	assert.Len(t, byName, 7, "every Lambda of the inventory, and only those")
}

func TestRequiredRepositoriesPutEachImageInItsFunctionsRegion(t *testing.T) {
	assert.Equal(t, map[string][]string{
		RegionPrimary: {"notify/google-cidr", "notify/heartbeat", "notify/pinpoint_to_sqs_sms_callbacks",
			"notify/ses_to_sqs_email_callbacks", "notify/sns_to_sqs_sms_callbacks", "notify/system_status"},
		RegionSMS:   {"notify/pinpoint_to_sqs_sms_callbacks", "notify/sns_to_sqs_sms_callbacks"},
		RegionEmail: {"notify/ses_receiving_emails"},
	}, RequiredRepositories())
}
