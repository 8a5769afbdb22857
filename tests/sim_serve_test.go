package tests

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/cli"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
)

// requireLanguageHost skips when the Go language host the CLI runs the program with is missing,
// saying how to build it; it returns the host's path.
func requireLanguageHost(t *testing.T) string {
	t.Helper()
	if host, err := exec.LookPath("pulumi-language-go"); err == nil {
		return host
	}
	local := filepath.Join(repoRoot(t), ".tooling", "bin", "pulumi-language-go")
	if _, err := os.Stat(local); err != nil {
		t.Skip("skipped: the Pulumi CLI runs the program through the Go language host: `make language-go` builds it")
	}
	return local
}

// served is a notifyctl sim serve running in the test's process.
type served struct {
	t          *testing.T
	stderr     *lineWriter
	interrupts chan struct{}
	done       chan int
	once       sync.Once
}

// serveInProcess runs a notifyctl command line (sim serve) with stdout into envFile, as the
// README redirects it, until stop.
func serveInProcess(t *testing.T, state, envFile string, args ...string) *served {
	t.Helper()
	out, err := os.Create(envFile)
	require.NoError(t, err)
	s := &served{t: t, stderr: &lineWriter{}, interrupts: make(chan struct{}, 2), done: make(chan int, 1)}
	d := cli.DefaultDeps()
	d.Stdout, d.Stderr, d.Stdin = out, s.stderr, strings.NewReader("")
	d.StdinTerminal, d.StderrTerminal = false, false
	d.Getwd = func() (string, error) { return repoRoot(t), nil }
	d.LookupEnv = func(string) (string, bool) { return "", false }
	d.Interrupts = s.interrupts
	go func() {
		defer out.Close()
		s.done <- cli.Execute(context.Background(), append(args, "--state-dir", state), d)
	}()
	return s
}

// wait returns once the world is served (its environment printed), and fails if it never is.
func (s *served) wait() {
	s.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(s.stderr.String(), "serving the simulated AWS") {
		select {
		case code := <-s.done:
			s.done <- code
			s.t.Fatalf("sim serve ended with exit code %d:\n%s", code, s.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		require.True(s.t, time.Now().Before(deadline), "sim serve did not start:\n%s", s.stderr.String())
	}
}

// stop is Ctrl-C: serving ends with exit code 0 and the world saved.
func (s *served) stop() {
	s.once.Do(func() {
		s.interrupts <- struct{}{}
		select {
		case code := <-s.done:
			require.Equal(s.t, cli.ExitOK, code, s.stderr.String())
		case <-time.After(time.Minute):
			s.t.Fatalf("sim serve did not stop on Ctrl-C:\n%s", s.stderr.String())
		}
	})
}

// stateURNs are the URNs the stack's state holds (pulumi stack export).
func stateURNs(t *testing.T, pulumi func(...string) (string, error)) map[string]bool {
	t.Helper()
	out, err := pulumi("stack", "export", "-s", "dev")
	require.NoError(t, err, out)
	var dep struct {
		Deployment struct{ Resources []struct{ URN string } }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &dep), lastLines(out, 20))
	urns := map[string]bool{}
	for _, r := range dep.Deployment.Resources {
		urns[r.URN] = true
	}
	return urns
}

// worldURNs are what the state folder's simulated world holds: the URN of each resource, or
// the type and id of what no Pulumi resource made (the images CI pushes), with its type.
func worldURNs(t *testing.T, state string) map[string]string {
	t.Helper()
	left, err := cloudsim.ReadWorld(cloudsim.WorldFile(state))
	require.NoError(t, err)
	urns := map[string]string{}
	for _, r := range left {
		key := r.URN
		if key == "" {
			key = r.Type + " " + r.ID
		}
		urns[key] = r.Type
	}
	return urns
}

// lastLines is the end of a long output, for failure messages.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
