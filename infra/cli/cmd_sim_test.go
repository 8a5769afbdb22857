package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// lockedBuffer is a buffer written by a running command and read by the test.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serveHarness runs sim serve on the repository's stack files with a fake simulated cloud.
type serveHarness struct {
	*harness
	out, errOut lockedBuffer
	started     int
	simOpts     cloudsim.Options
}

func newServeHarness(t *testing.T) *serveHarness {
	h := &serveHarness{harness: newHarness(t)}
	h.Stdout, h.Stderr = &h.out, &h.errOut
	h.Check = infra.Inspect
	start := h.StartSim
	h.StartSim = func(ctx context.Context, o cloudsim.Options) (Sim, error) {
		h.started++
		h.simOpts = o
		return start(ctx, o)
	}
	return h
}

// serve runs sim serve until it says it serves, then interrupts it; it returns the exit code.
func (h *serveHarness) serve(t *testing.T, args ...string) int {
	t.Helper()
	done := make(chan int, 1)
	go func() { done <- h.run(append([]string{"sim", "serve"}, args...)...) }()
	deadline := time.After(30 * time.Second)
	for !strings.Contains(h.errOut.String(), "serving the simulated AWS") {
		select {
		case code := <-done:
			return code
		case <-deadline:
			t.Fatalf("sim serve did not start:\n%s", h.errOut.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	h.interrupts <- struct{}{}
	select {
	case code := <-done:
		return code
	case <-time.After(30 * time.Second):
		t.Fatal("sim serve did not stop on Ctrl-C")
	}
	return -1
}

func TestSimServeRefusesBadInputAndStartsNothing(t *testing.T) {
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"no stack":       {nil, "--stack is required"},
		"bad name":       {[]string{"--stack", "Dev!"}, `stack name "Dev!" is not allowed`},
		"no stack file":  {[]string{"--stack", "nope"}, `stack "nope" has no stack file`},
		"latency factor": {[]string{"--stack", "dev", "--latency-factor", "-1"}, "--latency-factor -1: want 0 (instant) to 10"},
		"argument":       {[]string{"--stack", "dev", "extra"}, `unexpected argument "extra"`},
	} {
		t.Run(name, func(t *testing.T) {
			h := newServeHarness(t)
			state := filepath.Join(t.TempDir(), "state")
			code := h.run(append(append([]string{"sim", "serve"}, tc.args...), "--state-dir", state)...)
			assert.Equal(t, ExitUsage, code, h.errOut.String())
			assert.Contains(t, h.errOut.String(), tc.want)
			assert.Zero(t, h.started, "nothing is started")
			assert.NoDirExists(t, state, "nothing is created")
			assert.Empty(t, h.out.String())
		})
	}
	h := newServeHarness(t)
	h.env["NOTIFYCTL_SECRETS_PROVIDER"] = "awskms://alias/x?region=ca-central-1"
	assert.Equal(t, ExitUsage, h.run("sim", "serve", "--stack", "dev", "--state-dir", t.TempDir()))
	assert.Contains(t, h.errOut.String(), "sim serve keeps the rehearsal's secrets with the passphrase provider")
	assert.Zero(t, h.started)
}

// TestSimServePrintsTheEnvironmentAShellEvaluates evaluates what sim serve prints with a real
// shell, as the README does, and checks what the plain CLI would then use.
func TestSimServePrintsTheEnvironmentAShellEvaluates(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no POSIX shell to evaluate the export lines")
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	repoStackFile, err := os.ReadFile(filepath.Join(repo, "Pulumi.dev.yaml"))
	require.NoError(t, err)
	state := filepath.Join(t.TempDir(), "it's state") // a quote and a space survive the quoting
	h := newServeHarness(t)
	require.Equal(t, ExitOK, h.serve(t, "--stack", "dev", "--state-dir", state, "--latency-factor", "0"), h.errOut.String())
	require.NotNil(t, h.sim)
	assert.True(t, h.sim.closed, "the world is saved and closed on Ctrl-C")
	assert.Equal(t, cloudsim.WorldFile(state), h.sim.stateFile, "the world of notifyctl's --cloud sim runs")
	assert.Zero(t, h.sim.factor)
	assert.True(t, h.simOpts.PushReleaseImages, "the world stands in for CI's image push")
	assert.NotEmpty(t, h.simOpts.ReleaseImages, "the release registry holds the configuration's images")
	assert.Contains(t, h.errOut.String(), `pulumi up -s dev --cwd "$NOTIFYCTL_SIM_CWD"`)

	cmd := exec.Command(sh, "-c", `eval "$(cat)" && env`)
	cmd.Stdin, cmd.Env = strings.NewReader(h.out.String()), []string{"PATH=/usr/bin:/bin"}
	out, err := cmd.Output()
	require.NoError(t, err, "eval of:\n%s", h.out.String())
	env := map[string]string{}
	for _, l := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			env[k] = v
		}
	}
	cwd := filepath.Join(state, "cli", "dev")
	for k, want := range map[string]string{
		"PULUMI_BACKEND_URL":       "file://" + filepath.ToSlash(filepath.Join(state, "backend")),
		"PULUMI_CONFIG_PASSPHRASE": infra.RehearsalPassphrase,
		"PULUMI_DEBUG_PROVIDERS":   "aws:1,awsx:2",
		"PULUMI_HOME":              filepath.Join(state, "pulumi-home"),
		"PULUMI_SKIP_UPDATE_CHECK": "true",
		"NOTIFYCTL_SIM_CWD":        cwd,
	} {
		assert.Equal(t, want, env[k], k)
	}
	assert.True(t, strings.HasSuffix(env["PATH"], ":/usr/bin:/bin"), "PATH keeps the shell's after the tooling: %s", env["PATH"])
	assert.DirExists(t, filepath.Join(state, "backend"))

	// The project folder runs the repository's program and holds a copy of its stack file.
	f, err := stackfile.Load(cwd, "dev")
	require.NoError(t, err)
	assert.False(t, filepath.IsAbs(f.Project.Main), "main is relative: %s", f.Project.Main)
	assert.Equal(t, repo, filepath.Clean(filepath.Join(cwd, f.Project.Main)))
	assert.Equal(t, string(repoStackFile), string(f.Raw))
	after, err := os.ReadFile(filepath.Join(repo, "Pulumi.dev.yaml"))
	require.NoError(t, err)
	assert.Equal(t, string(repoStackFile), string(after), "the repository's stack file is untouched")

	// --json is the same environment; a passphrase of the caller's is not printed.
	h = newServeHarness(t)
	h.env["PULUMI_CONFIG_PASSPHRASE"] = "callers-own"
	require.Equal(t, ExitOK, h.serve(t, "--stack", "dev", "--state-dir", state, "--json"), h.errOut.String())
	var got SimEnv
	require.NoError(t, json.Unmarshal([]byte(h.out.String()), &got), h.out.String())
	assert.Equal(t, cwd, got.Cwd)
	assert.Equal(t, "aws:1,awsx:2", got.Env["PULUMI_DEBUG_PROVIDERS"])
	assert.NotContains(t, got.Env, "PULUMI_CONFIG_PASSPHRASE")
	assert.NotContains(t, h.out.String(), "callers-own")
	assert.Contains(t, h.errOut.String(), "PULUMI_CONFIG_PASSPHRASE is set")
	assert.Equal(t, DefaultLatencyFactor, h.sim.factor)
}

