package keys

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const keyType = "aws:kms/key:Key"

func run(t *testing.T, args func(ctx *pulumi.Context) Args) (*pulumimock.Mocks, error) {
	m, _, err := componenttest.Run(t, "test", func(ctx *pulumi.Context) (*Keys, error) {
		return New(ctx, "keys", args(ctx), pulumi.Provider(componenttest.Provider(ctx, "primary", "ca-central-1", "")))
	})
	return m, err
}

func argsFor(env string, window int, protect bool) func(ctx *pulumi.Context) Args {
	return func(ctx *pulumi.Context) Args {
		return Args{
			Placement:          componenttest.Placement(ctx, env, account),
			BackupProvider:     componenttest.Provider(ctx, "backup", "ca-west-1", account),
			DeletionWindowDays: window,
			Protect:            protect,
		}
	}
}

func TestKeysAcrossEnvironments(t *testing.T) {
	for _, tc := range []struct {
		env     string
		window  int
		protect bool
		want    float64
	}{
		{"dev", 0, true, 30},
		{"staging", 0, true, 30},
		{"production", 0, true, 30},
		{"drill", 7, false, 7},
	} {
		t.Run(tc.env, func(t *testing.T) {
			m, err := run(t, argsFor(tc.env, tc.window, tc.protect))
			require.NoError(t, err)
			prefix := "notification-canada-ca-" + tc.env
			wantProvider := map[Purpose]string{Main: "::primary::", EmailRegion: "::email::",
				SMSRegion: "::sms::", Backup: "::primary::", BackupSecondary: "::backup::"}
			require.Len(t, m.ByType(keyType), len(wantProvider))
			for purpose, prov := range wantProvider {
				key := m.Get(t, keyType, "keys-"+string(purpose))
				assert.Equal(t, true, key.Input("enableKeyRotation"), purpose)
				assert.Equal(t, tc.want, key.Input("deletionWindowInDays"), purpose)
				assert.Equal(t, tc.protect, key.Protect, purpose)
				assert.Contains(t, key.Parent, "gcnotify:keys:Keys")
				assert.Contains(t, key.Provider, prov, purpose)
				policy, err := key.JSON("policy")
				require.NoError(t, err)
				assert.NotEmpty(t, policy.(map[string]any)["Statement"])

				alias := m.Get(t, "aws:kms/alias:Alias", "keys-"+string(purpose))
				assert.Equal(t, "alias/"+prefix+"-"+string(purpose), alias.Input("name"))
				assert.Equal(t, key.Provider, alias.Provider, "the alias lives in its key's region")
				assert.False(t, alias.Protect)
			}
		})
	}
}

// TestKeysLetTheirConsumersUseThem checks the registered policies against how the cluster,
// registry, functions and backup vault notifications use the keys.
func TestKeysLetTheirConsumersUseThem(t *testing.T) {
	for _, env := range []string{"dev", "staging", "production"} {
		t.Run(env, func(t *testing.T) {
			m, err := run(t, argsFor(env, 0, true))
			require.NoError(t, err)
			policy := func(p Purpose) map[string]map[string]any {
				doc, err := m.Get(t, keyType, "keys-"+string(p)).JSON("policy")
				require.NoError(t, err)
				out := map[string]map[string]any{}
				for _, st := range doc.(map[string]any)["Statement"].([]any) {
					out[st.(map[string]any)["Sid"].(string)] = st.(map[string]any)
				}
				return out
			}
			via := func(sts map[string]map[string]any, sid string) []any {
				require.Contains(t, sts, sid)
				return sts[sid]["Condition"].(map[string]any)["StringEquals"].(map[string]any)["kms:ViaService"].([]any)
			}
			for _, tc := range []struct {
				purpose  Purpose
				region   string
				services []string
			}{
				{Main, "ca-central-1", []string{"eks", "ec2", "ecr", "lambda"}},
				{EmailRegion, "us-east-1", []string{"ecr", "lambda"}},
				{SMSRegion, "us-west-2", []string{"ecr", "lambda"}},
			} {
				sts := policy(tc.purpose)
				for _, svc := range tc.services {
					endpoint := svc + "." + tc.region + ".amazonaws.com"
					assert.Contains(t, via(sts, "AccountThroughServices"), endpoint, tc.purpose)
					assert.Contains(t, via(sts, "AccountGrantsForAWSResources"), endpoint, tc.purpose)
				}
			}
			main := policy(Main)
			assert.Equal(t, "arn:aws:iam::"+account+":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
				main["AutoScalingUsesKey"]["Condition"].(map[string]any)["StringEquals"].(map[string]any)["aws:PrincipalArn"],
				"managed node groups launch encrypted volumes")
			assert.Contains(t, main, "AutoScalingGrantsForAWSResources")
			assert.Equal(t, map[string]any{"Service": "backup.amazonaws.com"}, main["ServiceBackup"]["Principal"],
				"backup vault notifications publish to the encrypted alert-general topic")
			for _, p := range []Purpose{Backup, BackupSecondary} {
				assert.NotContains(t, via(policy(p), "AccountThroughServices"), "lambda."+plan()[p].Region+".amazonaws.com", p)
			}
		})
	}
}

