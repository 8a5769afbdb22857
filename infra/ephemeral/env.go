package ephemeral

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
	"github.com/cds-snc/notification-pulumi/internal/atomicfile"
)

// An environment's owner, source, creation time, expiry and cloud live with its stack: they are
// configuration keys of its own stack file (the ToolNamespace, which the program never reads),
// validated with the rest of it. Pulumi's stack tags would be the natural place, but the file
// and S3 backends (diy) do not persist them: UpdateStackTags answers "stack tags not supported
// in diy mode" in Pulumi v3.175.0.
const (
	KeyOwner   = stackfile.ToolNamespace + ":owner"
	KeySource  = stackfile.ToolNamespace + ":source"
	KeyCreated = stackfile.ToolNamespace + ":createdAt"
	KeyExpires = stackfile.ToolNamespace + ":expiresAt"
	KeyCloud   = stackfile.ToolNamespace + ":cloud"
)

// MaxTTL is the longest time to live an environment may be given at once (extend gives more).
const MaxTTL = 30 * 24 * time.Hour

// Env is a short-lived environment as its stack file records it.
type Env struct {
	Name        string      `json:"name"`
	Source      string      `json:"source"`
	Owner       string      `json:"owner"`
	Cloud       infra.Cloud `json:"cloud"`
	Environment string      `json:"environment"`
	Account     string      `json:"account"`
	Domain      string      `json:"domain"`
	Created     time.Time   `json:"createdAt"`
	Expires     time.Time   `json:"expiresAt"`
	// ProjectDir is the environment's own project folder (Pulumi.yaml and its stack file).
	ProjectDir string `json:"-"`
}

// Expired reports whether the environment's time to live has run out at now.
func (e *Env) Expired(now time.Time) bool { return !now.Before(e.Expires) }

// EnvDir is an environment's folder under the state folder.
func EnvDir(stateDir, name string) string { return filepath.Join(stateDir, "envs", name) }

// NotFoundError is an environment the state folder does not hold.
type NotFoundError struct {
	Name, StateDir string
	Known          []string
}

func (e *NotFoundError) Error() string {
	known := strings.Join(e.Known, ", ")
	if known == "" {
		known = "none"
	}
	return fmt.Sprintf("no short-lived environment %q in %s (environments: %s)", e.Name, filepath.Join(e.StateDir, "envs"), known)
}

// Names lists the environments with a stack file in the state folder, sorted.
func Names(stateDir string) []string {
	entries, _ := os.ReadDir(filepath.Join(stateDir, "envs"))
	var out []string
	for _, e := range entries {
		if _, err := os.Stat(stackFilePath(stateDir, e.Name())); e.IsDir() && err == nil {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

func stackFilePath(stateDir, name string) string {
	return filepath.Join(EnvDir(stateDir, name), "project", "Pulumi."+name+".yaml")
}

// Read loads an environment's stack file (validated as any stack file) and its metadata.
func Read(stateDir, name string) (*Env, *stackfile.File, error) {
	if _, err := os.Stat(stackFilePath(stateDir, name)); err != nil {
		return nil, nil, &NotFoundError{Name: name, StateDir: stateDir, Known: Names(stateDir)}
	}
	dir := filepath.Join(EnvDir(stateDir, name), "project")
	f, err := stackfile.Load(dir, name)
	if err != nil {
		return nil, nil, fmt.Errorf("environment %s: %w", name, err)
	}
	e := &Env{Name: name, Source: f.Values[KeySource], Owner: f.Values[KeyOwner], Cloud: infra.Cloud(f.Values[KeyCloud]),
		Environment: f.Config.Environment, Account: f.Config.AccountID, Domain: f.Config.Domain, ProjectDir: dir}
	var problems []error
	if !f.Config.Ephemeral {
		problems = append(problems, fmt.Errorf("gcnotify:ephemeral: got false, want true: an environment is short-lived"))
	}
	if e.Owner == "" {
		problems = append(problems, fmt.Errorf("%s: missing, want who owns the environment", KeyOwner))
	}
	if _, err := infra.ParseCloud(string(e.Cloud)); err != nil {
		problems = append(problems, fmt.Errorf("%s: %w", KeyCloud, err))
	}
	for k, t := range map[string]*time.Time{KeyCreated: &e.Created, KeyExpires: &e.Expires} {
		v, perr := time.Parse(time.RFC3339, f.Values[k])
		if perr != nil {
			problems = append(problems, fmt.Errorf("%s: got %q, want a time in RFC 3339 (2026-12-01T09:30:00Z)", k, f.Values[k]))
		}
		*t = v.UTC()
	}
	if len(problems) > 0 {
		return nil, nil, fmt.Errorf("environment %s: its stack file %s is not an environment's: %w", name, f.Path, errors.Join(problems...))
	}
	return e, f, nil
}

// Guard refuses to operate name unless it is a short-lived environment of the state folder:
// never a long-lived stack, nor a stack of the repository, whatever the state folder holds.
func Guard(projectDir, stateDir, name string) (*Env, *stackfile.File, error) {
	switch {
	case slices.Contains(stackfile.Permanent, name):
		return nil, nil, &RefusedError{Kind: "command", Outcome: "nothing was touched", Problems: []string{fmt.Sprintf("%q is a long-lived environment: env commands never operate %s", name, strings.Join(stackfile.Permanent, ", "))}}
	case !stackfile.ValidName(name):
		return nil, nil, &RefusedError{Kind: "command", Outcome: "nothing was touched", Problems: []string{fmt.Sprintf("name %q: want %s", name, stackfile.NameRule)}}
	case RepositoryStack(projectDir, name):
		return nil, nil, &RefusedError{Kind: "command", Outcome: "nothing was touched", Problems: []string{fmt.Sprintf("%q has a stack file Pulumi.%s.yaml in the repository: env commands only operate short-lived environments they created", name, name)}}
	}
	return Read(stateDir, name)
}

// Extend sets an environment's expiry in its stack file, which is validated again (on failure
// the file is left as it was).
func Extend(stateDir, name string, expires time.Time) (*Env, error) {
	path := stackFilePath(stateDir, name)
	if _, _, err := Read(stateDir, name); err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	updated, err := setKey(raw, KeyExpires, expires.UTC().Format(time.RFC3339))
	if err != nil {
		return nil, fmt.Errorf("environment %s: %w", name, err)
	}
	if err := writeFile(path, updated); err != nil {
		return nil, err
	}
	e, _, err := Read(stateDir, name)
	if err != nil {
		_ = writeFile(path, raw)
		return nil, err
	}
	return e, nil
}

// setKey sets a top-level configuration key of a stack file, keeping the rest of it (comments
// included) as written.
func setKey(raw []byte, k, v string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil || len(doc.Content) == 0 {
		return nil, fmt.Errorf("the stack file does not parse: %v", err)
	}
	root := doc.Content[0]
	var cfg *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "config" {
			cfg = root.Content[i+1]
		}
	}
	if cfg == nil || cfg.Kind != yaml.MappingNode {
		return nil, errors.New("the stack file has no config")
	}
	for i := 0; i+1 < len(cfg.Content); i += 2 {
		if cfg.Content[i].Value == k {
			cfg.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: v}
			return encode(&doc)
		}
	}
	cfg.Content = append(cfg.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: v})
	return encode(&doc)
}

func encode(doc *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(4)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

func writeFile(path string, data []byte) error {
	return atomicfile.Write(path, data, 0o600)
}
