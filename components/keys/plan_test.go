package keys

import (
	"encoding/json"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const account = "111122223333"

func plan() map[Purpose]Spec {
	out := map[Purpose]Spec{}
	for _, s := range Plan(account, "ca-central-1", "us-east-1", "us-west-2", "ca-west-1") {
		out[s.Purpose] = s
	}
	return out
}

// statements decodes a rendered policy into its statements by Sid.
func statements(t *testing.T, s Spec) map[string]map[string]any {
	t.Helper()
	var doc struct{ Statement []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(Policy(s, account).JSON()), &doc))
	out := map[string]map[string]any{}
	for _, st := range doc.Statement {
		sid := st["Sid"].(string)
		require.NotContains(t, out, sid, "duplicate Sid")
		out[sid] = st
	}
	return out
}

func TestPlanPlacesKeysInTheirRegions(t *testing.T) {
	want := map[Purpose]string{Main: "ca-central-1", EmailRegion: "us-east-1", SMSRegion: "us-west-2",
		Backup: "ca-central-1", BackupSecondary: "ca-west-1"}
	got := map[Purpose]string{}
	for p, s := range plan() {
		got[p] = s.Region
	}
	assert.Equal(t, want, got)
}

func TestPolicyGivesEachKeyExactlyItsServices(t *testing.T) {
	for _, tc := range []struct {
		purpose    Purpose
		services   []string // service principals, logs included
		viaService []any
	}{
		{Main, []string{"backup.amazonaws.com", "budgets.amazonaws.com", "cloudwatch.amazonaws.com", "events.rds.amazonaws.com",
			"logs.ca-central-1.amazonaws.com", "ses.amazonaws.com", "sns.amazonaws.com"},
			[]any{"s3.ca-central-1.amazonaws.com", "sqs.ca-central-1.amazonaws.com", "sns.ca-central-1.amazonaws.com",
				"secretsmanager.ca-central-1.amazonaws.com", "rds.ca-central-1.amazonaws.com", "elasticache.ca-central-1.amazonaws.com",
				"eks.ca-central-1.amazonaws.com", "ec2.ca-central-1.amazonaws.com", "ecr.ca-central-1.amazonaws.com",
				"lambda.ca-central-1.amazonaws.com"}},
		{EmailRegion, []string{"cloudwatch.amazonaws.com", "logs.us-east-1.amazonaws.com"},
			[]any{"sns.us-east-1.amazonaws.com", "ecr.us-east-1.amazonaws.com", "lambda.us-east-1.amazonaws.com"}},
		{SMSRegion, []string{"cloudwatch.amazonaws.com", "logs.us-west-2.amazonaws.com", "sns.amazonaws.com"},
			[]any{"s3.us-west-2.amazonaws.com", "sqs.us-west-2.amazonaws.com", "sns.us-west-2.amazonaws.com",
				"ecr.us-west-2.amazonaws.com", "lambda.us-west-2.amazonaws.com"}},
		{Backup, nil, []any{"backup.ca-central-1.amazonaws.com", "rds.ca-central-1.amazonaws.com"}},
		{BackupSecondary, nil, []any{"backup.ca-west-1.amazonaws.com", "rds.ca-west-1.amazonaws.com"}},
	} {
		t.Run(string(tc.purpose), func(t *testing.T) {
			sts := statements(t, plan()[tc.purpose])
			var services []string
			for _, st := range sts {
				p := st["Principal"].(map[string]any)
				if svc, ok := p["Service"].(string); ok {
					services = append(services, svc)
					cond := st["Condition"].(map[string]any)
					if svc == "logs."+plan()[tc.purpose].Region+".amazonaws.com" {
						assert.Equal(t, "arn:aws:logs:"+plan()[tc.purpose].Region+":"+account+":*",
							cond["ArnLike"].(map[string]any)["kms:EncryptionContext:aws:logs:arn"])
						continue
					}
					assert.Equal(t, account, cond["StringEquals"].(map[string]any)["aws:SourceAccount"], svc)
					assert.Equal(t, []any{"kms:GenerateDataKey*", "kms:Decrypt"}, st["Action"], svc)
				}
			}
			sort.Strings(services)
			assert.Equal(t, tc.services, services)

			admin := sts["AccountAdministersKey"]
			assert.Equal(t, "arn:aws:iam::"+account+":root", admin["Principal"].(map[string]any)["AWS"])
			for _, a := range admin["Action"].([]any) {
				assert.NotContains(t, []any{"kms:*", "kms:Create*", "kms:CreateGrant", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"}, a,
					"the root statement administers but does not use the key")
			}
			use := sts["AccountThroughServices"]["Condition"].(map[string]any)["StringEquals"].(map[string]any)
			assert.Equal(t, tc.viaService, use["kms:ViaService"])
			assert.Equal(t, account, use["kms:CallerAccount"])
			grants := sts["AccountGrantsForAWSResources"]["Condition"].(map[string]any)
			assert.Equal(t, "true", grants["Bool"].(map[string]any)["kms:GrantIsForAWSResource"])
		})
	}
}

func TestPolicyScopesAlarmPublishingToTheRegionsAlarms(t *testing.T) {
	sts := statements(t, plan()[SMSRegion])
	cond := sts["ServiceCloudwatch"]["Condition"].(map[string]any)
	assert.Equal(t, "arn:aws:cloudwatch:us-west-2:"+account+":alarm:*", cond["ArnLike"].(map[string]any)["aws:SourceArn"])
	assert.Contains(t, statements(t, plan()[Main]), "ServiceEventsRds")
}

func TestPolicyScopesBackupPublishingToTheVaults(t *testing.T) {
	cond := statements(t, plan()[Main])["ServiceBackup"]["Condition"].(map[string]any)
	assert.Equal(t, account, cond["StringEquals"].(map[string]any)["aws:SourceAccount"])
	assert.Equal(t, "arn:aws:backup:ca-central-1:"+account+":backup-vault:*", cond["ArnLike"].(map[string]any)["aws:SourceArn"])
	for _, p := range []Purpose{EmailRegion, SMSRegion, Backup, BackupSecondary} {
		assert.NotContains(t, statements(t, plan()[p]), "ServiceBackup", p)
	}
}

func TestPolicyLetsAutoScalingEncryptNodeVolumesWithTheMainKeyOnly(t *testing.T) {
	role := "arn:aws:iam::" + account + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
	for _, tc := range []struct {
		purpose Purpose
		want    bool
	}{{Main, true}, {EmailRegion, false}, {SMSRegion, false}, {Backup, false}, {BackupSecondary, false}} {
		t.Run(string(tc.purpose), func(t *testing.T) {
			sts := statements(t, plan()[tc.purpose])
			if !tc.want {
				assert.NotContains(t, sts, "AutoScalingUsesKey")
				assert.NotContains(t, sts, "AutoScalingGrantsForAWSResources")
				return
			}
			use, grant := sts["AutoScalingUsesKey"], sts["AutoScalingGrantsForAWSResources"]
			require.NotNil(t, use)
			require.NotNil(t, grant)
			// The role is matched by condition, so the policy is valid before the role exists.
			only := map[string]any{"aws:PrincipalArn": role, "kms:CallerAccount": account}
			for _, st := range []map[string]any{use, grant} {
				assert.Equal(t, "Allow", st["Effect"])
				assert.Equal(t, map[string]any{"AWS": "*"}, st["Principal"])
				assert.Equal(t, []any{"*"}, st["Resource"])
				assert.Equal(t, only, st["Condition"].(map[string]any)["StringEquals"], "only the account's Auto Scaling role")
			}
			assert.Equal(t, []any{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"}, use["Action"])
			assert.Len(t, use["Condition"], 1)
			assert.Equal(t, []any{"kms:CreateGrant"}, grant["Action"], "the role grants nothing but CreateGrant")
			assert.Equal(t, map[string]any{"kms:GrantIsForAWSResource": "true"}, grant["Condition"].(map[string]any)["Bool"])
		})
	}
}

func TestSidOf(t *testing.T) {
	for in, want := range map[string]string{
		"events.rds.amazonaws.com": "EventsRds",
		"ses.amazonaws.com":        "Ses",
		"cloudwatch.amazonaws.com": "Cloudwatch",
	} {
		assert.Equal(t, want, sidOf(in))
	}
}
