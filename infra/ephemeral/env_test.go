package ephemeral

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

var t0 = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)

// project copies the repository's project and stack files into a folder of the test's.
func project(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join("..", "..", "Pulumi*.yaml"))
	require.NoError(t, err)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(f)), raw, 0o600))
	}
	return dir
}

func engine(t *testing.T) *Engine {
	return &Engine{ProjectDir: project(t), StateDir: t.TempDir()}
}

func createOptions(name string) CreateOptions {
	return CreateOptions{Name: name, From: "dev", Cloud: infra.CloudSim, TTL: 72 * time.Hour, Owner: "jane.doe", Now: func() time.Time { return t0 }}
}

func TestPlanWritesAValidStackFileWithTheMetadata(t *testing.T) {
	g := engine(t)
	e, f, err := g.Plan(context.Background(), createOptions("exp-1"))
	require.NoError(t, err)
	assert.Equal(t, "exp-1", e.Environment, "a short name is its own environment")
	assert.Equal(t, SimAccount("env", "exp-1"), e.Account)
	assert.NotEqual(t, SimAccount("drill", "exp-1"), e.Account, "a drill and an environment of one name never share an account")
	assert.Equal(t, "exp-1.env.notification.invalid", e.Domain)
	assert.Equal(t, "jane.doe", e.Owner)
	assert.Equal(t, "dev", e.Source)
	assert.Equal(t, infra.CloudSim, e.Cloud)
	assert.Equal(t, t0, e.Created)
	assert.Equal(t, t0.Add(72*time.Hour), e.Expires)
	assert.True(t, f.Config.Ephemeral)
	assert.False(t, f.Config.Features.BackupVaultLock)
	assert.Equal(t, filepath.Join(g.StateDir, "envs", "exp-1", "project"), e.ProjectDir)
	assert.NoFileExists(t, filepath.Join(g.ProjectDir, "Pulumi.exp-1.yaml"), "the repository is never written")
	assert.Equal(t, []string{"exp-1"}, Names(g.StateDir))

	assert.False(t, e.Expired(t0.Add(71*time.Hour)))
	assert.True(t, e.Expired(t0.Add(72*time.Hour)))
}

func TestPlanRefusalsListEveryProblemAndWriteNothing(t *testing.T) {
	cases := map[string]struct {
		mutate func(*CreateOptions)
		want   []string
	}{
		"dev":             {func(o *CreateOptions) { o.Name = "dev" }, []string{`name "dev" is a long-lived environment`}},
		"production":      {func(o *CreateOptions) { o.Name = "production" }, []string{"never touches dev, staging, production"}},
		"repository file": {func(o *CreateOptions) { o.Name = "qa" }, []string{`name "qa": the project has a stack file Pulumi.qa.yaml`}},
		"bad name":        {func(o *CreateOptions) { o.Name = "Exp_1" }, []string{`name "Exp_1"`, "lowercase letters"}},
		"no ttl":          {func(o *CreateOptions) { o.TTL = 0 }, []string{"--ttl 0s: want a duration from 1m to 720h0m0s"}},
		"long ttl":        {func(o *CreateOptions) { o.TTL = 800 * time.Hour }, []string{"--ttl 800h0m0s"}},
		"no owner":        {func(o *CreateOptions) { o.Owner = "" }, []string{`--owner ""`}},
		"bad owner":       {func(o *CreateOptions) { o.Owner = "jane doe" }, []string{`--owner "jane doe"`}},
		"unknown source":  {func(o *CreateOptions) { o.From = "qa2" }, []string{`--from "qa2": no stack file`}},
		"dev's account":   {func(o *CreateOptions) { o.Account = "800095993820" }, []string{"--account 800095993820 runs the environment dev", "--allow-occupied-account"}},
		"world's account": {func(o *CreateOptions) {
			o.Occupant = func(context.Context, string) (string, error) {
				return "the simulated world holds 3 resources of stack x", nil
			}
		}, []string{"is not empty: the simulated world holds 3 resources"}},
		"aws": {func(o *CreateOptions) { o.Cloud = infra.CloudAWS }, []string{"--account is required with --cloud aws", "--domain is required"}},
		"everything at once": {func(o *CreateOptions) { o.Name, o.TTL, o.Owner = "staging", time.Second, "" },
			[]string{`name "staging"`, "--ttl 1s", `--owner ""`}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			g := engine(t)
			require.NoError(t, os.WriteFile(filepath.Join(g.ProjectDir, "Pulumi.qa.yaml"), []byte("config: {}\n"), 0o600))
			o := createOptions("exp-1")
			tc.mutate(&o)
			_, _, err := g.Plan(context.Background(), o)
			var refused *RefusedError
			require.ErrorAs(t, err, &refused)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			entries, _ := os.ReadDir(filepath.Join(g.StateDir, "envs"))
			assert.Empty(t, entries, "a refused environment creates nothing")
		})
	}
	t.Run("an existing name", func(t *testing.T) {
		g := engine(t)
		_, _, err := g.Plan(context.Background(), createOptions("exp-1"))
		require.NoError(t, err)
		_, _, err = g.Plan(context.Background(), createOptions("exp-1"))
		require.ErrorContains(t, err, `name "exp-1": an environment of that name exists`)
	})
}

