package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/drill"
)

func TestDrillRefusalsTouchNothing(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"no source", []string{"drill", "--cloud", "sim"}, []string{"--from is required"}},
		{"no cloud", []string{"drill", "--from", "dev"}, []string{"--cloud is required for drill"}},
		{"named dev", []string{"drill", "--from", "dev", "--cloud", "sim", "--name", "dev"}, []string{`--name "dev" is a long-lived environment`}},
		{"named production", []string{"drill", "--from", "staging", "--cloud", "sim", "--name", "production"}, []string{"never touches dev, staging, production"}},
		{"named like a repository stack", []string{"drill", "--from", "dev", "--cloud", "sim", "--name", "staging"}, []string{`"staging"`}},
		{"occupied account", []string{"drill", "--from", "dev", "--cloud", "sim", "--account", "239043911459"}, []string{"runs the environment staging", "--allow-occupied-account"}},
		{"aws without account", []string{"drill", "--from", "dev", "--cloud", "aws"}, []string{"--account is required with --cloud aws"}},
		{"bad set", []string{"drill", "--from", "dev", "--cloud", "sim", "--set", "eks.desiredSize"}, []string{`--set "eks.desiredSize": want key=value`}},
		{"negative parallel", []string{"drill", "--from", "dev", "--cloud", "sim", "--parallel", "-1"}, []string{"--parallel -1"}},
		{"cleanup without name", []string{"drill", "cleanup"}, []string{"--name is required"}},
		{"cleanup unknown", []string{"drill", "cleanup", "--name", "bcp-x"}, []string{`no drill named "bcp-x"`}},
		{"unknown subcommand", []string{"drill", "histroy"}, []string{`unknown command "histroy"`, "did you mean history"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			state := t.TempDir()
			h.env["AWS_PROFILE"] = "test"
			args := append(append([]string{}, c.args...), "--state-dir", state)
			if c.name == "unknown subcommand" {
				args = c.args
			}
			assert.Equal(t, ExitUsage, h.run(args...), h.stderr.String())
			for _, w := range c.want {
				assert.Contains(t, h.stderr.String(), w)
			}
			assert.Nil(t, h.sim, "the simulated cloud must not start")
			assert.NoDirExists(t, filepath.Join(state, "drills", "dev"))
			entries, _ := os.ReadDir(filepath.Join(state, "drills"))
			assert.Empty(t, entries, "a refused drill creates nothing")
		})
	}
}

func TestDrillHistory(t *testing.T) {
	h := newHarness(t)
	state := t.TempDir()
	assert.Equal(t, ExitOK, h.run("drill", "history", "--state-dir", state))
	assert.Contains(t, h.stdout.String(), "no drill has run")

	require.NoError(t, os.MkdirAll(filepath.Join(state, "drills"), 0o700))
	lines := ""
	for i, e := range []drill.HistoryEntry{
		{Name: "bcp-1", From: "dev", Cloud: "sim", Start: t0, Status: drill.StatusSucceeded, RecoverySeconds: 240, ProjectedAWSSeconds: 1500, Ratio: 1.01, Resources: 887, RTOMinutes: 240, MetRTO: true},
		{Name: "bcp-2", From: "dev", Cloud: "sim", Start: t0.Add(time.Hour), Status: drill.StatusFailed, RecoverySeconds: 60, Ratio: 1.2, Resources: 887, RTOMinutes: 240},
	} {
		data, err := json.Marshal(e)
		require.NoError(t, err)
		lines += string(data) + "\n"
		_ = i
	}
	require.NoError(t, os.WriteFile(filepath.Join(state, "drills", "history.jsonl"), []byte(lines), 0o600))
	h = newHarness(t)
	assert.Equal(t, ExitOK, h.run("drill", "history", "--state-dir", state))
	out := h.stdout.String()
	assert.Regexp(t, `(?s)bcp-2.*failed.*bcp-1.*succeeded.*25:00.*1\.010.*887.*240 min met`, out, "newest first")
	h = newHarness(t)
	assert.Equal(t, ExitOK, h.run("drill", "history", "--json", "--state-dir", state))
	var got []drill.HistoryEntry
	require.NoError(t, json.Unmarshal(h.stdout.Bytes(), &got))
	assert.Len(t, got, 2)
}
