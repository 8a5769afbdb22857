package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./infra/cli -update to create %s", path)
	assert.Equal(t, string(want), got, "%s differs; rerun with -update if the change is intended", path)
}

func TestBadCommandLinesTouchNothing(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"no command", nil, []string{"no command given"}},
		{"unknown command", []string{"deploy", "--stack", "dev"}, []string{`unknown command "deploy"`, "preview, up"}},
		{"missing stack and cloud", []string{"up", "--yes"}, []string{"--stack is required", "--cloud is required for up"}},
		{"bad stack name", []string{"preview", "--stack", "Dev_1"}, []string{`"Dev_1"`, "lowercase"}},
		{"bad cloud", []string{"up", "--stack", "dev", "--cloud", "gcp", "--yes"}, []string{`"gcp"`, "sim", "aws"}},
		{"latency with aws", []string{"preview", "--stack", "dev", "--cloud", "aws", "--latency-factor", "0.1"}, []string{"--latency-factor 0.1 applies to --cloud sim only"}},
		{"negative latency", []string{"preview", "--stack", "dev", "--latency-factor", "-3"}, []string{"-3", "want 0 (instant) to 10"}},
		{"latency of -1", []string{"preview", "--stack", "dev", "--latency-factor", "-1"}, []string{"--latency-factor -1", "want 0 (instant) to 10"}},
		{"latency not a number", []string{"preview", "--stack", "dev", "--latency-factor", "NaN"}, []string{"--latency-factor NaN"}},
		{"latency with real AWS", []string{"preview", "--stack", "dev", "--cloud", "aws", "--latency-factor", "0.02"}, []string{"applies to --cloud sim only"}},
		{"stray argument", []string{"preview", "--stack", "dev", "now"}, []string{`unexpected argument "now"`}},
		{"unknown flag", []string{"preview", "--stack", "dev", "--colour"}, []string{"-colour"}},
		{"up unattended", []string{"up", "--stack", "dev", "--cloud", "sim"}, []string{"refusing to up stack dev without a terminal", "--yes"}},
		{"destroy unattended", []string{"destroy", "--stack", "dev", "--cloud", "sim"}, []string{"refusing to destroy", "--yes"}},
		{"unprotect on aws", []string{"destroy", "--stack", "dev", "--cloud", "aws", "--yes", "--unprotect"}, []string{"--unprotect is for --cloud sim only"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			assert.Equal(t, ExitUsage, h.run(c.args...))
			for _, w := range c.want {
				assert.Contains(t, h.stderr.String(), w)
			}
			assert.Empty(t, h.opened, "nothing may be opened")
			assert.Nil(t, h.sim, "the simulated cloud must not start")
			assert.Empty(t, h.stdout.String())
		})
	}
}

// TestChecksRunBeforeAnythingStarts uses the real checks against the repository's stack files.
func TestChecksRunBeforeAnythingStarts(t *testing.T) {
	cases := []struct {
		name string
		args []string
		env  map[string]string
		code int
		want []string
	}{
		{"missing stack file", []string{"up", "--stack", "nope", "--cloud", "sim", "--yes"}, nil, ExitUsage,
			[]string{`stack "nope" has no stack file`, "dev, production, staging"}},
		{"aws without backend", []string{"up", "--stack", "dev", "--cloud", "aws", "--yes"}, nil, ExitUsage,
			[]string{"--cloud aws needs a state backend"}},
		{"aws without credentials", []string{"up", "--stack", "dev", "--cloud", "aws", "--yes"},
			map[string]string{"NOTIFYCTL_BACKEND": "s3://state-bucket", "NOTIFYCTL_SECRETS_PROVIDER": "awskms://alias/state?region=ca-central-1"},
			ExitNoCredentials, []string{"missing AWS credentials", "AWS_PROFILE", "--cloud sim"}},
		{"aws s3 without kms", []string{"preview", "--stack", "dev", "--cloud", "aws", "--backend", "s3://b"}, nil, ExitUsage,
			[]string{"an s3 backend needs a KMS secrets provider"}},
		{"aws passphrase unset", []string{"preview", "--stack", "dev", "--cloud", "aws", "--backend", "file:///tmp/x"},
			map[string]string{"AWS_PROFILE": "notify-dev"}, ExitNoCredentials, []string{"PULUMI_CONFIG_PASSPHRASE"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			h.Check = infra.Inspect
			for k, v := range c.env {
				h.env[k] = v
			}
			assert.Equal(t, c.code, h.run(c.args...), h.stderr.String())
			for _, w := range c.want {
				assert.Contains(t, h.stderr.String(), w)
			}
			assert.Empty(t, h.opened)
			assert.Nil(t, h.sim)
		})
	}
}