func TestExtendRewritesTheExpiryOnly(t *testing.T) {
	g := engine(t)
	before, f, err := g.Plan(context.Background(), createOptions("exp-1"))
	require.NoError(t, err)
	e, err := Extend(g.StateDir, "exp-1", t0.Add(100*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, t0.Add(100*time.Hour), e.Expires)
	assert.Equal(t, before.Created, e.Created)
	assert.Equal(t, before.Owner, e.Owner)
	after, err := stackfile.Load(e.ProjectDir, "exp-1")
	require.NoError(t, err)
	assert.Equal(t, f.Config, after.Config, "the configuration is unchanged")
	assert.True(t, strings.HasPrefix(string(after.Raw), "# Generated by notifyctl env create"), "the header stays")

	_, err = Extend(g.StateDir, "nope", t0)
	var nf *NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Contains(t, err.Error(), "environments: exp-1")
}

func TestGuardNeverLetsALongLivedStackThrough(t *testing.T) {
	g := engine(t)
	// A state folder that holds a copy of a permanent stack's file under envs/ is still refused.
	for _, name := range []string{"dev", "staging", "production"} {
		dir := filepath.Join(g.StateDir, "envs", name, "project")
		require.NoError(t, os.MkdirAll(dir, 0o700))
		for _, f := range []string{"Pulumi.yaml", "Pulumi." + name + ".yaml"} {
			raw, err := os.ReadFile(filepath.Join(g.ProjectDir, f))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, f), raw, 0o600))
		}
		_, _, err := Guard(g.ProjectDir, g.StateDir, name)
		require.ErrorContains(t, err, "is a long-lived environment")
		_, err = g.Destroy(context.Background(), name)
		require.ErrorContains(t, err, "env commands never operate dev, staging, production")
	}
	require.NoError(t, os.WriteFile(filepath.Join(g.ProjectDir, "Pulumi.perf.yaml"), []byte("config: {}\n"), 0o600))
	_, _, err := Guard(g.ProjectDir, g.StateDir, "perf")
	require.ErrorContains(t, err, "has a stack file Pulumi.perf.yaml in the repository")
	_, _, err = Guard(g.ProjectDir, g.StateDir, "exp-9")
	require.ErrorContains(t, err, `no short-lived environment "exp-9"`)
}

func TestReapDryRunListsTheExpiredOnly(t *testing.T) {
	g := engine(t)
	short, long := createOptions("exp-short"), createOptions("exp-long")
	short.TTL = time.Minute
	for _, o := range []CreateOptions{short, long} {
		_, _, err := g.Plan(context.Background(), o)
		require.NoError(t, err)
	}
	got, err := g.Reap(context.Background(), t0.Add(30*time.Second), true)
	require.NoError(t, err)
	assert.Empty(t, got)
	got, err = g.Reap(context.Background(), t0.Add(2*time.Minute), true)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "exp-short", got[0].Name)
	assert.False(t, got[0].Removed, "a dry run removes nothing")
	assert.Equal(t, []string{"exp-long", "exp-short"}, Names(g.StateDir))
}
