package topics

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const account = "111122223333"

func TestPlanHasTheInventorysTopics(t *testing.T) {
	got := map[string]string{}
	for _, s := range Plan(account, "ca-central-1", "us-east-1", "us-west-2") {
		got[s.Name] = s.Region + "/" + string(s.Severity)
	}
	assert.Equal(t, map[string]string{
		"ses-callback":             "ca-central-1/",
		"alert-ok":                 "ca-central-1/ok",
		"alert-warning":            "ca-central-1/warning",
		"alert-critical":           "ca-central-1/critical",
		"alert-general":            "ca-central-1/general",
		"alert-ok-us-east-1":       "us-east-1/ok",
		"alert-warning-us-east-1":  "us-east-1/warning",
		"alert-critical-us-east-1": "us-east-1/critical",
		"alert-ok-us-west-2":       "us-west-2/ok",
		"alert-warning-us-west-2":  "us-west-2/warning",
		"alert-critical-us-west-2": "us-west-2/critical",
	}, got)
}

func decode(t *testing.T, s Spec) map[string]map[string]any {
	t.Helper()
	var doc struct{ Statement []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(Policy(s, account, "arn:aws:sns:r:1:"+s.Name).JSON()), &doc))
	out := map[string]map[string]any{}
	for _, st := range doc.Statement {
		out[st["Sid"].(string)] = st
	}
	return out
}

func TestPolicyLetsOnlyTheTopicsPublishersIn(t *testing.T) {
	specs := map[string]Spec{}
	for _, s := range Plan(account, "ca-central-1", "us-east-1", "us-west-2") {
		specs[s.Name] = s
	}
	for name, want := range map[string][]string{
		"ses-callback":            {"PublishSesNotifications", "DenyInsecureTransport"},
		"alert-critical":          {"PublishCloudWatchAlarms", "DenyInsecureTransport"},
		"alert-general":           {"PublishCloudWatchAlarms", "PublishBudgets", "PublishRdsEvents", "PublishBackupVaultEvents", "DenyInsecureTransport"},
		"alert-warning-us-west-2": {"PublishCloudWatchAlarms", "DenyInsecureTransport"},
	} {
		t.Run(name, func(t *testing.T) {
			sts := decode(t, specs[name])
			var sids []string
			for sid, st := range sts {
				sids = append(sids, sid)
				assert.Equal(t, []any{"arn:aws:sns:r:1:" + name}, st["Resource"])
				assert.Equal(t, []any{"sns:Publish"}, st["Action"])
				if st["Effect"] == "Allow" {
					cond := st["Condition"].(map[string]any)
					assert.Equal(t, account, cond["StringEquals"].(map[string]any)["aws:SourceAccount"])
					assert.NotEmpty(t, cond["ArnLike"].(map[string]any)["aws:SourceArn"])
				}
			}
			assert.ElementsMatch(t, want, sids)
			assert.Equal(t, "false", sts["DenyInsecureTransport"]["Condition"].(map[string]any)["Bool"].(map[string]any)["aws:SecureTransport"])
		})
	}
	alarm := decode(t, specs["alert-ok-us-east-1"])["PublishCloudWatchAlarms"]
	assert.Equal(t, "arn:aws:cloudwatch:us-east-1:"+account+":alarm:*",
		alarm["Condition"].(map[string]any)["ArnLike"].(map[string]any)["aws:SourceArn"], "alarms of the topic's own region")
}

func TestPolicyLetsOnlyThePrimaryBackupVaultsPublishToAlertGeneral(t *testing.T) {
	for _, s := range Plan(account, "ca-central-1", "us-east-1", "us-west-2") {
		backup, ok := decode(t, s)["PublishBackupVaultEvents"]
		if s.Name != "alert-general" {
			assert.False(t, ok, "%s takes no backup vault events", s.Name)
			continue
		}
		require.True(t, ok)
		assert.Equal(t, map[string]any{"Service": "backup.amazonaws.com"}, backup["Principal"])
		assert.Equal(t, "arn:aws:backup:ca-central-1:"+account+":backup-vault:*",
			backup["Condition"].(map[string]any)["ArnLike"].(map[string]any)["aws:SourceArn"])
	}
}

func TestLabel(t *testing.T) {
	assert.Equal(t, "ops-team-cds-snc-ca", label("Ops.Team@cds-snc.ca"))
}