func TestKeysOutputsAreTheRegionsKeys(t *testing.T) {
	var captured componenttest.Capture
	_, _, err := componenttest.Run(t, "test", func(ctx *pulumi.Context) (*Keys, error) {
		k, err := New(ctx, "keys", argsFor("dev", 0, false)(ctx))
		if err != nil {
			return nil, err
		}
		for name, o := range map[string]pulumi.StringOutput{"main": k.MainKeyArn, "email": k.EmailRegionKeyArn,
			"sms": k.SMSRegionKeyArn, "backup": k.BackupKeyArn, "backup2": k.BackupSecondaryKeyArn} {
			captured.String(ctx, name, o)
		}
		return k, nil
	})
	got := captured.Values()
	require.NoError(t, err)
	for name, region := range map[string]string{"main": "ca-central-1", "email": "us-east-1", "sms": "us-west-2",
		"backup": "ca-central-1", "backup2": "ca-west-1"} {
		assert.True(t, strings.HasPrefix(got[name], "arn:aws:kms:"+region+":"), "%s: %s", name, got[name])
	}
}

func TestKeysRefuseBadArgsBeforeRegistering(t *testing.T) {
	m, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		args := Args{BackupRegion: "ca-central-1", DeletionWindowDays: 45}
		args.AccountID, args.SMSRegion = "12345", "us-west"
		_, err := New(ctx, "keys", args)
		return err
	})
	require.Error(t, err)
	for _, want := range []string{"NamePrefix", `AccountID: got "12345"`, `SMSRegion: got "us-west"`,
		`BackupRegion: got "ca-central-1", the same as Region`, "EmailProvider: got nil",
		"SMSProvider: got nil", "BackupProvider: got nil", "DeletionWindowDays: got 45"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}

// TestMainKeyLetsRestoreAccountsUseItThroughRDSOnly is how dev restores a snapshot staging
// shares: staging's main key must let dev's RDS decrypt it, and nothing else.
func TestMainKeyLetsRestoreAccountsUseItThroughRDSOnly(t *testing.T) {
	const dev = "800095993820"
	m, err := run(t, func(ctx *pulumi.Context) Args {
		a := argsFor("staging", 0, true)(ctx)
		a.RestoreAccounts = []string{dev}
		return a
	})
	require.NoError(t, err)
	restore := func(p Purpose) map[string]any {
		doc, err := m.Get(t, keyType, "keys-"+string(p)).JSON("policy")
		require.NoError(t, err)
		for _, st := range doc.(map[string]any)["Statement"].([]any) {
			if st.(map[string]any)["Sid"] == "OtherAccountsRestoreSnapshots" {
				return st.(map[string]any)
			}
		}
		return nil
	}
	st := restore(Main)
	require.NotNil(t, st, "the main key names the restoring accounts")
	assert.Equal(t, map[string]any{"AWS": []any{"arn:aws:iam::" + dev + ":root"}}, st["Principal"])
	assert.ElementsMatch(t, []any{"kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant"}, st["Action"])
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{"kms:ViaService": "rds.ca-central-1.amazonaws.com"}}, st["Condition"])
	for _, p := range []Purpose{EmailRegion, SMSRegion, Backup, BackupSecondary} {
		assert.Nil(t, restore(p), "only the main key encrypts the cluster's snapshots: %s", p)
	}

	m, err = run(t, argsFor("staging", 0, true))
	require.NoError(t, err)
	assert.Nil(t, restore(Main), "no other account without RestoreAccounts")

	_, err = run(t, func(ctx *pulumi.Context) Args {
		a := argsFor("staging", 0, true)(ctx)
		a.RestoreAccounts = []string{account, "123"}
		return a
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `RestoreAccounts: got "`+account+`"`)
	assert.Contains(t, err.Error(), `RestoreAccounts: got "123"`)
}
