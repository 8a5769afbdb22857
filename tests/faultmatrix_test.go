package tests

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cli"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// The fault matrix interrupts ups and destroys in every way an operation can stop, at seeded
// points, runs the documented recovery, and checks that the state and the simulated world agree:
// no orphan, no duplicate, nothing lost. It runs a small program (a key, queues with their
// policies, roles and log groups: 41 resources with dependencies) so the machinery, not the
// estate's size, is what is tested; `make soak` runs it at more points.

// interruption is one way an operation stops.
type interruption string

const (
	failStep   interruption = "a step fails"
	ctrlC      interruption = "one Ctrl-C"
	hangCtrlC  interruption = "a hung step, then Ctrl-C"
	doubleCtrl interruption = "two Ctrl-C while a step never answers"
	killEngine interruption = "SIGKILL of the engine"
)

var interruptions = []interruption{failStep, ctrlC, hangCtrlC, doubleCtrl, killEngine}

// matrixProgram is the small program of the fault matrix.
func matrixProgram(ctx *pulumi.Context) error {
	p, err := aws.NewProvider(ctx, "aws", &aws.ProviderArgs{Region: pulumi.String("ca-central-1"),
		AllowedAccountIds: pulumi.ToStringArray([]string{"800095993820"})})
	if err != nil {
		return err
	}
	key, err := kms.NewKey(ctx, "key", &kms.KeyArgs{EnableKeyRotation: pulumi.Bool(true)}, pulumi.Provider(p))
	if err != nil {
		return err
	}
	for i := 0; i < 12; i++ {
		q, err := sqs.NewQueue(ctx, fmt.Sprintf("queue-%02d", i), &sqs.QueueArgs{Name: pulumi.Sprintf("matrix-queue-%02d", i),
			KmsMasterKeyId: key.Arn}, pulumi.Provider(p))
		if err != nil {
			return err
		}
		if _, err := sqs.NewQueuePolicy(ctx, fmt.Sprintf("queue-%02d", i), &sqs.QueuePolicyArgs{QueueUrl: q.Url,
			Policy: pulumi.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"%s","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, q.Arn)},
			pulumi.Provider(p)); err != nil {
			return err
		}
	}
	for i := 0; i < 8; i++ {
		if _, err := iam.NewRole(ctx, fmt.Sprintf("role-%d", i), &iam.RoleArgs{
			AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)},
			pulumi.Provider(p)); err != nil {
			return err
		}
		if _, err := cloudwatch.NewLogGroup(ctx, fmt.Sprintf("logs-%d", i), &cloudwatch.LogGroupArgs{
			Name: pulumi.Sprintf("/matrix/%d", i), KmsKeyId: key.Arn, RetentionInDays: pulumi.Int(14)}, pulumi.Provider(p)); err != nil {
			return err
		}
	}
	return nil
}

// matrixResources are the program's resources (type::name), where faults are placed.
var matrixResources = func() []string {
	out := []string{"aws:kms/key:Key::key"}
	for i := 0; i < 12; i++ {
		out = append(out, fmt.Sprintf("aws:sqs/queue:Queue::queue-%02d", i), fmt.Sprintf("aws:sqs/queuePolicy:QueuePolicy::queue-%02d", i))
	}
	for i := 0; i < 8; i++ {
		out = append(out, fmt.Sprintf("aws:iam/role:Role::role-%d", i), fmt.Sprintf("aws:cloudwatch/logGroup:LogGroup::logs-%d", i))
	}
	return out
}()

// matrixCase is one cell: an operation, how it stops, and after how many completed steps.
type matrixCase struct {
	op    infra.Operation
	how   interruption
	after int
}

func (c matrixCase) String() string { return fmt.Sprintf("%s/%s/after-%d", c.op, c.how, c.after) }

// matrixPoints is how many points per interruption (FAULT_MATRIX_POINTS, default 1).
func matrixPoints() int {
	if n, err := strconv.Atoi(os.Getenv("FAULT_MATRIX_POINTS")); err == nil && n > 0 {
		return n
	}
	return 1
}

