// Package tests holds the end-to-end tests: the real Pulumi engine (through the infra library
// and notifyctl) against the simulated cloud of infra/cloudsim, for every environment. Each test
// has its own state folder and simulated cloud, and registers its cleanup before creating
// anything. `go test -short` skips them.
package tests

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cli"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

// environments are the permanent stacks every end-to-end test covers.
var environments = []string{"dev", "staging", "production"}

// repoRoot is the repository (this file's parent folder).
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// requireEngine skips in -short mode and when the Pulumi CLI has not been built.
func requireEngine(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: runs the Pulumi engine (skipped with -short)")
	}
	cli, err := infra.FindCLI(repoRoot(t))
	if err != nil {
		t.Skipf("end-to-end test needs the Pulumi CLI: %v", err)
	}
	return cli
}

// rig is one environment's end-to-end setup: a project folder (a copy of the repository's
// project and stack files, so a test can change configuration), a state folder, a simulated
// cloud and the stack.
type rig struct {
	t          *testing.T
	env        string
	cli        string
	projectDir string
	stateDir   string
	sim        *cloudsim.Sim
	stack      *infra.Stack
}

// newRig starts a simulated cloud (with faults) and opens the environment's stack. The cloud
// lives in memory and the state in the test's temporary folder, so cleanup closes the cloud and
// nothing else: tearing an environment down through the engine costs a third of deploying it,
// and the tests that are about destroy (TestEnvironmentLifecycle, the drill, env, the plain CLI)
// destroy and check it themselves. The stack file is the committed one.
func newRig(t *testing.T, env string, faults ...cloudsim.Fault) *rig {
	t.Helper()
	r := &rig{t: t, env: env, cli: requireEngine(t), projectDir: pulumimock.ProjectDir(t, env), stateDir: t.TempDir()}
	ctx := context.Background()
	f, err := stackfile.Load(r.projectDir, env)
	require.NoError(t, err)
	simOpts := cli.SimOptions(f, 0, "")
	simOpts.Faults = faults
	sim, err := cloudsim.Start(ctx, simOpts)
	require.NoError(t, err)
	r.sim = sim
	t.Cleanup(func() { assert.NoError(t, sim.Close()) })
	r.open()
	return r
}

// open (re)opens the stack, reading the stack file again.
func (r *rig) open() *infra.Stack {
	r.t.Helper()
	s, err := infra.Open(context.Background(), r.options())
	require.NoError(r.t, err)
	r.stack = s
	return s
}

func (r *rig) options() infra.Options {
	return infra.Options{Stack: r.env, Cloud: infra.CloudSim, ProjectDir: r.projectDir, StateDir: r.stateDir,
		CLI: r.cli, Env: r.sim.Env(), LookupEnv: func(string) (string, bool) { return "", false },
		Registry: cli.SimRegistry(r.sim), ImageSource: cloudsim.ReleaseRegistry, Inventory: cli.SimInventory(r.sim)}
}

// setConfig rewrites one top-level key's value in the stack file copy.
func (r *rig) setConfig(key, value string) {
	r.t.Helper()
	path := filepath.Join(r.projectDir, "Pulumi."+r.env+".yaml")
	raw, err := os.ReadFile(path)
	require.NoError(r.t, err)
	re := regexp.MustCompile(`(?m)^(\s*gcnotify:` + regexp.QuoteMeta(key) + `:).*$`)
	require.True(r.t, re.Match(raw), "stack file of %s has no gcnotify:%s", r.env, key)
	require.NoError(r.t, os.WriteFile(path, re.ReplaceAll(raw, []byte("${1} "+value)), 0o644))
}

// up deploys and requires success.
func (r *rig) up() *infra.Result {
	r.t.Helper()
	res, err := r.stack.Up(context.Background(), infra.RunOptions{})
	require.NoError(r.t, err)
	require.Empty(r.t, res.Failures())
	return res
}

// requireNoChanges is how every end-to-end test ends: a preview that finds nothing to do.
func (r *rig) requireNoChanges() {
	r.t.Helper()
	res, err := r.stack.Preview(context.Background(), infra.RunOptions{ExpectNoChanges: true})
	if err != nil && res != nil {
		for _, rec := range res.Resources {
			if rec.Op != "same" {
				r.t.Logf("unexpected %s of %s (diffs %v, replace %v)", rec.Op, rec.URN, rec.Diffs, rec.ReplaceReasons)
			}
		}
	}
	require.NoError(r.t, err)
}

// withTimeout is a context for one engine operation.
func withTimeout(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
