package drill

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

func planOptions(t *testing.T, from, name string) *Options {
	return &Options{From: from, Name: name, Cloud: infra.CloudSim, ProjectDir: filepath.Join("..", ".."), StateDir: t.TempDir()}
}

func TestDefaultNameAndEnvironment(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	assert.Equal(t, "bcp-20261201-0930", DefaultName(now))
	assert.Equal(t, "d12010930", environmentOf("bcp-20261201-0930"), "month, day, hour and minute: within S3's bucket-name budget")
	assert.Equal(t, "drill1", environmentOf("drill1"), "a short name is its own environment")
	assert.Len(t, environmentOf("my-long-experiment-name"), 9)
	assert.NotEqual(t, simAccount("a1"), simAccount("a2"))
	assert.Regexp(t, `^4\d{11}$`, simAccount("bcp-20261201-0930"))
}

func TestPlanRebuildsEachEnvironmentIntoItsOwnAccountAndZone(t *testing.T) {
	for _, from := range []string{"dev", "staging", "production"} {
		t.Run(from, func(t *testing.T) {
			o := planOptions(t, from, "bcp-20261201-0930")
			p, err := newPlan(context.Background(), o)
			require.NoError(t, err)
			c := p.File.Config
			assert.Equal(t, "d12010930", c.Environment)
			assert.True(t, c.Ephemeral, "nothing protected: the drill tears itself down")
			assert.Equal(t, simAccount(o.Name), c.AccountID)
			assert.Equal(t, "d12010930.drill.notification.invalid", c.Domain)
			assert.True(t, c.DNS.CreateZone, "the drill owns its zone: the delegation is a manual step")
			assert.Empty(t, c.DNS.RoleArn)
			assert.False(t, c.DeletionProtection)
			assert.True(t, c.ForceDestroy)
			assert.Empty(t, c.Database.SnapshotShareAccounts)
			assert.False(t, c.Features.BackupVaultLock, "a locked vault could not be torn down")
			assert.Equal(t, "", c.Existing.SESReceiptRuleSet, "a new account holds none of the source account's singletons")
			assert.DirExists(t, filepath.Join(o.StateDir, "drills", o.Name, "project"))
			assert.NotContains(t, p.ProjectDir, "..", "the drill's project is in the state folder, not the repository")
		})
	}
}

func TestPlanAppliesOverrides(t *testing.T) {
	o := planOptions(t, "dev", "bcp-1")
	o.Account, o.Domain = "123456789012", "rebuild.example.ca"
	o.Set = map[string]string{"eks.desiredSize": "2", "logRetentionDays": "30"}
	p, err := newPlan(context.Background(), o)
	require.NoError(t, err)
	assert.Equal(t, "123456789012", p.File.Config.AccountID)
	assert.Equal(t, "rebuild.example.ca", p.File.Config.Domain)
	assert.Equal(t, 2, p.File.Config.EKS.DesiredSize)
	assert.Equal(t, "m7i-flex.xlarge", p.File.Config.EKS.InstanceType, "the rest of the object is dev's")
	assert.Equal(t, 30, p.File.Config.LogRetentionDays)
}

func TestPlanRefusals(t *testing.T) {
	cases := map[string]struct {
		mutate func(*Options)
		want   []string
	}{
		"dev":            {func(o *Options) { o.Name = "dev" }, []string{`--name "dev" is a long-lived environment`}},
		"staging":        {func(o *Options) { o.Name = "staging" }, []string{"never touches dev, staging, production"}},
		"production":     {func(o *Options) { o.Name = "production" }, []string{`"production"`}},
		"bad name":       {func(o *Options) { o.Name = "BCP_1" }, []string{`--name "BCP_1"`, "lowercase letters"}},
		"environment":    {func(o *Options) { o.Environment = "staging" }, []string{`--environment "staging"`}},
		"no source":      {func(o *Options) { o.From = "" }, []string{"--from is required", "dev, production, staging"}},
		"unknown source": {func(o *Options) { o.From = "qa" }, []string{`--from "qa": no stack file Pulumi.qa.yaml`}},
		"dev's account":  {func(o *Options) { o.Account = "800095993820" }, []string{"--account 800095993820 runs the environment dev", "--allow-occupied-account"}},
		"occupied account": {func(o *Options) {
			o.Occupant = func(context.Context, string) (string, error) { return "the world holds 3 resources", nil }
		}, []string{"is not empty: the world holds 3 resources"}},
		"aws needs account":  {func(o *Options) { o.Cloud = infra.CloudAWS }, []string{"--account is required with --cloud aws", "--domain is required with --cloud aws"}},
		"bad override":       {func(o *Options) { o.Set = map[string]string{"eks.desiredSize": "[unclosed"} }, []string{"--set eks.desiredSize=[unclosed"}},
		"invalid override":   {func(o *Options) { o.Set = map[string]string{"eks.desiredSize": "-3"} }, []string{"configuration (dev with the overrides) is invalid", "desiredSize"}},
		"override of a leaf": {func(o *Options) { o.Set = map[string]string{"eks.instanceType.x": "1"} }, []string{"instanceType is not an object"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			o := planOptions(t, "dev", "bcp-1")
			tc.mutate(o)
			_, err := newPlan(context.Background(), o)
			var refused *RefusedError
			require.ErrorAs(t, err, &refused)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.NoDirExists(t, filepath.Join(o.StateDir, "drills", o.Name), "a refused drill creates nothing")
		})
	}
	t.Run("occupied account allowed explicitly", func(t *testing.T) {
		o := planOptions(t, "dev", "bcp-1")
		o.Account, o.AllowOccupiedAccount = "800095993820", true
		o.Occupant = func(context.Context, string) (string, error) { return "dev", nil }
		_, err := newPlan(context.Background(), o)
		require.NoError(t, err)
	})
}

func TestRunRefusesAnExistingDrillName(t *testing.T) {
	o := planOptions(t, "dev", "bcp-1")
	require.NoError(t, writeRecord(o.dir(), &Record{Setup: Setup{Name: "bcp-1"}}))
	_, err := Run(context.Background(), *o)
	require.ErrorContains(t, err, "a drill of that name exists")
	_, statErr := os.Stat(filepath.Join(o.dir(), "project"))
	assert.True(t, os.IsNotExist(statErr))
}