func TestInvalidConfigIsExitSeven(t *testing.T) {
	dir := projectWithDevFile(t, "config:\n  gcnotify:logRetentionDays: 13\n")
	h := newHarness(t)
	h.Check = infra.Inspect
	assert.Equal(t, ExitInvalidConfig, h.run("preview", "--stack", "dev", "--project-dir", dir))
	assert.Contains(t, h.stderr.String(), "logRetentionDays")
	assert.Contains(t, h.stderr.String(), "accountId")
	assert.Empty(t, h.opened)
}

func TestExitCodes(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("context: %w", err) }
	cases := map[int][]error{
		ExitOK:               {nil},
		ExitFailure:          {errors.New("boom"), &infra.EngineError{Message: "x"}},
		ExitUsage:            {&UsageError{Msg: "x"}, &infra.NameError{Stack: "X"}, &infra.MissingStackFileError{}, &infra.OptionsError{}},
		ExitChanges:          {&infra.ChangesPresentError{}},
		ExitConcurrentUpdate: {&infra.ConcurrentUpdateError{}},
		ExitCancelled:        {&infra.CancelledError{}, DeclinedError{}, context.Canceled},
		ExitResourceFailure:  {&infra.ResourceFailureError{}},
		ExitInvalidConfig:    {&infra.ConfigError{Err: errors.New("x")}},
		ExitNoCredentials:    {&infra.NoCredentialsError{}},
		ExitStackNotFound:    {&infra.StackNotFoundError{}},
	}
	for code, errs := range cases {
		for _, err := range errs {
			assert.Equal(t, code, ExitCode(err), "%T", err)
			if err != nil {
				assert.Equal(t, code, ExitCode(wrap(err)), "wrapped %T", err)
			}
		}
	}
}

func TestUpPreviewsThenDeploysAndPrintsOutputs(t *testing.T) {
	h := newHarness(t)
	h.runner.results["preview"] = sampleResult(infra.OpPreview)
	h.runner.results["up"] = sampleResult(infra.OpUp)
	code := h.run("up", "--stack", "dev", "--cloud", "sim", "--yes", "--latency-factor", "0.5")
	require.Equal(t, ExitOK, code, h.stderr.String())
	assert.Equal(t, []string{"preview", "up"}, h.runner.called())
	require.NotNil(t, h.sim)
	assert.Equal(t, 0.5, h.sim.factor)
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, ".state", "cloudsim", "world.json"), h.sim.stateFile)
	assert.True(t, h.sim.closed, "the simulated cloud is closed at the end")
	require.Len(t, h.opened, 1)
	assert.Equal(t, "aws:1,awsx:2", h.opened[0].Env["PULUMI_DEBUG_PROVIDERS"], "the engine gets the sim's providers")
	assert.Equal(t, infra.CloudSim, h.opened[0].Cloud)
	assert.Contains(t, h.stdout.String(), "vpc-0abc", "outputs end the run")
	assert.Contains(t, h.stderr.String(), "to create", "the plan is shown before applying")
	assert.NotContains(t, h.stderr.String(), "\x1b[", "no cursor control when stderr is not a terminal")
	assert.Contains(t, h.stderr.String(), "created     awsx:ec2:Vpc network-vpc")
}

func TestUpJSON(t *testing.T) {
	h := newHarness(t)
	h.runner.results["preview"] = sampleResult(infra.OpPreview)
	h.runner.results["up"] = sampleResult(infra.OpUp)
	require.Equal(t, ExitOK, h.run("up", "--stack", "dev", "--cloud", "sim", "--yes", "--json"))
	var got map[string]any
	require.NoError(t, json.Unmarshal(h.stdout.Bytes(), &got), h.stdout.String())
	assert.Equal(t, "up", got["operation"])
	assert.Equal(t, "[secret]", got["outputs"].(map[string]any)["webhook"].(map[string]any)["value"])
	assert.Nil(t, got["error"])
}

