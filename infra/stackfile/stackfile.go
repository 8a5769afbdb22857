// Package stackfile finds the Pulumi project, reads a stack's Pulumi.<stack>.yaml and validates
// its configuration with stacks.Load before any engine, mock or cloud is touched. It is shared by
// the automation library (infra) and the offline renderer (infra/render).
package stackfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"

	"github.com/cds-snc/notification-pulumi/stacks"
)

// Permanent lists the long-lived environments; every other stack is short-lived (ephemeral).
// It is stacks.Permanent, whose validator enforces it.
var Permanent = stacks.Permanent

// ToolNamespace holds notifyctl's own keys of a stack (a short-lived environment's owner, source
// and expiry): the program never reads them.
const ToolNamespace = "notifyctl"

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
	return fmt.Sprintf("stack name %q is not allowed: want %s (e.g. dev, staging, production, bcp-20261201-0930)", e.Stack, NameRule)
}

// NameRule says what a stack name may be. A stack's name is its environment's unless its file
// sets gcnotify:environment, whose rule is stricter (stacks.EnvironmentNameRule: it is part of S3
// bucket names): a drill's stack bcp-20261201-0930 names its environment in its file.
const NameRule = "2 to 32 characters: lowercase letters and digits, starting with a letter, with single dashes between them"

var namePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// ValidName reports whether s follows NameRule.
func ValidName(s string) bool { return len(s) >= 2 && len(s) <= 32 && namePattern.MatchString(s) }

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
	if !ValidName(stack) {
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
		if ValidName(name) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// NoProjectError is a project folder without Pulumi.yaml.
type NoProjectError struct{ Dir string }

func (e *NoProjectError) Error() string {
	return fmt.Sprintf("no %s in %s: pass --project-dir with the folder holding the project (the repository's root)", ProjectFile, e.Dir)
}

// Load reads and validates stack's configuration from projectDir. Errors are *NameError,
// *NoProjectError, *MissingError, *ConfigError, or a wrapped I/O or parse error. A
// *ConfigError lists every problem of the stack file at once (syntax, secrets in clear text,
// keys of other namespaces, unknown keys, values of the wrong type, values not allowed), each a
// *Problem at the line and column of its key when the file sets it.
func Load(projectDir, stack string) (*File, error) {
	if err := CheckName(stack); err != nil {
		return nil, err
	}
	projPath := filepath.Join(projectDir, ProjectFile)
	if _, err := os.Stat(projPath); errors.Is(err, os.ErrNotExist) {
		return nil, &NoProjectError{Dir: projectDir}
	}
	proj, err := workspace.LoadProject(projPath)
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
	name := filepath.Base(path)
	if p := syntaxProblem(name, raw); p != nil {
		return nil, &ConfigError{Stack: stack, Path: path, Err: p}
	}
	settings, err := workspace.LoadProjectStack(nil, proj, path)
	if err != nil {
		return nil, &ConfigError{Stack: stack, Path: path, Err: err}
	}
	f := &File{Stack: stack, ProjectDir: projectDir, Project: proj, Path: path, Raw: raw, Settings: settings,
		Values: map[string]string{}}
	pos := readPositions(raw, string(proj.Name))
	var problems []*Problem
	add := func(key string, err error) {
		line, col := pos.at(key)
		problems = append(problems, &Problem{File: name, Line: line, Column: col, Err: err})
	}
	blind := config.NewBlindingDecrypter()
	var present []string
	for k, v := range settings.Config {
		if k.Namespace() == stacks.Namespace && slices.Contains(stacks.SecretKeys, k.Name()) && !v.Secure() {
			// The value itself is never repeated: it carries credentials.
			add(k.String(), fmt.Errorf(
				"%s: got a value in clear text, want a secret: webhook URLs and tokens carry credentials; remove the line and run `pulumi config set --secret %s <value> --stack %s`",
				k, k, stack))
		}
		if k.Namespace() != stacks.Namespace && k.Namespace() != "pulumi" && k.Namespace() != ToolNamespace {
			// Every provider is explicit and configured from gcnotify keys, so aws:region and the
			// like would be silently ignored, and a misspelt namespace would hide a real key.
			add(k.String(), fmt.Errorf(
				"%s: unknown key: want keys in the %s namespace (providers are configured from %s:regions and %s:accountId, never from aws:*)",
				k, stacks.Namespace, stacks.Namespace, stacks.Namespace))
		}
		val, err := v.Value(blind)
		if err != nil {
			add(k.String(), fmt.Errorf("%s: %w", k, err))
			continue
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
	get := func(key string) (string, bool) {
		v, ok := f.Values[stacks.Namespace+":"+key]
		return v, ok
	}
	cfg, err := stacks.Load(stack, get, present)
	if err != nil {
		for _, p := range flatten(err) {
			add(stacks.Namespace+":"+keyOf(p), p)
		}
	}
	if len(problems) > 0 {
		// In the order of the file, then the keys it does not set.
		sort.SliceStable(problems, func(i, j int) bool {
			a, b := problems[i], problems[j]
			if (a.Line == 0) != (b.Line == 0) {
				return b.Line == 0
			}
			return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
		})
		errs := make([]error, len(problems))
		for i, p := range problems {
			errs[i] = p
		}
		return nil, &ConfigError{Stack: stack, Path: path, Err: errors.Join(errs...)}
	}
	f.Config = cfg
	return f, nil
}

// flatten lists the problems of an errors.Join.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// keyOf is the key (without the namespace) a configuration problem is about, as far as it says.
func keyOf(err error) string {
	var ke *stacks.KeyError
	var ce *stacks.ConfigError
	switch {
	case errors.As(err, &ke):
		return ke.Path()
	case errors.As(err, &ce):
		return ce.Key
	}
	return ""
}
