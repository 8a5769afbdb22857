package infra

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"

	"github.com/cds-snc/notification-pulumi/infra/stackfile"
	"github.com/cds-snc/notification-pulumi/internal/atomicfile"
	"github.com/cds-snc/notification-pulumi/stacks"
)

// Stack is one stack's workspace: a folder under the state folder holding a copy of the project
// file and of the stack file, so the engine never writes to the repository's files (a passphrase
// provider records its salt in the stack file) and concurrent runs on different stacks never
// share a workspace's stack selection.
type Stack struct {
	opts    *resolved
	file    *stackfile.File
	cmd     *Command
	ws      auto.Workspace
	workDir string
	// forced is set when the engine is stopped at once (Interrupt): the state it leaves does
	// not record the operation.
	forced atomic.Bool
}

// Open validates the options and the stack's configuration, then prepares its workspace. Nothing
// in the backend or the cloud is touched: errors here are *NameError, *NoProjectError,
// *MissingStackFileError, *ConfigError, *OptionsError or *NoCredentialsError, joined
// (errors.Join) when there are problems of several kinds.
func Open(ctx context.Context, opts Options) (*Stack, error) {
	r, f, err := opts.resolve()
	if err != nil {
		return nil, err
	}
	if r.CLI == "" {
		if r.CLI, err = FindCLI(r.ProjectDir); err != nil {
			return nil, &OptionsError{Problems: []string{err.Error()}}
		}
	}
	cmd, err := newCommand(r.CLI, r.StateDir)
	if err != nil {
		return nil, &OptionsError{Problems: []string{err.Error()}}
	}
	s := &Stack{opts: r, file: f, cmd: cmd,
		workDir: filepath.Join(r.StateDir, "workspaces", string(r.Cloud)+"-"+r.Stack)}
	if err := s.prepare(); err != nil {
		return nil, err
	}
	program := r.Program
	if program == nil {
		program = stacks.Program
	}
	s.ws, err = auto.NewLocalWorkspace(ctx,
		auto.WorkDir(s.workDir),
		auto.Program(program),
		auto.Pulumi(cmd),
		auto.Project(*f.Project),
		auto.SecretsProvider(r.SecretsProvider),
		auto.EnvVars(s.env()),
	)
	if err != nil {
		return nil, fmt.Errorf("workspace of stack %s: %w", r.Stack, err)
	}
	return s, nil
}

// Name is the stack's name.
func (s *Stack) Name() string { return s.opts.Stack }

// Backend is the state backend's URL.
func (s *Stack) Backend() string { return s.opts.Backend }

// WorkDir is the stack's workspace folder.
func (s *Stack) WorkDir() string { return s.workDir }

// Config is the stack's validated configuration.
func (s *Stack) Config() stacks.Config { return s.file.Config }

// Interrupt asks running engine processes to stop at once (a second Ctrl-C).
func (s *Stack) Interrupt() {
	s.forced.Store(true)
	s.cmd.Interrupt()
}

func (s *Stack) env() map[string]string {
	env := map[string]string{
		"PULUMI_BACKEND_URL":                          s.opts.Backend,
		"PULUMI_SKIP_UPDATE_CHECK":                    "true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
	}
	// PULUMI_SKIP_CHECKPOINTS is set either way so the caller's environment cannot decide.
	env["PULUMI_SKIP_CHECKPOINTS"] = strconv.FormatBool(s.opts.Cloud == CloudSim && !s.opts.EveryStepCheckpoints)
	for k, v := range s.opts.passphraseEnv {
		env[k] = v
	}
	if s.opts.PulumiHome != "" {
		env["PULUMI_HOME"] = s.opts.PulumiHome
	}
	for k, v := range s.opts.Env {
		env[k] = v
	}
	return env
}

// prepare creates the workspace folder, the local backend's folder and the stack file's copy.
func (s *Stack) prepare() error {
	if err := os.MkdirAll(s.workDir, 0o700); err != nil {
		return fmt.Errorf("workspace of stack %s: %w", s.opts.Stack, err)
	}
	if dir, ok := cutPrefix(s.opts.Backend, "file://"); ok {
		if err := os.MkdirAll(filepath.FromSlash(dir), 0o700); err != nil {
			return fmt.Errorf("local backend: %w", err)
		}
	}
	copyPath := filepath.Join(s.workDir, filepath.Base(s.file.Path))
	data, err := stackCopy(s.file, copyPath)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(copyPath, data, 0o600); err != nil {
		return fmt.Errorf("copy stack file: %w", err)
	}
	return nil
}

// stackCopy is the repository's stack file, plus the secrets-provider fields the engine wrote
// into the previous copy (the passphrase salt) when the repository's file has none.
func stackCopy(f *stackfile.File, copyPath string) ([]byte, error) {
	return StackFileWithSalt(f, copyPath)
}

// StackFileWithSalt is the repository's stack file, plus the secrets-provider fields (the
// passphrase salt, an encrypted key) of the first of copies that has them, when the repository's
// file has none: a copy the engine runs against keeps the salt it was given the first time.
func StackFileWithSalt(f *stackfile.File, copies ...string) ([]byte, error) {
	data := append([]byte(nil), f.Raw...)
	if s := f.Settings; s != nil && (s.EncryptionSalt != "" || s.EncryptedKey != "" || s.SecretsProvider != "") {
		return data, nil
	}
	for _, c := range copies {
		if _, err := os.Stat(c); err != nil {
			continue
		}
		prev, err := workspace.LoadProjectStack(nil, f.Project, c)
		if err != nil {
			return nil, fmt.Errorf("read the stack file copy %s: %w", c, err)
		}
		if prev.EncryptionSalt == "" && prev.EncryptedKey == "" && prev.SecretsProvider == "" {
			continue
		}
		if len(data) > 0 && !bytes.HasSuffix(data, []byte("\n")) {
			data = append(data, '\n')
		}
		for _, kv := range [][2]string{{"secretsprovider", prev.SecretsProvider}, {"encryptedkey", prev.EncryptedKey},
			{"encryptionsalt", prev.EncryptionSalt}} {
			if kv[1] != "" {
				data = append(data, []byte(kv[0]+": "+strconv.Quote(kv[1])+"\n")...)
			}
		}
		return data, nil
	}
	return data, nil
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return s, false
}

// selecting is the workspace the automation API selects the stack through. Selecting a stack
// runs the CLI (`pulumi stack select`: a process start and a read of the whole state, about
// 0.5 CPU-second, a tenth of a preview), only to find that the stack exists and to record it
// as the folder's current stack; every command notifyctl runs names its stack (--stack) and
// each stack has its own folder, so the record is never read. When the file backend holds
// the stack, the select is skipped; otherwise (a new stack, an s3 backend) the CLI decides.
func (s *Stack) selecting() auto.Workspace {
	return knownStacks{Workspace: s.ws, holds: func(name string) bool {
		_, exists, err := fileBackendHolds(s.opts.Backend, string(s.file.Project.Name), name)
		return err == nil && exists
	}}
}

// knownStacks is a workspace whose SelectStack answers from the backend's files when they
// show the stack.
type knownStacks struct {
	auto.Workspace
	holds func(stack string) bool
}

// SelectStack selects the stack through the CLI unless the backend's files show it exists.
func (w knownStacks) SelectStack(ctx context.Context, stack string) error {
	if w.holds(stack) {
		return nil
	}
	return w.Workspace.SelectStack(ctx, stack)
}