// TestCLIProjectKeepsTheSalt: the engine records the passphrase salt in the copy; the next
// preparation keeps it, and a first one takes notifyctl's.
func TestCLIProjectKeepsTheSalt(t *testing.T) {
	f, err := stackfile.Load(filepath.Join("..", ".."), "dev")
	require.NoError(t, err)
	f.ProjectDir, err = filepath.Abs(f.ProjectDir)
	require.NoError(t, err)
	state := t.TempDir()
	const notifyctls, cliOwn = "v1:notifyctl=", "v1:cli="
	notifyctlCopy := filepath.Join(state, "workspaces", "sim-dev", "Pulumi.dev.yaml")
	require.NoError(t, os.MkdirAll(filepath.Dir(notifyctlCopy), 0o700))
	require.NoError(t, os.WriteFile(notifyctlCopy, append(append([]byte(nil), f.Raw...), "encryptionsalt: "+notifyctls+"\n"...), 0o600))

	dir, err := prepareCLIProject(f, state)
	require.NoError(t, err)
	salt := func() string {
		s, err := stackfile.Load(dir, "dev")
		require.NoError(t, err)
		return s.Settings.EncryptionSalt
	}
	assert.Equal(t, notifyctls, salt(), "a first preparation takes notifyctl's salt")

	raw, err := os.ReadFile(filepath.Join(dir, "Pulumi.dev.yaml"))
	require.NoError(t, err)
	raw = bytes.Replace(raw, []byte(notifyctls), []byte(cliOwn), 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"), raw, 0o600))
	_, err = prepareCLIProject(f, state)
	require.NoError(t, err)
	assert.Equal(t, cliOwn, salt(), "the copy's own salt is kept")

	require.NoError(t, os.RemoveAll(filepath.Join(state, "workspaces")))
	require.NoError(t, os.RemoveAll(dir))
	_, err = prepareCLIProject(f, state)
	require.NoError(t, err)
	assert.Empty(t, salt(), "no salt anywhere: the engine makes one")
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{"": "''", "a b": "'a b'", "it's": `'it'\''s'`, "$HOME": "'$HOME'"} {
		assert.Equal(t, want, shellQuote(in))
	}
}
