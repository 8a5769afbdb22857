package stackfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// project makes a project folder with the repository's Pulumi.yaml and dev stack file, plus a
// short-lived stack "drill1" made from dev's configuration and extra lines.
func project(t *testing.T, drillExtra string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"Pulumi.yaml", "Pulumi.dev.yaml"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), raw, 0o644))
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "Pulumi.dev.yaml"))
	require.NoError(t, err)
	drill := strings.Replace(string(raw), "config:\n", "config:\n"+drillExtra, 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.drill1.yaml"), []byte(drill), 0o644))
	return dir
}

func TestShortLivedStacksMustBeEphemeral(t *testing.T) {
	dir := project(t, "")
	_, err := Load(dir, "drill1")
	var cerr *ConfigError
	require.ErrorAs(t, err, &cerr)
	assert.Contains(t, err.Error(), "gcnotify:ephemeral: true")

	dir = project(t, "  gcnotify:ephemeral: true\n")
	f, err := Load(dir, "drill1")
	require.NoError(t, err)
	assert.True(t, f.Config.Ephemeral)
	assert.False(t, f.Config.Protect())
	assert.Equal(t, "drill1", f.Config.Environment, "the environment defaults to the stack name")
	assert.Equal(t, []string{"dev", "drill1"}, Available(dir))
}

func TestLoadReadsEveryKeyAndHidesSecrets(t *testing.T) {
	dir := project(t, "  gcnotify:ephemeral: true\n  gcnotify:slackWebhookUrl:\n    secure: v1:AAAA:BBBB\n  gcnotify:tags:\n    Team: notify\n")
	f, err := Load(dir, "drill1")
	require.NoError(t, err)
	assert.Equal(t, "[secret]", f.Values["gcnotify:slackWebhookUrl"])
	assert.Equal(t, []string{"gcnotify:slackWebhookUrl"}, f.SecretKeys)
	assert.JSONEq(t, `{"Team":"notify"}`, f.Values["gcnotify:tags"], "objects reach the program as JSON")
	assert.Equal(t, "notify", f.Config.Tags["Team"])
}

func TestNamesAndMissingFiles(t *testing.T) {
	for _, bad := range []string{"", "a", "Dev", "dev_1", "1dev", "averyverylongname"} {
		var nerr *NameError
		assert.ErrorAs(t, CheckName(bad), &nerr, bad)
	}
	for _, good := range []string{"dev", "staging", "production", "drill-1"} {
		assert.NoError(t, CheckName(good))
	}
	_, err := Load(project(t, ""), "qa")
	var merr *MissingError
	require.ErrorAs(t, err, &merr)
	assert.Equal(t, []string{"dev", "drill1"}, merr.Available)

	_, err = FindProjectDir(t.TempDir())
	assert.ErrorContains(t, err, "--project-dir")
	dir, err := FindProjectDir(filepath.Join("..", "render"))
	require.NoError(t, err)
	abs, _ := filepath.Abs(filepath.Join("..", ".."))
	assert.Equal(t, abs, dir)
}

func TestKeysOutsideTheProjectNamespaceAreRefused(t *testing.T) {
	dir := project(t, "  gcnotify:ephemeral: true\n  gcnotfy:domain: example.ca\n  aws:region: us-east-1\n")
	_, err := Load(dir, "drill1")
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Contains(t, err.Error(), "aws:region, gcnotfy:domain: unknown keys")
}

func TestWebhookURLsInClearTextAreRefused(t *testing.T) {
	dir := project(t, "  gcnotify:ephemeral: true\n  gcnotify:slackWebhookUrl: https://hooks.slack.com/services/T0/B0/x\n")
	_, err := Load(dir, "drill1")
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Contains(t, err.Error(), "gcnotify:slackWebhookUrl: got a value in clear text, want a secret")
	assert.NotContains(t, err.Error(), "hooks.slack.com", "the value itself is never repeated")
}