func TestUpAsksOnATerminal(t *testing.T) {
	for answer, want := range map[string][]string{"no\n": {"preview"}, "yes\n": {"preview", "up"}} {
		h := newHarness(t)
		h.StdinTerminal = true
		h.Stdin = strings.NewReader(answer)
		h.runner.results["preview"] = sampleResult(infra.OpPreview)
		h.runner.results["up"] = sampleResult(infra.OpUp)
		code := h.run("up", "--stack", "dev", "--cloud", "sim")
		assert.Equal(t, want, h.runner.called(), "answer %q", answer)
		assert.Contains(t, h.stderr.String(), "Apply these 4 changes to dev (sim)?")
		if answer == "no\n" {
			assert.Equal(t, ExitCancelled, code)
			assert.Contains(t, h.stderr.String(), "nothing was changed")
		} else {
			assert.Equal(t, ExitOK, code)
		}
	}
}

func TestDestroyAsksForTheStackName(t *testing.T) {
	h := newHarness(t)
	h.StdinTerminal = true
	h.Stdin = strings.NewReader("yes\n")
	assert.Equal(t, ExitCancelled, h.run("destroy", "--stack", "dev", "--cloud", "sim"))
	assert.Empty(t, h.runner.called(), "yes is not the stack name")

	h = newHarness(t)
	h.runner.results["destroy"] = &infra.Result{Stack: "dev", Operation: infra.OpDestroy, Summary: map[string]int{"delete": 3}}
	assert.Equal(t, ExitOK, h.run("destroy", "--stack", "dev", "--cloud", "sim", "--yes", "--unprotect"))
	require.Len(t, h.runner.opts, 1)
	assert.True(t, h.runner.opts[0].Unprotect)
}

func TestPreviewExpectNoChanges(t *testing.T) {
	h := newHarness(t)
	h.runner.results["preview"] = sampleResult(infra.OpPreview)
	h.runner.errs["preview"] = &infra.ChangesPresentError{Stack: "dev", Summary: map[string]int{"create": 2}}
	assert.Equal(t, ExitChanges, h.run("preview", "--stack", "dev", "--expect-no-changes", "--json"))
	require.Len(t, h.runner.opts, 1)
	assert.True(t, h.runner.opts[0].ExpectNoChanges)
	var got struct {
		Operation string
		Error     struct{ ExitCode int }
	}
	require.NoError(t, json.Unmarshal(h.stdout.Bytes(), &got))
	assert.Equal(t, ExitChanges, got.Error.ExitCode)
	assert.Equal(t, "preview", got.Operation)
	assert.Equal(t, infra.CloudSim, h.opened[0].Cloud, "preview defaults to the simulated cloud")
}

func TestResourceFailureNamesTheResource(t *testing.T) {
	h := newHarness(t)
	res := sampleResult(infra.OpUp)
	res.Resources[4].Status = infra.StatusFailed
	res.Resources[4].Error = "creating SQS Queue (queue): AccessDenied"
	h.runner.results["preview"] = sampleResult(infra.OpPreview)
	h.runner.results["up"] = res
	h.runner.errs["up"] = &infra.ResourceFailureError{Stack: "dev", Op: infra.OpUp, Failures: res.Failures()}
	assert.Equal(t, ExitResourceFailure, h.run("up", "--stack", "dev", "--cloud", "sim", "--yes"))
	assert.Contains(t, h.stdout.String(), "create   failed  aws:sqs/queue:Queue")
	assert.Contains(t, h.stdout.String(), "AccessDenied")
	assert.Contains(t, h.stderr.String(), "FAILED      aws:sqs/queue:Queue queue: creating SQS Queue (queue): AccessDenied")
}