// TestFaultMatrix interrupts ups and destroys every way and checks the documented recovery ends
// with the state equal to the world.
func TestFaultMatrix(t *testing.T) {
	requireEngine(t)
	seed := time.Now().UnixNano()
	if s, err := strconv.ParseInt(os.Getenv("FAULT_MATRIX_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("seed %d (FAULT_MATRIX_SEED reproduces it), %d points per interruption", seed, matrixPoints())
	rnd := rand.New(rand.NewSource(seed))
	var cases []matrixCase
	for _, op := range []infra.Operation{infra.OpUp, infra.OpDestroy} {
		for _, how := range interruptions {
			for i := 0; i < matrixPoints(); i++ {
				cases = append(cases, matrixCase{op: op, how: how, after: 2 + rnd.Intn(len(matrixResources)-4)})
			}
		}
	}
	var interrupted, orphansLeft atomic.Int32
	t.Cleanup(func() {
		t.Logf("fault matrix: %d operations interrupted, %d orphans or lost resources left after recovery", interrupted.Load(), orphansLeft.Load())
	})
	for _, c := range cases {
		t.Run(c.String(), func(t *testing.T) {
			t.Parallel()
			left := runMatrixCase(t, c)
			interrupted.Add(1)
			orphansLeft.Add(int32(left))
		})
	}
}

// runMatrixCase runs one cell and returns how many resources disagree after the recovery (the
// assertions fail the test when any do).
func runMatrixCase(t *testing.T, c matrixCase) int {
	project, state := projectWith(t), t.TempDir()
	f, err := stackfile.Load(project, "dev")
	require.NoError(t, err)
	simOpts := cli.SimOptions(f, 0.002, cloudsim.WorldFile(state))
	simOpts.ReleaseImages = nil
	sim, err := cloudsim.Start(context.Background(), simOpts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = sim.Close() })
	open := func() *infra.Stack {
		s, err := infra.Open(context.Background(), infra.Options{Stack: "dev", Cloud: infra.CloudSim, ProjectDir: project,
			StateDir: state, CLI: requireEngine(t), Env: sim.Env(), Program: matrixProgram,
			LookupEnv: func(string) (string, bool) { return "", false }, Inventory: cli.SimInventory(sim)})
		require.NoError(t, err)
		return s
	}
	// The world and the state are the test's temporary files: nothing to tear down.
	stack := open()
	if c.op == infra.OpDestroy {
		_, err := stack.Up(context.Background(), infra.RunOptions{})
		require.NoError(t, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The point: after `after` completed steps (Ctrl-C, SIGKILL), or the step of one resource
	// chosen by it (a failing, hung or stuck step, fired when that step starts).
	target := matrixResources[c.after%len(matrixResources)]
	targetURN := "urn:pulumi:dev::gcnotify::" + target
	var done atomic.Int32
	trigger := make(chan struct{})
	var fired atomic.Bool
	fire := func() {
		if fired.CompareAndSwap(false, true) {
			close(trigger)
		}
	}
	observe := func(e infra.Event) {
		if e.Planning || !e.Resource.Custom {
			return
		}
		switch c.how {
		case hangCtrlC, doubleCtrl:
			if e.Kind == infra.ResourceStarted && e.Resource.URN == targetURN {
				go func() { time.Sleep(100 * time.Millisecond); fire() }()
			}
		default:
			if e.Kind == infra.ResourceDone && int(done.Add(1)) == c.after {
				fire()
			}
		}
	}
	fault := cloudsim.Fault{URN: targetURN, Op: opVerb(c.op)}
	switch c.how {
	case failStep:
		fault.Mode = cloudsim.FailOnce
		sim.AddFault(fault)
	case hangCtrlC:
		fault.Mode = cloudsim.HangOnce
		sim.AddFault(fault)
	case doubleCtrl:
		fault.Mode = cloudsim.Stuck
		sim.AddFault(fault)
	}
	result := make(chan error, 1)
	go func() {
		var err error
		if c.op == infra.OpUp {
			_, err = stack.Up(ctx, infra.RunOptions{Observer: observe})
		} else {
			_, err = stack.Destroy(ctx, infra.RunOptions{Observer: observe, Unprotect: true})
		}
		result <- err
	}()
	select {
	case <-trigger:
	case err := <-result: // a failing step may end the operation first
		result <- err
	}
	switch c.how {
	case ctrlC, hangCtrlC:
		cancel()
	case doubleCtrl:
		cancel()
		time.Sleep(20 * time.Millisecond)
		stack.Interrupt()
	case killEngine:
		killEngines(t, stack.WorkDir())
	}
	var opErr error
	select {
	case opErr = <-result:
	case <-time.After(3 * time.Minute):
		t.Fatalf("%s: the interrupted operation did not return", c)
	}
	sim.ClearFaults()
	t.Logf("%s: %v", c, opErr)

	// The documented recovery: an operation whose state was saved is run again; one that was
	// not is refused until `orphans --adopt` reconciled it.
	stack = open()
	rep, err := stack.Orphans(context.Background())
	require.NoError(t, err)
	if rep.Unfinished != nil || len(rep.StaleLocks) > 0 {
		sim.SetAdopt(true)
		rep, err = stack.Adopt(context.Background(), infra.RunOptions{})
		sim.SetAdopt(false)
		require.NoError(t, err, "orphans --adopt")
	} else {
		assert.True(t, rep.Clean(), "%s: a stop that saved its state leaves nothing to reconcile: %+v", c, rep)
	}
	if c.op == infra.OpUp {
		_, err = stack.Up(context.Background(), infra.RunOptions{})
	} else {
		_, err = stack.Destroy(context.Background(), infra.RunOptions{Unprotect: true})
	}
	require.NoError(t, err, "%s: the rerun", c)

	final, err := stack.Orphans(context.Background())
	require.NoError(t, err)
	assert.Empty(t, final.Orphans, "%s: no orphan", c)
	assert.Empty(t, final.Lost, "%s: nothing lost", c)
	seen := map[string]int{}
	for _, r := range sim.StackResources("dev") {
		seen[r.URN]++
	}
	for urn, n := range seen {
		assert.Equal(t, 1, n, "%s: one resource per URN: %s", c, urn)
	}
	urns, err := stack.StateURNs(context.Background())
	require.NoError(t, err)
	if c.op == infra.OpDestroy {
		assert.Empty(t, urns, "%s: the destroy finished", c)
		assert.Empty(t, seen, "%s: the world holds nothing of the stack", c)
	} else {
		assert.Len(t, seen, 41, "%s: every resource of the program exists once", c)
	}
	return len(final.Orphans) + len(final.Lost)
}

func opVerb(op infra.Operation) string {
	if op == infra.OpDestroy {
		return "delete"
	}
	return "create"
}

// killEngines sends SIGKILL to every Pulumi CLI process working in dir (the stack's workspace).
func killEngines(t *testing.T, dir string) {
	t.Helper()
	procs, _ := filepath.Glob("/proc/[0-9]*/cwd")
	killed := 0
	for _, p := range procs {
		if target, err := os.Readlink(p); err == nil && target == dir {
			pid, _ := strconv.Atoi(strings.Split(p, "/")[2])
			if pid != os.Getpid() && syscall.Kill(pid, syscall.SIGKILL) == nil {
				killed++
			}
		}
	}
	if killed == 0 {
		t.Logf("no engine was running in %s (the operation had already ended)", dir)
	}
}
