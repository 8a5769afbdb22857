package cli

import (
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
	"github.com/cds-snc/notification-pulumi/internal/atomicfile"
)

// SimEnv is what the plain Pulumi CLI needs to use a served world: sim serve's --json.
type SimEnv struct {
	// Stack is the stack served.
	Stack string `json:"stack"`
	// Cwd is the project folder to run the CLI in (pulumi --cwd; NOTIFYCTL_SIM_CWD in Env).
	Cwd string `json:"cwd"`
	// World is the file the simulated world is kept in.
	World string `json:"world"`
	// PathPrepend is the folder of the Pulumi CLI and the Go language host, to put first on PATH.
	PathPrepend string `json:"pathPrepend,omitempty"`
	// Env is the environment to set, PATH excepted.
	Env map[string]string `json:"env"`
}

// cliEnv prepares the plain CLI's project folder and the environment that points the CLI at it,
// at the backend and at the passphrase; notes are what the caller should know (a missing
// language host, a passphrase taken from the environment).
func cliEnv(d *Deps, o SimServeOptions, f *stackfile.File) (*SimEnv, []string, error) {
	cwd, err := prepareCLIProject(f, o.StateDir)
	if err != nil {
		return nil, nil, err
	}
	if dir, ok := strings.CutPrefix(o.Backend, "file://"); ok {
		if err := os.MkdirAll(filepath.FromSlash(dir), 0o700); err != nil {
			return nil, nil, fmt.Errorf("local backend: %w", err)
		}
	}
	env := &SimEnv{Stack: o.Stack, Cwd: cwd, Env: map[string]string{
		"NOTIFYCTL_SIM_CWD":        cwd,
		"PULUMI_BACKEND_URL":       o.Backend,
		"PULUMI_SKIP_UPDATE_CHECK": "true",
		// As notifyctl's rehearsals: the state is saved once per operation, not after each of
		// ~800 steps (docs/notifyctl.md, checkpoints).
		"PULUMI_SKIP_CHECKPOINTS": "true",
	}}
	var notes []string
	if passphraseSet(d) {
		notes = append(notes, "PULUMI_CONFIG_PASSPHRASE is set: the stack's secrets use it (not printed): set it in the shell that runs pulumi too")
	} else {
		env.Env["PULUMI_CONFIG_PASSPHRASE"] = infra.RehearsalPassphrase
	}
	home, _ := d.LookupEnv("PULUMI_HOME")
	if home == "" {
		// The CLI's own folder under the state folder: nothing is written to ~/.pulumi.
		home = filepath.Join(o.StateDir, "pulumi-home")
		if err := os.MkdirAll(home, 0o700); err != nil {
			return nil, nil, fmt.Errorf("pulumi home: %w", err)
		}
	}
	env.Env["PULUMI_HOME"] = home
	cli, err := infra.FindCLI(f.ProjectDir)
	if err != nil {
		notes = append(notes, err.Error())
		return env, notes, nil
	}
	env.PathPrepend = filepath.Dir(cli)
	if _, err := os.Stat(filepath.Join(env.PathPrepend, "pulumi-language-go")); err != nil {
		if _, err := exec.LookPath("pulumi-language-go"); err != nil {
			notes = append(notes, fmt.Sprintf("no Go language host (pulumi-language-go) in %s or on PATH: the CLI cannot run the program without it; `make language-go` builds it", env.PathPrepend))
		}
	}
	return env, notes, nil
}

// passphraseSet reports whether the caller gives the state passphrase.
func passphraseSet(d *Deps) bool {
	for _, k := range []string{"PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE"} {
		if v, ok := d.LookupEnv(k); ok && v != "" {
			return true
		}
	}
	return false
}

// prepareCLIProject writes <state>/cli/<stack>: a Pulumi.yaml whose main is the project folder
// (relative, so the state folder can move with the repository) and a copy of the stack file. The
// engine writes the passphrase salt into the copy, never into the repository's file; the copy
// keeps the salt across runs, and a first one takes notifyctl's (its workspace's copy), so both
// encrypt with the same key.
func prepareCLIProject(f *stackfile.File, stateDir string) (string, error) {
	dir := filepath.Join(stateDir, "cli", f.Stack)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("project folder of the Pulumi CLI: %w", err)
	}
	rel, err := filepath.Rel(dir, f.ProjectDir)
	if err != nil {
		return "", fmt.Errorf("project folder of the Pulumi CLI: %w", err)
	}
	project := *f.Project
	project.Main = path.Join(filepath.ToSlash(rel), f.Project.Main)
	if err := project.Save(filepath.Join(dir, stackfile.ProjectFile)); err != nil {
		return "", fmt.Errorf("project file of the Pulumi CLI: %w", err)
	}
	name := filepath.Base(f.Path)
	copyPath := filepath.Join(dir, name)
	// notifyctl's workspace of the stack in the simulated cloud (infra.Open's layout).
	notifyctlCopy := filepath.Join(stateDir, "workspaces", string(infra.CloudSim)+"-"+f.Stack, name)
	data, err := infra.StackFileWithSalt(f, copyPath, notifyctlCopy)
	if err != nil {
		return "", err
	}
	if err := atomicfile.Write(copyPath, data, 0o600); err != nil {
		return "", fmt.Errorf("copy the stack file: %w", err)
	}
	return dir, nil
}

// writeExports prints env as export lines a POSIX shell's eval accepts, sorted, PATH last.
func writeExports(w io.Writer, env *SimEnv) error {
	keys := slices.Sorted(maps.Keys(env.Env))
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "export %s=%s\n", k, shellQuote(env.Env[k]))
	}
	if env.PathPrepend != "" {
		fmt.Fprintf(&b, "export PATH=%s:\"$PATH\"\n", shellQuote(env.PathPrepend))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// shellQuote quotes s for a POSIX shell: in single quotes, each single quote closed, escaped
// and reopened.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
