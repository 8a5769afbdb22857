package infra

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/blang/semver"
)

// Command runs the Pulumi CLI for the automation API (it implements auto.PulumiCommand). Unlike
// the automation API's own runner it starts the CLI in its own process group, so a terminal's
// Ctrl-C reaches only the caller, which decides: the first interrupt cancels the context and the
// CLI is asked once to stop (it finishes in-flight steps and saves state); Interrupt asks a
// second time, which makes the CLI exit at once.
type Command struct {
	path    string
	version semver.Version
	// GracePeriod is how long a cancelled CLI may take to wind down before it is killed.
	GracePeriod time.Duration

	mu      sync.Mutex
	running map[*exec.Cmd]struct{}
}

// NewCommand returns a Command over the CLI at path and checks that it runs.
func NewCommand(path string) (*Command, error) { return newCommand(path, "") }

// newCommand is NewCommand remembering the CLI's version in a state folder ("": this process only).
func newCommand(path, stateDir string) (*Command, error) {
	if strings.ContainsRune(path, filepath.Separator) {
		// The CLI runs in the workspace's folder: a relative path would not resolve there.
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, err
		}
		path = abs
	}
	v, err := cliVersion(path, stateDir)
	if err != nil {
		return nil, err
	}
	return &Command{path: path, version: v, GracePeriod: 5 * time.Minute, running: map[*exec.Cmd]struct{}{}}, nil
}

// FindCLI returns the CLI to use: <projectDir>/.tooling/bin/pulumi when built, else the one beside
// the running program, else pulumi on PATH.
func FindCLI(projectDir string) (string, error) {
	local := filepath.Join(projectDir, ".tooling", "bin", "pulumi")
	if _, err := os.Stat(local); err == nil {
		return local, nil
	}
	// Beside the running program: `make` builds notifyctl and the CLI into the same folder, so a
	// copied project (another --project-dir) still finds the CLI it was built with.
	if self, err := os.Executable(); err == nil {
		beside := filepath.Join(filepath.Dir(self), "pulumi")
		if _, err := os.Stat(beside); err == nil {
			return beside, nil
		}
	}
	if p, err := exec.LookPath("pulumi"); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("no Pulumi CLI at %s, beside this program or on PATH: run `make pulumi`", local)
}

// Version is the CLI's version.
func (c *Command) Version() semver.Version { return c.version }

// Run runs the CLI with args in workdir; see auto.PulumiCommand.
func (c *Command) Run(ctx context.Context, workdir string, stdin io.Reader, extraOut, extraErr []io.Writer,
	extraEnv []string, args ...string,
) (string, string, int, error) {
	if !contains(args, "--non-interactive") {
		args = append(args, "--non-interactive")
	}
	cmd := exec.Command(c.path, args...) //nolint:gosec // the CLI path is ours
	cmd.Dir = workdir
	cmd.Env = withPath(append(os.Environ(), extraEnv...), filepath.Dir(c.path))
	var stdout, stderr bytes.Buffer
	cmd.Stdout = io.MultiWriter(append(extraOut, &stdout)...)
	cmd.Stderr = io.MultiWriter(append(extraErr, &stderr)...)
	cmd.Stdin = stdin
	ownProcessGroup(cmd)
	if err := cmd.Start(); err != nil {
		return "", "", -1, err
	}
	c.track(cmd, true)
	defer c.track(cmd, false)

	exited := make(chan struct{})
	go func() {
		select {
		case <-exited:
		case <-ctx.Done():
			_ = interrupt(cmd.Process)
			select {
			case <-exited:
			case <-time.After(c.GracePeriod):
				_ = cmd.Process.Kill()
			}
		}
	}()
	err := cmd.Wait()
	close(exited)
	code := -2
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		code = 0
	case errors.As(err, &exitErr):
		code = exitErr.ExitCode()
	}
	return stdout.String(), stderr.String(), code, err
}

// stopGrace is how long a CLI interrupted a second time has to exit before it is killed: an
// engine left running after notifyctl exits would go on changing the cloud unseen.
const stopGrace = 2 * time.Second

// Interrupt interrupts every CLI process still running (a second interrupt: the CLI exits now),
// and kills those still running stopGrace later.
func (c *Command) Interrupt() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for cmd := range c.running {
		_ = interrupt(cmd.Process)
		cmd := cmd
		time.AfterFunc(stopGrace, func() {
			c.mu.Lock()
			_, still := c.running[cmd]
			c.mu.Unlock()
			if still {
				_ = cmd.Process.Kill()
			}
		})
	}
}

func (c *Command) track(cmd *exec.Cmd, on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if on {
		c.running[cmd] = struct{}{}
	} else {
		delete(c.running, cmd)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// withPath puts dir first on PATH so the CLI finds its sibling binaries.
func withPath(env []string, dir string) []string {
	for i, e := range env {
		if strings.HasPrefix(e, "PATH=") {
			env[i] = "PATH=" + dir + string(os.PathListSeparator) + e[len("PATH="):]
			return env
		}
	}
	return append(env, "PATH="+dir)
}
