package topics

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const (
	topicType = "aws:sns/topic:Topic"
	subType   = "aws:sns/topicSubscription:TopicSubscription"
)

func keyArn(region string) pulumi.String {
	return pulumi.String("arn:aws:kms:" + region + ":" + account + ":key/k")
}

func run(t *testing.T, edit func(*Args)) (*pulumimock.Mocks, *Topics, error) {
	return componenttest.Run(t, "test", func(ctx *pulumi.Context) (*Topics, error) {
		args := Args{
			Placement:         componenttest.Placement(ctx, "dev", account),
			MainKeyArn:        keyArn("ca-central-1"),
			EmailRegionKeyArn: keyArn("us-east-1"),
			SMSRegionKeyArn:   keyArn("us-west-2"),
		}
		edit(&args)
		return New(ctx, "topics", args, pulumi.Provider(componenttest.Provider(ctx, "primary", "ca-central-1", account)))
	})
}

func TestTopicsAcrossEnvironments(t *testing.T) {
	for _, tc := range []struct {
		env      string
		opsGenie bool
		emails   []string
	}{
		{"dev", false, nil},
		{"staging", false, []string{"notify-ops@cds-snc.ca"}},
		{"production", true, []string{"notify-ops@cds-snc.ca", "oncall@cds-snc.ca"}},
	} {
		t.Run(tc.env, func(t *testing.T) {
			m, _, err := run(t, func(a *Args) {
				a.AlertEmails = tc.emails
				a.SlackWebhookURL = pulumi.String("https://hooks.slack.com/services/T/B/" + tc.env)
				a.NamePrefix, a.LogRetentionDays = "notification-canada-ca-"+tc.env, 14
				a.OpsGenie = tc.opsGenie
				if tc.opsGenie {
					a.OpsGenieURL = pulumi.String("https://api.opsgenie.com/v1/json/amazonsns?apiKey=k")
				}
			})
			require.NoError(t, err)

			topics := m.ByType(topicType)
			require.Len(t, topics, 11)
			for _, topic := range topics {
				name := topic.String("name")
				region, prov := "ca-central-1", "::primary::"
				switch {
				case strings.HasSuffix(name, "-us-east-1"):
					region, prov = "us-east-1", "::email::"
				case strings.HasSuffix(name, "-us-west-2"):
					region, prov = "us-west-2", "::sms::"
				}
				assert.Equal(t, "arn:aws:kms:"+region+":"+account+":key/k", topic.Input("kmsMasterKeyId"), name)
				assert.Contains(t, topic.Provider, prov, name)
				assert.Contains(t, topic.Parent, "gcnotify:topics:Topics")

				policy := m.Get(t, "aws:sns/topicPolicy:TopicPolicy", topic.Name)
				assert.Equal(t, topic.Provider, policy.Provider)
				doc, err := policy.JSON("policy")
				require.NoError(t, err)
				first := doc.(map[string]any)["Statement"].([]any)[0].(map[string]any)
				assert.Equal(t, []any{"arn:aws:sns:" + region + ":" + account + ":" + name}, first["Resource"])
			}

			subs := map[string]pulumimock.Resource{}
			for _, s := range m.ByType(subType) {
				subs[s.Name] = s
			}
			alarmTopics := 10
			opsGenie := 0
			if tc.opsGenie {
				opsGenie = 6 // warning and critical in three regions
			}
			assert.Len(t, subs, alarmTopics*(len(tc.emails)+1)+opsGenie)
			// Slack gets the messages through one bridge function per region: a webhook cannot
			// confirm an SNS subscription nor read SNS's envelope.
			slack := subs["topics-alert-critical-us-west-2-slack"]
			assert.Equal(t, "lambda", slack.Input("protocol"))
			assert.Contains(t, slack.Provider, "::sms::")
			bridges := map[string]pulumimock.Resource{}
			for _, f := range m.ByType("aws:lambda/function:Function") {
				bridges[f.Name] = f
			}
			require.Len(t, bridges, 3, "one bridge per region with alarm topics")
			west := bridges["topics-slack-us-west-2"]
			assert.Contains(t, west.Provider, "::sms::")
			assert.Equal(t, "notification-canada-ca-"+tc.env+"-slack", west.Input("name"))
			assert.Equal(t, "python3.12", west.Input("runtime"))
			assert.Equal(t, string(keyArn("us-west-2")), west.Input("kmsKeyArn"), "its environment is encrypted with the region's key")
			assert.True(t, west.Inputs["environment"].ContainsSecrets(), "the webhook stays secret")
			perms := m.ByType("aws:lambda/permission:Permission")
			assert.Len(t, perms, alarmTopics, "each alarm topic may invoke its region's bridge")
			for _, p := range perms {
				assert.Equal(t, "sns.amazonaws.com", p.Input("principal"), p.Name)
				assert.NotEmpty(t, p.Input("sourceArn"), "%s is limited to its topic", p.Name)
			}
			logs := m.Get(t, "aws:cloudwatch/logGroup:LogGroup", "topics-slack-us-west-2")
			assert.Equal(t, "/aws/lambda/notification-canada-ca-"+tc.env+"-slack", logs.Input("name"))
			assert.EqualValues(t, 14, logs.Input("retentionInDays"))
			assert.NotContains(t, subs, "topics-ses-callback-slack", "ses-callback is not an alarm topic")
			for _, e := range tc.emails {
				s := subs["topics-alert-general-email-"+label(e)]
				assert.Equal(t, "email", s.Input("protocol"))
				assert.Equal(t, e, s.Input("endpoint"))
			}
			_, pagesOnOK := subs["topics-alert-ok-opsgenie"]
			assert.False(t, pagesOnOK, "ok does not page by default")
			if tc.opsGenie {
				og := subs["topics-alert-critical-us-east-1-opsgenie"]
				assert.True(t, og.Inputs["endpoint"].ContainsSecrets())
				assert.Equal(t, true, og.Input("endpointAutoConfirms"))
				assert.Contains(t, subs, "topics-alert-warning-opsgenie")
			} else {
				assert.NotContains(t, subs, "topics-alert-critical-opsgenie")
			}
		})
	}
}

