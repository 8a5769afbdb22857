package backup

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const (
	vaultType   = "aws:backup/vault:Vault"
	lockType    = "aws:backup/vaultLockConfiguration:VaultLockConfiguration"
	notifyType  = "aws:backup/vaultNotifications:VaultNotifications"
	clusterArn  = "arn:aws:rds:ca-central-1:123456789012:cluster:notification-canada-ca-dev-cluster"
	topicArn    = "arn:aws:sns:ca-central-1:123456789012:alert-general"
	primaryKey  = "arn:aws:kms:ca-central-1:123456789012:key/backup"
	secondayKey = "arn:aws:kms:ca-west-1:123456789012:key/backup"
)

func argsFor(env string, lock bool) Args {
	return Args{
		NamePrefix:         "notification-canada-ca-" + env,
		KmsKeyArn:          pulumi.String(primaryKey),
		SecondaryKmsKeyArn: pulumi.String(secondayKey),
		DatabaseClusterArn: pulumi.String(clusterArn),
		AlertTopicArn:      pulumi.String(topicArn),
		VaultLock:          lock,
		Protect:            true,
	}
}

// run creates the backups with a ca-west-1 provider made inside the program (unless the args
// are meant to lack one).
func run(t *testing.T, args Args, withProvider bool) (*pulumimock.Mocks, error) {
	m, _, err := componenttest.Run(t, "test", func(ctx *pulumi.Context) (*Backup, error) {
		if withProvider {
			args.SecondaryProvider = componenttest.Provider(ctx, "ca-west-1", "ca-west-1", "")
		}
		return New(ctx, "backup", args)
	})
	return m, err
}

func TestBackupAcrossEnvironments(t *testing.T) {
	for _, tc := range []struct {
		env  string
		lock bool
	}{{"dev", false}, {"staging", false}, {"production", true}} {
		t.Run(tc.env, func(t *testing.T) {
			m, err := run(t, argsFor(tc.env, tc.lock), true)
			require.NoError(t, err)
			vaultName := "notification-canada-ca-" + tc.env + "-backup-vault"

			primary := m.Get(t, vaultType, "backup-vault")
			assert.Equal(t, vaultName, primary.Input("name"))
			assert.Equal(t, primaryKey, primary.Input("kmsKeyArn"))
			assert.Equal(t, false, primary.Input("forceDestroy"))
			assert.True(t, primary.Protect)
			assert.NotContains(t, primary.Provider, "ca-west-1")
			secondary := m.Get(t, vaultType, "backup-secondary-vault")
			assert.Equal(t, vaultName, secondary.Input("name"))
			assert.Equal(t, secondayKey, secondary.Input("kmsKeyArn"))
			assert.Contains(t, secondary.Provider, "pulumi:providers:aws::ca-west-1", "the copy vault lives in ca-west-1")
			assert.True(t, secondary.Protect)

			plan := m.Get(t, "aws:backup/plan:Plan", "backup-plan")
			assert.Equal(t, "notification-canada-ca-"+tc.env+"-backup-plan", plan.Input("name"))
			rules := plan.Input("rules").([]any)
			require.Len(t, rules, 1)
			rule := rules[0].(map[string]any)
			assert.Equal(t, "cron(0 7 * * ? *)", rule["schedule"])
			assert.Equal(t, vaultName, rule["targetVaultName"])
			assert.Equal(t, map[string]any{"deleteAfter": 8.0}, rule["lifecycle"])
			copies := rule["copyActions"].([]any)
			require.Len(t, copies, 1)
			copyAction := copies[0].(map[string]any)
			assert.Equal(t, "arn:aws:backup:ca-west-1:123456789012:backup-vault:"+vaultName, copyAction["destinationVaultArn"])
			assert.Equal(t, map[string]any{"deleteAfter": 8.0}, copyAction["lifecycle"])

			selection := m.Get(t, "aws:backup/selection:Selection", "backup-selection")
			assert.Equal(t, []any{clusterArn}, selection.Input("resources"))
			assert.Equal(t, "backup-plan-id", selection.Input("planId"))
			var attached []any
			for _, a := range m.ByType("aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
				attached = append(attached, a.Input("policyArn"))
			}
			assert.ElementsMatch(t, []any{
				"arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
				"arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
			}, attached)
			trust, err := m.Get(t, "aws:iam/role:Role", "backup-role").JSON("assumeRolePolicy")
			require.NoError(t, err)
			assert.Contains(t, trust.(map[string]any)["Statement"].([]any)[0].(map[string]any)["Principal"], "Service")

			locks := m.ByType(lockType)
			if !tc.lock {
				assert.Empty(t, locks, "vault lock only where asked")
			} else {
				require.Len(t, locks, 2, "both vaults are locked")
				for _, l := range locks {
					assert.Equal(t, 7.0, l.Input("minRetentionDays"), l.Name)
					assert.Equal(t, 35.0, l.Input("maxRetentionDays"), l.Name)
					assert.Equal(t, 3.0, l.Input("changeableForDays"), "%s: compliance mode after 3 days", l.Name)
				}
				assert.Contains(t, m.Get(t, lockType, "backup-secondary-vault-lock").Provider, "ca-west-1")
			}

			notifications := m.ByType(notifyType)
			require.Len(t, notifications, 1, "no topic in ca-west-1: only the primary vault notifies")
			n := notifications[0]
			assert.Equal(t, topicArn, n.Input("snsTopicArn"))
			assert.Equal(t, []any{"BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED", "RESTORE_JOB_COMPLETED", "RECOVERY_POINT_MODIFIED"},
				n.Input("backupVaultEvents"))
			componenttest.AssertChildren(t, m, "gcnotify:backup:Backup")
		})
	}
}

func TestBackupSelectsAdditionalResourcesAndNotifiesFromTheCopyRegion(t *testing.T) {
	args := argsFor("staging", false)
	args.AdditionalResourceArns = pulumi.ToStringArray([]string{"arn:aws:s3:::notification-canada-ca-staging-gc-organisations"})
	args.SecondaryAlertTopicArn = pulumi.String("arn:aws:sns:ca-west-1:123456789012:alert-general")
	m, err := run(t, args, true)
	require.NoError(t, err)
	assert.Equal(t, []any{clusterArn, "arn:aws:s3:::notification-canada-ca-staging-gc-organisations"},
		m.Get(t, "aws:backup/selection:Selection", "backup-selection").Input("resources"))
	n := m.Get(t, notifyType, "backup-secondary-vault-notifications")
	assert.Equal(t, "arn:aws:sns:ca-west-1:123456789012:alert-general", n.Input("snsTopicArn"))
	assert.Contains(t, n.Provider, "ca-west-1")
}

func TestBackupRefusesBadArgsBeforeRegistering(t *testing.T) {
	args := argsFor("a-drill-with-a-long-name", true)
	args.RetentionDays = 40
	args.ForceDestroy = true
	args.Lock = Lock{MinRetentionDays: 7, MaxRetentionDays: 35, ChangeableForDays: 1}
	args.VaultEvents = []string{"BACKUP_JOB_FAILED"}
	args.DatabaseClusterArn = nil
	m, err := run(t, args, false)
	require.Error(t, err)
	for _, want := range []string{"notification-canada-ca-a-drill-with-a-long-name-backup-plan", "SecondaryProvider",
		"DatabaseClusterArn", `VaultEvents: got "BACKUP_JOB_FAILED"`, "Lock.ChangeableForDays: got 1",
		"RetentionDays: got 40", "ForceDestroy: got true"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}
