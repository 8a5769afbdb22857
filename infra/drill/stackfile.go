package drill

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/cds-snc/notification-pulumi/infra/stackfile"
	"github.com/cds-snc/notification-pulumi/stacks"
)

// RefusedError is a drill that may not run as asked: nothing was created.
type RefusedError struct{ Problems []string }

func (e *RefusedError) Error() string {
	return "the drill is refused (nothing was created):\n  - " + strings.Join(e.Problems, "\n  - ")
}

// DefaultName is a drill's stack name when --name is not given: bcp-<yyyymmdd-hhmm>.
func DefaultName(now time.Time) string { return "bcp-" + now.UTC().Format("20060102-1504") }

// environmentOf is the environment name of a drill stack: its resources carry it in their names
// (S3 bucket and target group names cap it at 10 characters): "bcp" and the drill's date and time,
// or the stack name itself when it is short enough.
func environmentOf(name string) string {
	if stacks.ValidEnvironmentName(name) {
		return name
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, name)
	if len(digits) >= 8 {
		// bcp-20261201-0930 -> d12010930 (month, day, hour, minute)
		return "d" + digits[len(digits)-8:]
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return fmt.Sprintf("d%08x", h.Sum32())[:9]
}

// simAccount is the account a rehearsal drill gets when --account is not given: derived from its
// name, so two drills never share one and the simulated world can hold them beside the
// permanent environments.
func simAccount(name string) string {
	h := fnv.New64a()
	h.Write([]byte("drill/" + name))
	return fmt.Sprintf("4%011d", h.Sum64()%100_000_000_000)
}

// plan is the drill's stack as it will be created: its name, its generated stack file and the
// configuration it validated to.
type plan struct {
	Name, From, Environment, Account, Domain string
	// ProjectDir is the drill's own project folder (a copy of Pulumi.yaml and the generated
	// Pulumi.<name>.yaml): the repository is never written.
	ProjectDir string
	File       *stackfile.File
}

// newPlan checks the drill's name, source and overrides, writes the drill's stack file into its
// own folder and validates it. It refuses, before anything is written, the names of long-lived
// stacks, a name another stack file of the project uses, and an account that already runs an
// environment (unless AllowOccupiedAccount).
func newPlan(ctx context.Context, o *Options) (*plan, error) {
	var problems []string
	if slices.Contains(stackfile.Permanent, o.Name) {
		problems = append(problems, fmt.Sprintf("--name %q is a long-lived environment: a drill builds a new stack and never touches %s", o.Name, strings.Join(stackfile.Permanent, ", ")))
	} else if !stackfile.ValidName(o.Name) {
		problems = append(problems, fmt.Sprintf("--name %q: want %s", o.Name, stackfile.NameRule))
	} else if _, err := os.Stat(filepath.Join(o.ProjectDir, "Pulumi."+o.Name+".yaml")); err == nil {
		problems = append(problems, fmt.Sprintf("--name %q: the project has a stack file Pulumi.%s.yaml: a drill's name must not be a stack of the repository", o.Name, o.Name))
	}
	src, err := readSource(o.ProjectDir, o.From)
	if err != nil {
		problems = append(problems, err.Error())
	}
	p := &plan{Name: o.Name, From: o.From, Environment: o.Environment, Account: o.Account, Domain: o.Domain}
	if p.Environment == "" {
		p.Environment = environmentOf(o.Name)
	}
	if slices.Contains(stackfile.Permanent, p.Environment) {
		problems = append(problems, fmt.Sprintf("--environment %q is a long-lived environment's name: a drill's resources must not carry it", p.Environment))
	}
	if p.Account == "" {
		if o.Cloud == "aws" {
			problems = append(problems, "--account is required with --cloud aws: the 12-digit account to rebuild into (a new, empty one)")
		} else {
			p.Account = simAccount(o.Name)
		}
	}
	if p.Domain == "" {
		if o.Cloud == "aws" {
			problems = append(problems, "--domain is required with --cloud aws: the domain the rebuilt environment answers on (its zone is created in the new account)")
		} else {
			p.Domain = p.Environment + ".drill.notification.invalid"
		}
	}
	if len(problems) == 0 {
		// An account that runs an environment: a stack file of the project, or the cloud's word.
		for _, name := range stackfile.Available(o.ProjectDir) {
			if name == o.Name {
				continue
			}
			if acct := accountOf(o.ProjectDir, name); acct == p.Account && !o.AllowOccupiedAccount {
				problems = append(problems, fmt.Sprintf("--account %s runs the environment %s (Pulumi.%s.yaml): a drill rebuilds into an empty account; pass --allow-occupied-account to share it deliberately", p.Account, name, name))
			}
		}
		if o.Occupant != nil && !o.AllowOccupiedAccount {
			who, err := o.Occupant(ctx, p.Account)
			if err != nil {
				problems = append(problems, fmt.Sprintf("--account %s: cannot tell whether it is empty: %v", p.Account, err))
			} else if who != "" {
				problems = append(problems, fmt.Sprintf("--account %s is not empty: %s; a drill rebuilds into an empty account: pass --allow-occupied-account to share it deliberately", p.Account, who))
			}
		}
	}
	if len(problems) > 0 {
		return nil, &RefusedError{Problems: problems}
	}
	raw, err := p.stackFile(src, o.Set)
	if err != nil {
		return nil, &RefusedError{Problems: []string{err.Error()}}
	}
	p.ProjectDir = filepath.Join(o.dir(), "project")
	if err := writeProject(o.ProjectDir, p.ProjectDir, p.Name, raw); err != nil {
		return nil, err
	}
	f, err := stackfile.Load(p.ProjectDir, p.Name)
	if err != nil {
		_ = os.RemoveAll(o.dir())
		return nil, &RefusedError{Problems: []string{fmt.Sprintf("the drill's configuration (%s with the overrides) is invalid: %v", o.From, err)}}
	}
	p.File = f
	return p, nil
}

// source is a stack file as written: its configuration map and secrets-provider settings.
type source struct {
	config   map[string]any
	settings map[string]any
}

func readSource(projectDir, from string) (*source, error) {
	if from == "" {
		return nil, fmt.Errorf("--from is required: the environment to rebuild (%s)", strings.Join(stackfile.Available(projectDir), ", "))
	}
	path := filepath.Join(projectDir, "Pulumi."+from+".yaml")
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--from %q: no stack file %s (stacks with a file: %s)", from, filepath.Base(path), strings.Join(stackfile.Available(projectDir), ", "))
	}
	var doc map[string]any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("--from %q: %s is not valid YAML: %v", from, filepath.Base(path), err)
	}
	s := &source{config: map[string]any{}, settings: map[string]any{}}
	for k, v := range doc {
		if k == "config" {
			if m, ok := v.(map[string]any); ok {
				s.config = m
			}
			continue
		}
		s.settings[k] = v
	}
	return s, nil
}

