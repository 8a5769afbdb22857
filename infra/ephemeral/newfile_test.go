package ephemeral

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

func TestNewAccountStackFileIsValidAndTheNewAccounts(t *testing.T) {
	dir := project(t)
	path, err := NewAccountStackFile(NewAccountOptions{Name: "perf", Account: "123456789012", Domain: "perf.notification.cdssandbox.xyz", ProjectDir: dir})
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "Pulumi.perf.yaml"), path)
	f, err := stackfile.Load(dir, "perf")
	require.NoError(t, err)
	c := f.Config
	assert.Equal(t, "perf", c.Environment)
	assert.Equal(t, "123456789012", c.AccountID)
	assert.Equal(t, "perf.notification.cdssandbox.xyz", c.Domain)
	assert.Equal(t, "perf.notification.cdssandbox.xyz", c.DNS.ZoneName)
	assert.True(t, c.DNS.CreateZone)
	assert.Empty(t, c.DNS.DelegatedAccounts, "staging's delegation to dev is staging's")
	assert.Empty(t, c.Database.SnapshotShareAccounts)
	assert.Equal(t, 8, c.EKS.DesiredSize, "the rest is staging's")
	assert.True(t, c.DeletionProtection, "staging's protection settings are kept")

	_, err = NewAccountStackFile(NewAccountOptions{Name: "perf", Account: "123456789013", Domain: "perf2.notification.cdssandbox.xyz", ProjectDir: dir})
	require.ErrorContains(t, err, "Pulumi.perf.yaml exists: env new never overwrites a stack file")
}

func TestNewAccountStackFileRefusalsListEveryProblem(t *testing.T) {
	dir := project(t)
	_, err := NewAccountStackFile(NewAccountOptions{Name: "a-very-long-name", Account: "12345", Domain: "Not A Domain", From: "qa", ProjectDir: dir})
	require.Error(t, err)
	for _, w := range []string{`name "a-very-long-name"`, `--account "12345": want a 12-digit`, `--domain "Not A Domain"`, `--from "qa": no stack file`} {
		assert.Contains(t, err.Error(), w)
	}
	_, err = NewAccountStackFile(NewAccountOptions{Name: "perf", Account: "239043911459", Domain: "staging.notification.cdssandbox.xyz", ProjectDir: dir})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "--account 239043911459 runs the environment staging")
	assert.Contains(t, err.Error(), "is the domain of staging")
	_, err = NewAccountStackFile(NewAccountOptions{Name: "production", Account: "123456789012", Domain: "p.example.ca", ProjectDir: dir})
	require.ErrorContains(t, err, `name "production" is a long-lived environment`)
	files, _ := filepath.Glob(filepath.Join(dir, "Pulumi.*.yaml"))
	assert.Len(t, files, 3, "nothing written: dev, staging and production only")
	_, statErr := os.Stat(filepath.Join(dir, "Pulumi.perf.yaml"))
	assert.True(t, os.IsNotExist(statErr))
}

func TestStepsForNamesTheEnvironment(t *testing.T) {
	steps := StepsFor("perf", "123456789012", "perf.example.ca")
	require.Len(t, steps, len(ManualSteps))
	joined := ""
	for _, s := range steps {
		joined += s.Step + " " + s.Check + "\n"
		assert.NotEmpty(t, s.Check)
	}
	assert.Contains(t, joined, "s3://gcnotify-pulumi-state-123456789012")
	assert.Contains(t, joined, "dig NS perf.example.ca")
	assert.Contains(t, joined, "--stack perf")
	assert.NotContains(t, joined, "<domain>")
}
