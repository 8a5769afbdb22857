// Package stackfile finds the Pulumi project, reads a stack's Pulumi.<stack>.yaml and validates
// its configuration with stacks.Load before any engine, mock or cloud is touched. It is shared by
// the automation library (infra) and the offline renderer (infra/render).
package stackfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"

	"github.com/cds-snc/notification-pulumi/stacks"
)

// Permanent lists the long-lived environments; every other stack is short-lived (ephemeral).
var Permanent = []string{"dev", "staging", "production"}

// ProjectFile is the project file's name.
const ProjectFile = "Pulumi.yaml"

// File is one stack's configuration as read from its stack file and validated.
type File struct {
	// Stack is the stack name.
	Stack string
	// ProjectDir is the folder holding Pulumi.yaml and the stack files.
	ProjectDir string
	// Project is the parsed Pulumi.yaml.
	Project *workspace.Project
	// Path is the stack file's path and Raw its bytes as read.
	Path string
	Raw  []byte
	// Settings is the parsed stack file (secrets provider fields included).
	Settings *workspace.ProjectStack
	// Values maps every configuration key ("namespace:name") to its value as the program sees it:
	// objects as JSON text, secure values as "[secret]" (they are decrypted only by the engine).
	Values map[string]string
	// SecretKeys lists the keys whose values are secure.
	SecretKeys []string
	// Config is the typed, validated configuration.
	Config stacks.Config
}

// NameError is a stack name that is not allowed.
type NameError struct{ Stack string }

func (e *NameError) Error() string {
	return fmt.Sprintf("stack name %q is not allowed: want %s (e.g. dev, staging, production, drill-1)", e.Stack, stacks.EnvironmentNameRule)
}

// MissingError is a stack without a stack file.
type MissingError struct {
	Stack, Path string
	// Available lists the stacks that have a file in the project folder.
	Available []string
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("stack %q has no stack file %s; stacks with a file: %s (a short-lived stack needs its own Pulumi.<name>.yaml with gcnotify:ephemeral: true)",
		e.Stack, e.Path, strings.Join(e.Available, ", "))
}

// ConfigError is a stack file whose configuration is refused; Err lists every problem.
type ConfigError struct {
	Stack, Path string
	Err         error
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("configuration of stack %s (%s) is invalid:\n%v", e.Stack, e.Path, e.Err)
}

func (e *ConfigError) Unwrap() error { return e.Err }

// FindProjectDir returns the nearest folder at or above start that holds Pulumi.yaml.
func FindProjectDir(start string) (string, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, ProjectFile)); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no %s in %s or any parent folder: run from the repository or pass --project-dir", ProjectFile, start)
		}
		dir = parent
	}
}

// CheckName validates a stack name without reading anything.
func CheckName(stack string) error {
	// The stack name defaults the environment name, which is part of resource names.
	if !stacks.ValidEnvironmentName(stack) {
		return &NameError{Stack: stack}
	}
	return nil
}

// Available lists the stacks that have a stack file in projectDir, sorted.
func Available(projectDir string) []string {
	matches, _ := filepath.Glob(filepath.Join(projectDir, "Pulumi.*.yaml"))
	var out []string
	for _, m := range matches {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(m), "Pulumi."), ".yaml")
		if stacks.ValidEnvironmentName(name) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// Load reads and validates stack's configuration from projectDir. Errors are *NameError,
// *MissingError, *ConfigError, or a wrapped I/O or parse error.
func Load(projectDir, stack string) (*File, error) {
	if err := CheckName(stack); err != nil {
		return nil, err
	}
	proj, err := workspace.LoadProject(filepath.Join(projectDir, ProjectFile))
	if err != nil {
		return nil, fmt.Errorf("read project: %w", err)
	}
	path := filepath.Join(projectDir, "Pulumi."+stack+".yaml")
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, &MissingError{Stack: stack, Path: path, Available: Available(projectDir)}
	}
	if err != nil {
		return nil, fmt.Errorf("read stack file: %w", err)
	}
	settings, err := workspace.LoadProjectStack(nil, proj, path)
	if err != nil {
		return nil, &ConfigError{Stack: stack, Path: path, Err: err}
	}
	f := &File{Stack: stack, ProjectDir: projectDir, Project: proj, Path: path, Raw: raw, Settings: settings,
		Values: map[string]string{}}
	blind := config.NewBlindingDecrypter()
	var present, foreign, clear []string
	for k, v := range settings.Config {
		if k.Namespace() == stacks.Namespace && (k.Name() == stacks.SlackWebhookKey || k.Name() == stacks.OpsGenieKey) && !v.Secure() {
			clear = append(clear, k.String())
		}
		if k.Namespace() != stacks.Namespace && k.Namespace() != "pulumi" {
			foreign = append(foreign, k.String())
		}
		val, err := v.Value(blind)
		if err != nil {
			return nil, &ConfigError{Stack: stack, Path: path, Err: fmt.Errorf("%s: %w", k, err)}
		}
		f.Values[k.String()] = val
		if v.Secure() {
			f.SecretKeys = append(f.SecretKeys, k.String())
		}
		if k.Namespace() == stacks.Namespace {
			present = append(present, k.Name())
		}
	}
	sort.Strings(f.SecretKeys)
	if len(clear) > 0 {
		sort.Strings(clear)
		return nil, &ConfigError{Stack: stack, Path: path, Err: fmt.Errorf(
			"%s: got a value in clear text, want a secret: webhook URLs carry credentials; remove the line and run `pulumi config set --secret %s <url> --stack %s`",
			strings.Join(clear, ", "), clear[0], stack)}
	}
	if len(foreign) > 0 {
		// Every provider is explicit and configured from gcnotify keys, so aws:region and the
		// like would be silently ignored, and a misspelt namespace would hide a real key.
		sort.Strings(foreign)
		return nil, &ConfigError{Stack: stack, Path: path, Err: fmt.Errorf(
			"%s: unknown keys: want keys in the %s namespace (providers are configured from %s:regions and %s:accountId, never from aws:*)",
			strings.Join(foreign, ", "), stacks.Namespace, stacks.Namespace, stacks.Namespace)}
	}
	get := func(key string) (string, bool) {
		v, ok := f.Values[stacks.Namespace+":"+key]
		return v, ok
	}
	cfg, err := stacks.Load(stack, get, present)
	if err != nil {
		return nil, &ConfigError{Stack: stack, Path: path, Err: err}
	}
	if !slices.Contains(Permanent, stack) && !cfg.Ephemeral {
		return nil, &ConfigError{Stack: stack, Path: path, Err: fmt.Errorf(
			"%s:ephemeral: got false; stack %q is not one of %s, so it is short-lived and its file must set %s:ephemeral: true",
			stacks.Namespace, stack, strings.Join(Permanent, ", "), stacks.Namespace)}
	}
	f.Config = cfg
	return f, nil
}
