package tests

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cli"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/drill"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

// drillRig runs drills into one state folder, whose simulated world they share with whatever
// else the test deploys there.
type drillRig struct {
	t          *testing.T
	cli        string
	projectDir string
	stateDir   string
	faults     []cloudsim.Fault
}

func newDrillRig(t *testing.T, faults ...cloudsim.Fault) *drillRig {
	return &drillRig{t: t, cli: requireEngine(t), projectDir: pulumimock.ProjectDir(t, environments...), stateDir: t.TempDir(), faults: faults}
}

// connect starts the simulated cloud on the state folder's world, with the rig's faults.
func (r *drillRig) connect(ctx context.Context, f *stackfile.File) (drill.Cloud, error) {
	o := cli.SimOptions(f, 0, cloudsim.WorldFile(r.stateDir))
	o.Faults = r.faults
	sim, err := cloudsim.Start(ctx, o)
	if err != nil {
		return nil, err
	}
	return drill.SimCloud{Sim: sim}, nil
}

func (r *drillRig) options(name string) drill.Options {
	return drill.Options{From: "dev", Name: name, Cloud: infra.CloudSim, ProjectDir: r.projectDir, StateDir: r.stateDir,
		Base:     infra.Options{CLI: r.cli, LookupEnv: func(string) (string, bool) { return "", false }},
		Occupant: drill.SimOccupant(r.stateDir), Connect: r.connect, Progress: func(s string) { r.t.Log(s) }}
}