// TestAlertGeneralTakesBackupVaultEvents checks the registered policy of the topic the backup
// component sends its vault notifications to.
func TestAlertGeneralTakesBackupVaultEvents(t *testing.T) {
	m, _, err := run(t, func(*Args) {})
	require.NoError(t, err)
	doc, err := m.Get(t, "aws:sns/topicPolicy:TopicPolicy", "topics-alert-general").JSON("policy")
	require.NoError(t, err)
	var backup map[string]any
	for _, st := range doc.(map[string]any)["Statement"].([]any) {
		if st.(map[string]any)["Sid"] == "PublishBackupVaultEvents" {
			backup = st.(map[string]any)
		}
	}
	require.NotNil(t, backup, "backup.amazonaws.com may publish to alert-general")
	assert.Equal(t, "Allow", backup["Effect"])
	assert.Equal(t, map[string]any{"Service": "backup.amazonaws.com"}, backup["Principal"])
	assert.Equal(t, []any{"sns:Publish"}, backup["Action"])
	assert.Equal(t, []any{"arn:aws:sns:ca-central-1:" + account + ":alert-general"}, backup["Resource"])
	cond := backup["Condition"].(map[string]any)
	assert.Equal(t, account, cond["StringEquals"].(map[string]any)["aws:SourceAccount"])
	assert.Equal(t, "arn:aws:backup:ca-central-1:"+account+":backup-vault:*", cond["ArnLike"].(map[string]any)["aws:SourceArn"])
}

func TestTopicsWithoutSlackSubscribeNothingToSlack(t *testing.T) {
	m, _, err := run(t, func(*Args) {})
	require.NoError(t, err)
	assert.Empty(t, m.ByType(subType))
}

func TestTopicsOutputsAreKeyedByRegionAndSeverity(t *testing.T) {
	var got componenttest.Capture
	_, _, err := componenttest.Run(t, "test", func(ctx *pulumi.Context) (*Topics, error) {
		tp, err := New(ctx, "topics", Args{
			Placement:  componenttest.Placement(ctx, "dev", account),
			MainKeyArn: keyArn("ca-central-1"), EmailRegionKeyArn: keyArn("us-east-1"), SMSRegionKeyArn: keyArn("us-west-2"),
		}, pulumi.Provider(componenttest.Provider(ctx, "primary", "ca-central-1", account)))
		if err != nil {
			return nil, err
		}
		got.String(ctx, "ses", tp.SesCallbackTopicArn)
		got.String(ctx, "general", tp.AlertGeneralTopicArn)
		got.String(ctx, "west-critical", tp.AlarmTopicArns["us-west-2"][Critical])
		got.String(ctx, "east-ok", tp.AlarmTopicArns["us-east-1"][OK])
		assert.Len(t, tp.AlarmTopicArns["ca-central-1"], 4)
		assert.Len(t, tp.AlarmTopicArns["us-east-1"], 3)
		return tp, nil
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"ses":           "arn:aws:sns:ca-central-1:" + account + ":ses-callback",
		"general":       "arn:aws:sns:ca-central-1:" + account + ":alert-general",
		"west-critical": "arn:aws:sns:us-west-2:" + account + ":alert-critical-us-west-2",
		"east-ok":       "arn:aws:sns:us-east-1:" + account + ":alert-ok-us-east-1",
	}, got.Values())
}

func TestTopicsRefuseBadArgsBeforeRegistering(t *testing.T) {
	m, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		args := Args{AlertEmails: []string{"not-an-address", "a.b@x.ca", "a-b@x.ca"}, OpsGenie: true,
			OpsGenieSeverities: []Severity{"page"}}
		args.AccountID, args.SMSRegion = "acct", "us-east-1"
		_, err := New(ctx, "topics", args)
		return err
	})
	require.Error(t, err)
	for _, want := range []string{`AccountID: got "acct"`, `EmailRegion: got "us-east-1", the same as SMSRegion`,
		"EmailProvider: got nil", "SMSProvider: got nil", "MainKeyArn: got nil", "EmailRegionKeyArn: got nil",
		"SMSRegionKeyArn: got nil", `AlertEmails: got "not-an-address"`, `AlertEmails: got "a.b@x.ca" and "a-b@x.ca"`,
		"OpsGenieURL: got nil", `OpsGenieSeverities: got "page"`} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}
