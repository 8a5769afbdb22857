package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/ephemeral"
)

// planEnv writes an environment's stack file into state (nothing deployed), created at t0.
func planEnv(t *testing.T, state, name string, ttl time.Duration) {
	t.Helper()
	g := &ephemeral.Engine{ProjectDir: filepath.Join("..", ".."), StateDir: state}
	_, _, err := g.Plan(context.Background(), ephemeral.CreateOptions{Name: name, From: "dev", Cloud: infra.CloudSim, TTL: ttl,
		Owner: "jane.doe", Now: func() time.Time { return t0 }})
	require.NoError(t, err)
}

func TestEnvRefusalsTouchNothing(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"create dev", []string{"env", "create", "dev", "--from", "dev", "--yes"}, []string{`name "dev" is a long-lived environment`}},
		{"create production", []string{"env", "create", "production", "--from", "dev", "--yes"}, []string{"never touches dev, staging, production"}},
		{"create without a name", []string{"env", "create", "--from", "dev", "--yes"}, []string{"needs the environment's name"}},
		{"create two names", []string{"env", "create", "a1", "a2", "--from", "dev", "--yes"}, []string{"takes one name, got 2 arguments"}},
		{"create unattended", []string{"env", "create", "exp-1", "--from", "dev", "--owner", "jane"}, []string{"pass --yes to run unattended"}},
		{"create everything wrong", []string{"env", "create", "exp-1", "--from", "qa", "--ttl", "10s", "--cloud", "gcp", "--set", "x", "--account", "800095993820", "--yes"},
			[]string{`--from "qa": no stack file`, "--ttl 10s", "--cloud:", `--set "x"`, `--owner ""`}},
		{"create in dev's account", []string{"env", "create", "exp-1", "--from", "dev", "--owner", "jane", "--account", "800095993820", "--yes"},
			[]string{"--account 800095993820 runs the environment dev", "--allow-occupied-account"}},
		{"create on aws without account", []string{"env", "create", "exp-1", "--from", "dev", "--owner", "jane", "--cloud", "aws", "--yes"}, []string{"--account is required with --cloud aws"}},
		{"destroy dev", []string{"env", "destroy", "dev", "--yes"}, []string{`"dev" is a long-lived environment: env commands never operate dev, staging, production`}},
		{"destroy staging", []string{"env", "destroy", "staging", "--yes"}, []string{`"staging" is a long-lived environment`}},
		{"destroy production", []string{"env", "destroy", "production", "--yes"}, []string{`"production" is a long-lived environment`}},
		{"destroy unknown", []string{"env", "destroy", "exp-9", "--yes"}, []string{`no short-lived environment "exp-9"`}},
		{"extend without ttl", []string{"env", "extend", "exp-1"}, []string{"--ttl 0s: want a duration from 1m"}},
		{"extend unknown", []string{"env", "extend", "exp-9", "--ttl", "1h"}, []string{`no short-lived environment "exp-9"`}},
		{"extend production", []string{"env", "extend", "production", "--ttl", "1h"}, []string{`"production" is a long-lived environment`}},
		{"reap unattended", []string{"env", "reap"}, []string{"pass --yes to run unattended"}},
		{"unknown subcommand", []string{"env", "lsit"}, []string{`unknown command "lsit"`, "did you mean list"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			state := t.TempDir()
			assert.Equal(t, ExitUsage, h.run(append(append([]string{}, c.args...), "--state-dir", state)...), h.stderr.String())
			for _, w := range c.want {
				assert.Contains(t, h.stderr.String(), w)
			}
			assert.Nil(t, h.sim, "the simulated cloud must not start")
			assert.Empty(t, h.opened, "no stack is opened")
			entries, _ := os.ReadDir(filepath.Join(state, "envs"))
			assert.Empty(t, entries, "a refused command creates nothing")
		})
	}
}