// world is what the state folder's world holds: type and id of every resource, by account.
func (r *drillRig) world() map[string][]string {
	res, err := cloudsim.ReadWorld(cloudsim.WorldFile(r.stateDir))
	require.NoError(r.t, err)
	out := map[string][]string{}
	for _, x := range res {
		out[x.Account] = append(out[x.Account], x.Type+" "+x.ID)
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

// requireNothingOf checks a drill left nothing: no resource in its account or of its stack,
// its stack gone from the backend, its record torn down.
func (r *drillRig) requireNothingOf(rep *drill.Report) {
	r.t.Helper()
	res, err := cloudsim.ReadWorld(cloudsim.WorldFile(r.stateDir))
	require.NoError(r.t, err)
	for _, x := range res {
		assert.NotEqual(r.t, rep.Account, x.Account, "left in the drill's account: %s %s", x.Type, x.ID)
	}
	assert.Empty(r.t, rep.Leftovers)
	err = infra.RequireStack(infra.Options{Stack: rep.Name, Cloud: infra.CloudSim, ProjectDir: filepath.Join(drill.Dir(r.stateDir, rep.Name), "project"),
		StateDir: r.stateDir, LookupEnv: func(string) (string, bool) { return "", false }})
	var missing *infra.StackNotFoundError
	assert.ErrorAs(r.t, err, &missing, "the drill's stack is removed from the backend")
	rec, err := drill.ReadRecord(r.stateDir, rep.Name)
	require.NoError(r.t, err)
	assert.True(r.t, rec.TornDown)
	for _, f := range []string{"report.md", "report.json"} {
		assert.FileExists(r.t, filepath.Join(drill.Dir(r.stateDir, rep.Name), f))
	}
}

// TestDrillRebuildsDevBesideDevAndLeavesNothing deploys dev, then rebuilds dev from scratch as a
// drill in the same simulated world: the drill's report has every part, its verification passes,
// it leaves nothing, and dev's resources and state are exactly as they were.
func TestDrillRebuildsDevBesideDevAndLeavesNothing(t *testing.T) {
	t.Parallel()
	r := newDrillRig(t)
	ctx := context.Background()
	f, err := stackfile.Load(r.projectDir, "dev")
	require.NoError(t, err)
	sim, err := cloudsim.Start(ctx, cli.SimOptions(f, 0, cloudsim.WorldFile(r.stateDir)))
	require.NoError(t, err)
	devOpts := infra.Options{Stack: "dev", Cloud: infra.CloudSim, ProjectDir: r.projectDir, StateDir: r.stateDir, CLI: r.cli,
		Env: sim.Env(), LookupEnv: func(string) (string, bool) { return "", false }, Registry: cli.SimRegistry(sim),
		ImageSource: cloudsim.ReleaseRegistry, Inventory: cli.SimInventory(sim)}
	dev, err := infra.Open(ctx, devOpts)
	require.NoError(t, err)
	_, err = dev.Up(ctx, infra.RunOptions{})
	require.NoError(t, err)
	devURNs, err := dev.StateURNs(ctx)
	require.NoError(t, err)
	require.NoError(t, sim.Close())
	before := r.world()
	require.NotEmpty(t, before[f.Config.AccountID])

	who, err := drill.SimOccupant(r.stateDir)(ctx, f.Config.AccountID)
	require.NoError(t, err)
	assert.Contains(t, who, "resources of stack dev", "dev's account is occupied")

	rep, err := drill.Run(ctx, r.options("bcp-20261201-0930"))
	require.NoError(t, err)
	assert.Equal(t, drill.StatusSucceeded, rep.Status)
	var phases []string
	for _, p := range rep.Phases {
		phases = append(phases, p.Name)
		assert.Equal(t, "ok", p.Status, p.Name)
	}
	assert.Equal(t, []string{drill.PhaseBootstrap, drill.PhasePreview, drill.PhaseImages + ": registries", drill.PhaseImages + ": images",
		drill.PhaseDeploy, drill.PhaseVerify, drill.PhaseTeardown}, phases)
	require.NotNil(t, rep.Deploy)
	assert.Greater(t, rep.Resources, 500)
	assert.NotEmpty(t, rep.Deploy.CriticalPath)
	assert.Len(t, rep.Deploy.Slowest, 10)
	assert.Greater(t, rep.Deploy.CriticalPathSeconds, 0.0)
	assert.Greater(t, rep.Deploy.AllowedPeak, 1)
	require.NotEmpty(t, rep.Checks)
	for _, c := range rep.Checks {
		assert.True(t, c.OK, "%s: %s", c.Name, c.Detail)
	}
	assert.NotEmpty(t, rep.ManualSteps)
	r.requireNothingOf(rep)
	dir := drill.Dir(r.stateDir, rep.Name)
	for _, f := range []string{"gantt.svg", "gantt.png"} {
		st, err := os.Stat(filepath.Join(dir, f))
		require.NoError(t, err)
		assert.Greater(t, st.Size(), int64(1000), f)
	}
	md, err := os.ReadFile(filepath.Join(dir, "report.md"))
	require.NoError(t, err)
	for _, want := range []string{"## Where the deployment's time went", "### Critical path", "queued behind the parallelism limit",
		"## Manual steps a rebuild cannot skip", "DNS delegation", "recovery-time objective"} {
		assert.Contains(t, string(md), want)
	}
	var fromJSON drill.Report
	data, err := os.ReadFile(filepath.Join(dir, "report.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &fromJSON))
	assert.Equal(t, rep.Name, fromJSON.Name)

	// Dev is exactly as it was: the drill touched neither its resources nor its state.
	after := r.world()
	assert.Equal(t, before[f.Config.AccountID], after[f.Config.AccountID])
	assert.Equal(t, len(before), len(after), "no account gained or lost resources")
	sim, err = cloudsim.Start(ctx, cli.SimOptions(f, 0, cloudsim.WorldFile(r.stateDir)))
	require.NoError(t, err)
	devOpts.Env, devOpts.Registry, devOpts.Inventory = sim.Env(), cli.SimRegistry(sim), cli.SimInventory(sim)
	dev, err = infra.Open(ctx, devOpts)
	require.NoError(t, err)
	urns, err := dev.StateURNs(ctx)
	require.NoError(t, err)
	assert.Equal(t, devURNs, urns)
	require.NoError(t, sim.Close())

	hist, err := drill.ReadHistory(r.stateDir)
	require.NoError(t, err)
	require.Len(t, hist, 1)
	assert.Equal(t, drill.StatusSucceeded, hist[0].Status)
}

// TestDrillFailureHangAndCancelEndWithAReport: a resource AWS refuses, one that never answers
// and a Ctrl-C each end the drill with its report naming what happened, and an empty world.
func TestDrillFailureHangAndCancelEndWithAReport(t *testing.T) {
	requireEngine(t)
	t.Run("failure", func(t *testing.T) {
		t.Parallel()
		r := newDrillRig(t, cloudsim.Fault{Type: "aws:sqs/queue:Queue", Op: "create", Mode: cloudsim.FailAlways})
		rep, err := drill.Run(context.Background(), r.options("bcp-fail"))
		require.Error(t, err)
		require.NotNil(t, rep)
		assert.Equal(t, drill.StatusFailed, rep.Status)
		require.NotEmpty(t, rep.Failures)
		assert.Equal(t, "aws:sqs/queue:Queue", rep.Failures[0].Type)
		assert.Contains(t, rep.Failures[0].Error, "injected")
		r.requireNothingOf(rep)
	})
	t.Run("hang", func(t *testing.T) {
		t.Parallel()
		r := newDrillRig(t, cloudsim.Fault{Type: "aws:rds/cluster:Cluster", Op: "create", Mode: cloudsim.HangAlways})
		o := r.options("bcp-hang")
		o.DeployTimeout = 20 * time.Second
		rep, err := drill.Run(context.Background(), o)
		require.Error(t, err)
		assert.Equal(t, drill.StatusTimedOut, rep.Status)
		assert.Contains(t, rep.Error, "timeout of 20s")
		var hung bool
		for _, f := range rep.Failures {
			hung = hung || f.Type == "aws:rds/cluster:Cluster"
		}
		assert.True(t, hung, "the report names the resource that never answered: %v", rep.Failures)
		r.requireNothingOf(rep)
	})
	t.Run("cancel", func(t *testing.T) {
		t.Parallel()
		r := newDrillRig(t)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		o := r.options("bcp-cancel")
		var done atomic.Int32
		o.Observer = func(e infra.Event) {
			if e.Kind == infra.ResourceDone && !e.Planning && done.Add(1) == 100 {
				cancel() // Ctrl-C: notifyctl cancels the context the same way
			}
		}
		rep, err := drill.Run(ctx, o)
		require.Error(t, err)
		assert.Equal(t, drill.StatusCancelled, rep.Status)
		r.requireNothingOf(rep)
		hist, err := drill.ReadHistory(r.stateDir)
		require.NoError(t, err)
		require.Len(t, hist, 1)
		assert.Equal(t, drill.StatusCancelled, hist[0].Status)
	})
}
