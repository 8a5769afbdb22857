package infra

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

func env(kv ...string) func(string) (string, bool) {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestCheckAWSCredentials(t *testing.T) {
	var nc *NoCredentialsError
	require.ErrorAs(t, CheckAWSCredentials(env()), &nc)
	assert.Contains(t, nc.Error(), "--cloud sim")
	require.ErrorAs(t, CheckAWSCredentials(env("AWS_ACCESS_KEY_ID", "AKIA")), &nc, "a key id alone is not enough")
	for _, ok := range [][]string{
		{"AWS_PROFILE", "notify-dev"},
		{"AWS_ACCESS_KEY_ID", "AKIA", "AWS_SECRET_ACCESS_KEY", "s"},
		{"AWS_WEB_IDENTITY_TOKEN_FILE", "/t", "AWS_ROLE_ARN", "arn:aws:iam::1:role/ci"},
		{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/creds"},
	} {
		assert.NoError(t, CheckAWSCredentials(env(ok...)), ok[0])
	}
}

func TestOptionsAreCheckedBeforeAnything(t *testing.T) {
	cases := []struct {
		name string
		opts Options
		want any
		msgs []string
	}{
		{"bad name", Options{Stack: "Prod!", Cloud: CloudSim}, new(*NameError), []string{`"Prod!"`}},
		{"no cloud", Options{Stack: "dev"}, new(*OptionsError), []string{`cloud "" is not known`}},
		{"aws needs a backend", Options{Stack: "dev", Cloud: CloudAWS}, new(*OptionsError), []string{"needs a state backend"}},
		{"relative file backend", Options{Stack: "dev", Cloud: CloudSim, Backend: "file://state"}, new(*OptionsError), []string{"absolute path"}},
		{"unknown backend", Options{Stack: "dev", Cloud: CloudSim, Backend: "gs://b"}, new(*OptionsError), []string{`"gs://b" is not supported`}},
		{"s3 needs kms", Options{Stack: "dev", Cloud: CloudAWS, Backend: "s3://b"}, new(*OptionsError), []string{"KMS secrets provider"}},
		{"bad provider", Options{Stack: "dev", Cloud: CloudSim, SecretsProvider: "vault"}, new(*OptionsError), []string{`"vault"`}},
		{"no stack file", Options{Stack: "nope", Cloud: CloudSim}, new(*MissingStackFileError), []string{"dev, production, staging"}},
		{"aws without passphrase", Options{Stack: "dev", Cloud: CloudAWS, Backend: "file:///tmp/x", LookupEnv: env("AWS_PROFILE", "p")},
			new(*NoCredentialsError), []string{"PULUMI_CONFIG_PASSPHRASE"}},
		{"aws without credentials", Options{Stack: "dev", Cloud: CloudAWS, Backend: "s3://b", SecretsProvider: "awskms://alias/k"},
			new(*NoCredentialsError), []string{"AWS_PROFILE"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.opts.LookupEnv == nil {
				c.opts.LookupEnv = env()
			}
			c.opts.ProjectDir = ".."
			c.opts.StateDir = filepath.Join(t.TempDir(), "state")
			err := Check(c.opts)
			require.Error(t, err)
			require.True(t, errors.As(err, c.want), "got %T: %v", err, err)
			for _, m := range c.msgs {
				assert.Contains(t, err.Error(), m)
			}
			_, statErr := os.Stat(c.opts.StateDir)
			assert.True(t, os.IsNotExist(statErr), "nothing is written")
		})
	}
}

// TestOptionsStackFileAndCredentialsProblemsTogether: a bad backend, an invalid stack file and
// missing credentials are reported by one check, each typed.
func TestOptionsStackFileAndCredentialsProblemsTogether(t *testing.T) {
	dir := t.TempDir()
	raw, err := os.ReadFile("../Pulumi.yaml")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), raw, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"), []byte("config:\n  gcnotify:logRetentionDays: 13\n"), 0o644))
	err = Check(Options{Stack: "dev", Cloud: CloudAWS, Backend: "gs://b", ProjectDir: dir, StateDir: t.TempDir(), LookupEnv: env()})
	var oe *OptionsError
	var ce *ConfigError
	var nc *NoCredentialsError
	require.ErrorAs(t, err, &oe)
	require.ErrorAs(t, err, &ce)
	require.ErrorAs(t, err, &nc)
	for _, m := range []string{`"gs://b" is not supported`, "Pulumi.dev.yaml:2:3: gcnotify:logRetentionDays", "gcnotify:accountId", "PULUMI_CONFIG_PASSPHRASE", "AWS_PROFILE"} {
		assert.Contains(t, err.Error(), m)
	}
}

func TestAProjectDirWithoutTheProjectIsUsage(t *testing.T) {
	err := Check(Options{Stack: "dev", Cloud: CloudSim, ProjectDir: filepath.Join(t.TempDir(), "nonexistent"), LookupEnv: env()})
	var np *NoProjectError
	require.ErrorAs(t, err, &np)
	assert.True(t, IsUsage(err))
}

func TestSimulatedCloudDefaults(t *testing.T) {
	state := t.TempDir()
	r, f, err := Options{Stack: "dev", Cloud: CloudSim, ProjectDir: "..", StateDir: state, LookupEnv: env()}.resolve()
	require.NoError(t, err)
	assert.Equal(t, "file://"+filepath.ToSlash(filepath.Join(state, "backend")), r.Backend)
	assert.Equal(t, PassphraseProvider, r.SecretsProvider)
	assert.Equal(t, map[string]string{"PULUMI_CONFIG_PASSPHRASE": RehearsalPassphrase}, r.passphraseEnv, "rehearsals never prompt")
	assert.Equal(t, "dev", f.Config.Environment)

	r, _, err = Options{Stack: "dev", Cloud: CloudSim, ProjectDir: "..", StateDir: state,
		LookupEnv: env("PULUMI_CONFIG_PASSPHRASE", "mine")}.resolve()
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"PULUMI_CONFIG_PASSPHRASE": "mine"}, r.passphraseEnv,
		"the operator's passphrase wins, and the engine is given the one LookupEnv found, not the process's")

	r, _, err = Options{Stack: "dev", Cloud: CloudSim, ProjectDir: "..", StateDir: state,
		LookupEnv: env("PULUMI_CONFIG_PASSPHRASE_FILE", "/run/secrets/passphrase")}.resolve()
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"PULUMI_CONFIG_PASSPHRASE_FILE": "/run/secrets/passphrase"}, r.passphraseEnv)
}