func TestFirstInterruptCancelsSecondStops(t *testing.T) {
	h := newHarness(t)
	h.runner.results["preview"] = sampleResult(infra.OpPreview)
	h.runner.block = func(ctx context.Context) { <-ctx.Done() }
	done := make(chan int)
	go func() { done <- h.run("up", "--stack", "dev", "--cloud", "sim", "--yes") }()
	waitFor(t, func() bool { return len(h.runner.called()) == 2 })
	h.interrupts <- struct{}{}
	assert.Equal(t, ExitCancelled, <-done)
	assert.Contains(t, h.stderr.String(), "interrupted: cancelling")

	// An engine that never exits: notifyctl stops waiting after the grace.
	defer func(g time.Duration) { secondInterruptGrace = g }(secondInterruptGrace)
	secondInterruptGrace = time.Second
	h = newHarness(t)
	h.runner.results["preview"] = sampleResult(infra.OpPreview)
	release := make(chan struct{})
	h.runner.block = func(context.Context) { <-release } // an engine that ignores the first interrupt
	defer close(release)
	go func() { done <- h.run("up", "--stack", "dev", "--cloud", "sim", "--yes") }()
	waitFor(t, func() bool { return len(h.runner.called()) == 2 })
	h.interrupts <- struct{}{}
	h.interrupts <- struct{}{}
	select {
	case code := <-done:
		assert.Equal(t, ExitCancelled, code)
	case <-time.After(10 * time.Second):
		t.Fatal("a second interrupt must return")
	}
	select {
	case <-h.runner.interrupted:
	default:
		t.Fatal("the second interrupt is forwarded to the engine")
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for i := 0; i < 500 && !cond(); i++ {
		time.Sleep(10 * time.Millisecond)
	}
	require.True(t, cond())
}

func TestOutputsCommand(t *testing.T) {
	h := newHarness(t)
	h.runner.outputs = sampleResult(infra.OpUp).Outputs
	require.Equal(t, ExitOK, h.run("outputs", "--stack", "dev"))
	golden(t, "outputs.golden", h.stdout.String())

	h = newHarness(t)
	h.runner.errs["outputs"] = &infra.StackNotFoundError{Stack: "dev", Backend: "file:///x"}
	assert.Equal(t, ExitStackNotFound, h.run("outputs", "--stack", "dev", "--cloud", "sim"))
}

func TestRenderersGolden(t *testing.T) {
	for _, op := range []infra.Operation{infra.OpPreview, infra.OpUp} {
		var b bytes.Buffer
		require.NoError(t, writeResult(&b, sampleResult(op)))
		golden(t, string(op)+".golden", b.String())
	}
	h := newHarness(t)
	p := h.newProgress("up dev (sim)", 4)
	for _, r := range sampleResult(infra.OpUp).Resources {
		p.observe(infra.Event{Kind: infra.ResourceStarted, Resource: r})
		p.observe(infra.Event{Kind: infra.ResourceDone, Resource: r})
	}
	p.observe(infra.Event{Kind: infra.DiagnosticKind, Diagnostic: infra.Diagnostic{Severity: "warning", Message: "deprecated\ndetails"}})
	p.close()
	golden(t, "progress-plain.golden", h.stderr.String())
}

// TestLazyProgress opens the view with the first deployment step (not with a planning event),
// and closes it for a phase line, which stands between the two views.
func TestLazyProgress(t *testing.T) {
	h := newHarness(t)
	view := &lazyProgress{d: h.Deps, title: "drill dev"}
	rec := sampleResult(infra.OpUp).Resources[1]
	view.observe(infra.Event{Kind: infra.ResourceStarted, Resource: rec, Planning: true})
	assert.Empty(t, h.stderr.String(), "a planning event opens no view")
	view.observe(infra.Event{Kind: infra.ResourceStarted, Resource: rec})
	view.phase("drill: prove")
	view.observe(infra.Event{Kind: infra.ResourceDone, Resource: rec})
	view.close()
	view.close()
	out := h.stderr.String()
	assert.Equal(t, 2, strings.Count(out, "drill dev: started"), out)
	assert.Equal(t, 2, strings.Count(out, "drill dev: finished"), out)
	first, phase := strings.Index(out, "drill dev: finished"), strings.Index(out, "drill: prove")
	assert.Less(t, first, phase, "the phase line follows the first view's last line")
	assert.Less(t, phase, strings.LastIndex(out, "drill dev: started"), "and precedes the next view")
}

func TestLiveProgressOnATerminal(t *testing.T) {
	h := newHarness(t)
	h.StderrTerminal = true
	h.Width = func() int { return 60 }
	p := h.newProgress("up dev (sim)", 2)
	rec := sampleResult(infra.OpUp).Resources[1]
	p.observe(infra.Event{Kind: infra.ResourceStarted, Resource: rec})
	time.Sleep(300 * time.Millisecond)
	p.observe(infra.Event{Kind: infra.ResourceDone, Resource: rec})
	p.close()
	out := h.stderr.String()
	assert.Contains(t, out, "\x1b[", "the live block is redrawn in place")
	assert.Contains(t, out, "creating    awsx:ec2:Vpc network-vpc", "resources in flight are listed")
	for _, line := range strings.Split(out, "\n") {
		assert.LessOrEqual(t, len([]rune(strings.TrimLeft(line, "\x1b[0123456789AJ"))), 60, "lines fit the terminal: %q", line)
	}
}

func TestRenderCommand(t *testing.T) {
	h := newHarness(t)
	require.Equal(t, ExitOK, h.run("render", "--stack", "staging", "--json"), h.stderr.String())
	var g struct {
		Stack     string
		Resources []struct{ URN, Type string }
	}
	require.NoError(t, json.Unmarshal(h.stdout.Bytes(), &g))
	assert.Equal(t, "staging", g.Stack)
	assert.NotEmpty(t, g.Resources)
	assert.Empty(t, h.opened, "render never opens a workspace")

	h = newHarness(t)
	require.Equal(t, ExitOK, h.run("render", "--stack", "dev"))
	assert.True(t, strings.HasPrefix(h.stdout.String(), "stack dev: "), h.stdout.String())

	h = newHarness(t)
	assert.Equal(t, ExitUsage, h.run("render", "--stack", "dev", "--cloud", "sim"), "render takes no cloud")
}

func TestHelp(t *testing.T) {
	h := newHarness(t)
	assert.Equal(t, ExitOK, h.run("help"))
	for _, cmd := range []string{"preview", "up", "refresh", "destroy", "outputs", "render"} {
		assert.Contains(t, h.stdout.String(), "\n  "+cmd+" ")
	}
	h = newHarness(t)
	assert.Equal(t, ExitOK, h.run("up", "-h"))
	assert.Contains(t, h.stderr.String(), "-yes")
}

func TestComponentOfGroupsByTopLevelComponent(t *testing.T) {
	for urn, want := range map[string]string{
		"urn:pulumi:dev::gcnotify::gcnotify:network:Network$awsx:ec2:Vpc$aws:ec2/vpc:Vpc::network-vpc":                      "network",
		"urn:pulumi:dev::gcnotify::gcnotify:cache:Cache$gcnotify:credential:Credential$aws:secretsmanager/secret:Secret::s": "cache",
		"urn:pulumi:dev::gcnotify::gcnotify:network:Network::network":                                                       "network",
		"urn:pulumi:dev::gcnotify::pulumi:providers:aws::aws-ca-central-1":                                                  infra.StackLevel,
		"urn:pulumi:dev::gcnotify::pulumi:pulumi:Stack::gcnotify-dev":                                                       infra.StackLevel,
		"not-a-urn": infra.StackLevel,
	} {
		assert.Equal(t, want, infra.ComponentOf(urn), urn)
	}
}

// TestJSONErrorsBeforeAnyEngine: with --json, a command refused before anything runs still
// prints one JSON object on stdout, naming the exit code and the problem.
func TestJSONErrorsBeforeAnyEngine(t *testing.T) {
	for name, args := range map[string][]string{
		"bad stack name":   {"preview", "--stack", "Dev", "--json"},
		"bad cloud":        {"up", "--stack", "dev", "--cloud", "gcp", "--yes", "--json"},
		"unattended up":    {"up", "--stack", "dev", "--cloud", "sim", "--json"},
		"render bad stack": {"render", "--stack", "nope", "--json"},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			h.Check = infra.Inspect
			code := h.run(args...)
			var got struct {
				Error struct {
					ExitCode int    `json:"exitCode"`
					Message  string `json:"message"`
				} `json:"error"`
			}
			require.NoError(t, json.Unmarshal(h.stdout.Bytes(), &got), "stdout is JSON: %q", h.stdout.String())
			assert.Equal(t, code, got.Error.ExitCode)
			assert.Equal(t, ExitUsage, code)
			assert.NotEmpty(t, got.Error.Message)
		})
	}
	h := newHarness(t)
	assert.Equal(t, ExitUsage, h.run("preview", "--stack", "Dev"))
	assert.Empty(t, h.stdout.String(), "without --json, errors go to stderr only")
}

func TestPreviewRefreshesForTheDriftCheck(t *testing.T) {
	for args, want := range map[string]bool{
		"":                                    false,
		"--expect-no-changes":                 true,
		"--expect-no-changes --refresh=false": false,
		"--refresh=true":                      true,
	} {
		h := newHarness(t)
		h.runner.results["preview"] = sampleResult(infra.OpPreview)
		cmd := append([]string{"preview", "--stack", "dev"}, strings.Fields(args)...)
		h.run(cmd...)
		require.NotEmpty(t, h.runner.opts, args)
		assert.Equal(t, want, h.runner.opts[len(h.runner.opts)-1].Refresh, args)
	}
	h := newHarness(t)
	assert.Equal(t, ExitUsage, h.run("preview", "--stack", "dev", "--refresh=maybe"))
	assert.Contains(t, h.stderr.String(), `--refresh: got "maybe", want true, false or auto`)
}