func TestEnvListTableAndJSON(t *testing.T) {
	state := t.TempDir()
	planEnv(t, state, "exp-1", 72*time.Hour)
	planEnv(t, state, "exp-2", time.Minute)
	h := newHarness(t)
	h.Now = func() time.Time { return t0.Add(90 * time.Minute) }
	g := &ephemeral.Engine{ProjectDir: filepath.Join("..", ".."), StateDir: state}
	end := t0.Add(10 * time.Minute)
	activity := func(_ context.Context, e *ephemeral.Env) (ephemeral.Activity, error) {
		if e.Name == "exp-2" {
			return ephemeral.Activity{LastResult: "not in the backend"}, nil
		}
		return ephemeral.Activity{Resources: 890, LastUpdate: &end, LastResult: "update succeeded"}, nil
	}
	list, err := EnvList(context.Background(), h.Deps, g, activity)
	require.NoError(t, err)
	require.NoError(t, writeEnvList(h.Deps, list))
	golden(t, "env_list.golden", h.stdout.String())

	require.Len(t, list, 2)
	assert.False(t, list[0].Expired)
	assert.Equal(t, (70*time.Hour + 30*time.Minute).Seconds(), list[0].LeftSeconds)
	assert.True(t, list[1].Expired)
	data, err := json.Marshal(list)
	require.NoError(t, err)
	for _, k := range []string{`"name":"exp-1"`, `"source":"dev"`, `"owner":"jane.doe"`, `"ageSeconds":5400`, `"resources":890`, `"lastResult":"update succeeded"`, `"expired":true`} {
		assert.Contains(t, string(data), k)
	}
}

func TestEnvExtendCountsFromNow(t *testing.T) {
	state := t.TempDir()
	planEnv(t, state, "exp-1", time.Hour)
	h := newHarness(t)
	h.Now = func() time.Time { return t0.Add(50 * time.Minute) }
	require.Equal(t, ExitOK, h.run("env", "extend", "exp-1", "--ttl", "24h", "--state-dir", state), h.stderr.String())
	assert.Contains(t, h.stdout.String(), "expires 2025-06-02T12:50:00Z (in 1d0h)")
	e, _, err := ephemeral.Read(state, "exp-1")
	require.NoError(t, err)
	assert.Equal(t, t0.Add(50*time.Minute+24*time.Hour), e.Expires, "the TTL counts from now, not from the old expiry")
}

func TestEnvReapDryRunListsTheExpired(t *testing.T) {
	state := t.TempDir()
	planEnv(t, state, "exp-1", time.Minute)
	planEnv(t, state, "exp-2", time.Hour)
	h := newHarness(t)
	h.Now = func() time.Time { return t0.Add(2 * time.Minute) }
	require.Equal(t, ExitOK, h.run("env", "reap", "--dry-run", "--state-dir", state), h.stderr.String())
	out := h.stdout.String()
	assert.Contains(t, out, "exp-1")
	assert.Contains(t, out, "would be destroyed (dry run)")
	assert.NotContains(t, out, "exp-2")
	assert.Equal(t, []string{"exp-1", "exp-2"}, ephemeral.Names(state), "a dry run removes nothing")
}

func TestEnvNewWritesAStackFileRenderAccepts(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.staging.yaml", "Pulumi.production.yaml"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), raw, 0o600))
	}
	h := newHarness(t)
	require.Equal(t, ExitUsage, h.run("env", "new", "perf", "--account", "1234", "--domain", "x", "--project-dir", dir))
	assert.Contains(t, h.stderr.String(), `--account "1234": want a 12-digit AWS account id`)
	assert.Contains(t, h.stderr.String(), `--domain "x"`)
	assert.NoFileExists(t, filepath.Join(dir, "Pulumi.perf.yaml"))

	h = newHarness(t)
	require.Equal(t, ExitOK, h.run("env", "new", "perf", "--account", "123456789012", "--domain", "perf.notification.cdssandbox.xyz", "--project-dir", dir), h.stderr.String())
	out := h.stdout.String()
	assert.Contains(t, out, "wrote "+filepath.Join(dir, "Pulumi.perf.yaml"))
	order := []string{"State bucket and secrets key", "Seed the secrets", "DNS delegation", "SES production access", "SMS: order the origination numbers"}
	last := -1
	for _, step := range order {
		i := strings.Index(out, step)
		assert.Greater(t, i, last, "%s comes after the step before it", step)
		last = i
	}
	assert.Contains(t, out, "done when: `dig NS perf.notification.cdssandbox.xyz`")

	h = newHarness(t)
	assert.Equal(t, ExitOK, h.run("render", "--stack", "perf", "--project-dir", dir), h.stderr.String())

	before, err := os.ReadFile(filepath.Join(dir, "Pulumi.perf.yaml"))
	require.NoError(t, err)
	h = newHarness(t)
	require.Equal(t, ExitUsage, h.run("env", "new", "perf", "--account", "123456789013", "--domain", "perf2.notification.cdssandbox.xyz", "--project-dir", dir))
	assert.Contains(t, h.stderr.String(), "never overwrites")
	after, _ := os.ReadFile(filepath.Join(dir, "Pulumi.perf.yaml"))
	assert.Equal(t, string(before), string(after))
}