// TestStackCopyKeepsTheSalt checks the workspace's stack file is the repository's, plus the
// passphrase salt the engine wrote into the previous copy, and that the repository's file is
// never written.
func TestStackCopyKeepsTheSalt(t *testing.T) {
	repoFile := filepath.Join("..", "Pulumi.dev.yaml")
	before, err := os.ReadFile(repoFile)
	require.NoError(t, err)
	f, err := stackfile.Load("..", "dev")
	require.NoError(t, err)

	copyPath := filepath.Join(t.TempDir(), "Pulumi.dev.yaml")
	data, err := stackCopy(f, copyPath)
	require.NoError(t, err)
	assert.Equal(t, string(before), string(data), "first copy: the repository's file as is")

	salt := "v1:Zm9vYmFy:v1:AAAA:BBBB=="
	require.NoError(t, os.WriteFile(copyPath, append(data, []byte("encryptionsalt: "+salt+"\n")...), 0o600))
	data, err = stackCopy(f, copyPath)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), string(before)))
	assert.Contains(t, string(data), `encryptionsalt: "`+salt+`"`)

	after, err := os.ReadFile(repoFile)
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after))
}

func TestParseCloud(t *testing.T) {
	for in, want := range map[string]Cloud{"sim": CloudSim, "AWS": CloudAWS, " aws ": CloudAWS} {
		got, err := ParseCloud(in)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	_, err := ParseCloud("azure")
	assert.ErrorContains(t, err, `"azure"`)
}