func accountOf(projectDir, stack string) string {
	s, err := readSource(projectDir, stack)
	if err != nil {
		return ""
	}
	a, _ := s.config[stacks.Namespace+":accountId"].(string)
	return a
}

// stackFile is the drill's configuration: the source environment's, rebuilt into the drill's
// account and domain as a short-lived stack (nothing protected, everything deletable), its DNS
// zone its own (delegation is a manual step), the account singletons of the source's account
// not assumed, its backup vault never locked (a locked vault cannot be torn down), then the
// --set overrides. The secrets-provider settings are the source's, so
// its secrets decrypt.
func (p *plan) stackFile(src *source, set map[string]string) ([]byte, error) {
	cfg := map[string]any{}
	for k, v := range src.config {
		cfg[k] = v
	}
	key := func(k string) string { return stacks.Namespace + ":" + k }
	for _, k := range []string{"existing"} {
		delete(cfg, key(k))
	}
	if db, ok := cfg[key("database")].(map[string]any); ok {
		db = copyMap(db)
		delete(db, "snapshotShareAccounts")
		cfg[key("database")] = db
	}
	cfg[key("environment")] = p.Environment
	cfg[key("ephemeral")] = true
	cfg[key("accountId")] = p.Account
	cfg[key("domain")] = p.Domain
	cfg[key("dns")] = map[string]any{"zoneName": p.Domain, "createZone": true}
	cfg[key("deletionProtection")] = false
	cfg[key("forceDestroy")] = true
	// A locked backup vault cannot be deleted until its lock lapses: a drill's never locks.
	if f, ok := cfg[key("features")].(map[string]any); ok {
		f = copyMap(f)
		f["backupVaultLock"] = false
		cfg[key("features")] = f
	}
	names := make([]string, 0, len(set))
	for k := range set {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		var v any
		if err := yaml.Unmarshal([]byte(set[k]), &v); err != nil {
			return nil, fmt.Errorf("--set %s=%s: the value is not YAML: %v", k, set[k], err)
		}
		full := k
		if !strings.Contains(k, ":") {
			full = key(k)
		}
		if err := setPath(cfg, full, v); err != nil {
			return nil, fmt.Errorf("--set %s: %v", k, err)
		}
	}
	doc := map[string]any{}
	for k, v := range src.settings {
		doc[k] = v
	}
	doc["config"] = cfg
	body, err := yaml.Marshal(doc)
	if err != nil {
		return nil, err
	}
	head := fmt.Sprintf("# Generated by notifyctl drill: %s rebuilt from %s into account %s (%s). Not a repository file.\n",
		p.Name, p.From, p.Account, p.Domain)
	return append([]byte(head), body...), nil
}

// setPath sets gcnotify:key or gcnotify:key.sub.field.
func setPath(cfg map[string]any, full string, v any) error {
	ns, rest, _ := strings.Cut(full, ":")
	parts := strings.Split(rest, ".")
	top := ns + ":" + parts[0]
	if len(parts) == 1 {
		cfg[top] = v
		return nil
	}
	m, _ := cfg[top].(map[string]any)
	m = copyMap(m)
	cfg[top] = m
	for _, part := range parts[1 : len(parts)-1] {
		next, ok := m[part].(map[string]any)
		if !ok {
			if m[part] != nil {
				return fmt.Errorf("%s is not an object", part)
			}
			next = map[string]any{}
		}
		next = copyMap(next)
		m[part] = next
		m = next
	}
	m[parts[len(parts)-1]] = v
	return nil
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// writeProject writes the drill's project folder: the project file and the drill's stack file.
func writeProject(repo, dir, name string, stackFile []byte) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("drill folder: %w", err)
	}
	proj, err := os.ReadFile(filepath.Join(repo, stackfile.ProjectFile))
	if err != nil {
		return fmt.Errorf("read the project file: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, stackfile.ProjectFile), proj, 0o600); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "Pulumi."+name+".yaml"), stackFile, 0o600)
}
