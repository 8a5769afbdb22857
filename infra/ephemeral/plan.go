// Package ephemeral plans, builds and tears down short-lived stacks: the configuration of an
// environment of the repository rebuilt into its own account, domain and stack file, written
// under the state folder (never into the repository). The BCP drill (infra/drill) and
// `notifyctl env` (experiments with a time to live) share it.
package ephemeral

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
	"github.com/cds-snc/notification-pulumi/stacks"
)

// RefusedError is a short-lived stack that may not be built as asked: nothing was created.
type RefusedError struct {
	// Kind is what was refused ("drill", "environment").
	Kind     string
	Problems []string
	// Outcome says what was left alone. Default "nothing was created".
	Outcome string
}

func (e *RefusedError) Error() string {
	outcome := e.Outcome
	if outcome == "" {
		outcome = "nothing was created"
	}
	return "the " + e.Kind + " is refused (" + outcome + "):\n  - " + strings.Join(e.Problems, "\n  - ")
}

// Request says which environment to rebuild as a short-lived stack, and where.
type Request struct {
	// Kind names the stack in messages ("drill", "environment"); Label is its short form in the
	// derived account and domain ("drill", "env"); Command is the command that generates it, for
	// the stack file's header; NameFlag is how the command line gives the name ("--name",
	// "name").
	Kind, Label, Command, NameFlag string
	// Name is the stack's name; From the environment whose configuration is rebuilt.
	Name, From string
	// Environment is the environment name the resources carry. Default: EnvironmentOf(Name).
	Environment string
	// Cloud is sim or aws.
	Cloud infra.Cloud
	// Account and Domain are where the environment is rebuilt. Required on AWS; in the simulated
	// cloud, SimAccount and <environment>.<Label>.notification.invalid.
	Account, Domain string
	// Set overrides configuration keys (key or key.sub: a YAML value).
	Set map[string]string
	// AllowOccupiedAccount lets the stack share an account that runs an environment.
	AllowOccupiedAccount bool
	// ProjectDir is the repository's project folder (read, never written).
	ProjectDir string
	// Dir is the stack's own folder under the state folder; its project is Dir/project.
	Dir string
	// Occupant says what the cloud holds in an account ("" when it is empty); nil: not asked.
	Occupant func(ctx context.Context, account string) (string, error)
	// CheckOnly stops after the refusals: nothing is written (the plan is nil).
	CheckOnly bool
	// Extra are further configuration keys written into the stack file as they are
	// ("notifyctl:owner"), after the overrides.
	Extra map[string]any
}

// Plan is a short-lived stack as it will be created: its generated stack file and the
// configuration it validated to.
type Plan struct {
	Name, From, Environment, Account, Domain string
	// ProjectDir is the stack's own project folder (a copy of Pulumi.yaml and the generated
	// Pulumi.<name>.yaml): the repository is never written.
	ProjectDir string
	File       *stackfile.File
}

// EnvironmentOf is the environment name of a short-lived stack: its resources carry it in their
// names (S3 bucket and target group names cap it at 10 characters): the stack name itself when
// it is short enough, else "d" and the last eight digits of the name (a drill's date and time),
// else "d" and a hash of the name.
func EnvironmentOf(name string) string {
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

// SimAccount is the simulated account of a short-lived stack when none is given: derived from
// its label and name, so two stacks never share one and the simulated world holds them beside
// the permanent environments.
func SimAccount(label, name string) string {
	h := fnv.New64a()
	h.Write([]byte(label + "/" + name))
	return fmt.Sprintf("4%011d", h.Sum64()%100_000_000_000)
}

// NewPlan checks the name, source and overrides, writes the stack file into Dir/project and
// validates it (stackfile.Load, as any stack file). It refuses, before anything is written, the
// names of long-lived stacks, a name another stack file of the project uses, and an account that
// already runs an environment (unless AllowOccupiedAccount); every problem is listed.
func NewPlan(ctx context.Context, r Request) (*Plan, error) {
	var problems []string
	switch {
	case slices.Contains(stackfile.Permanent, r.Name):
		problems = append(problems, fmt.Sprintf("%s %q is a long-lived environment: a %s builds a new stack and never touches %s", r.NameFlag, r.Name, r.Kind, strings.Join(stackfile.Permanent, ", ")))
	case !stackfile.ValidName(r.Name):
		problems = append(problems, fmt.Sprintf("%s %q: want %s", r.NameFlag, r.Name, stackfile.NameRule))
	case RepositoryStack(r.ProjectDir, r.Name):
		problems = append(problems, fmt.Sprintf("%s %q: the project has a stack file Pulumi.%s.yaml: a %s's name must not be a stack of the repository", r.NameFlag, r.Name, r.Name, r.Kind))
	}
	src, err := readSource(r.ProjectDir, r.From)
	if err != nil {
		problems = append(problems, err.Error())
	}
	p := &Plan{Name: r.Name, From: r.From, Environment: r.Environment, Account: r.Account, Domain: r.Domain}
	if p.Environment == "" {
		p.Environment = EnvironmentOf(r.Name)
	}
	if slices.Contains(stackfile.Permanent, p.Environment) && p.Environment != r.Name {
		problems = append(problems, fmt.Sprintf("--environment %q is a long-lived environment's name: a %s's resources must not carry it", p.Environment, r.Kind))
	}
	if p.Account == "" {
		if r.Cloud == infra.CloudAWS {
			problems = append(problems, "--account is required with --cloud aws: the 12-digit account to rebuild into (a new, empty one)")
		} else {
			p.Account = SimAccount(r.Label, r.Name)
		}
	}
	if p.Domain == "" {
		if r.Cloud == infra.CloudAWS {
			problems = append(problems, "--domain is required with --cloud aws: the domain the rebuilt environment answers on (its zone is created in the new account)")
		} else {
			p.Domain = p.Environment + "." + r.Label + ".notification.invalid"
		}
	}
	if len(problems) == 0 {
		problems = append(problems, occupied(ctx, r, p.Account)...)
	}
	if len(problems) > 0 {
		return nil, &RefusedError{Kind: r.Kind, Problems: problems}
	}
	raw, err := rebuild(src, r, p)
	if err != nil {
		return nil, &RefusedError{Kind: r.Kind, Problems: []string{err.Error()}}
	}
	if r.CheckOnly {
		return nil, nil
	}
	p.ProjectDir = filepath.Join(r.Dir, "project")
	if err := writeProject(r.ProjectDir, p.ProjectDir, p.Name, raw); err != nil {
		return nil, err
	}
	f, err := stackfile.Load(p.ProjectDir, p.Name)
	if err != nil {
		_ = os.RemoveAll(r.Dir)
		return nil, &RefusedError{Kind: r.Kind, Problems: []string{fmt.Sprintf("the %s's configuration (%s with the overrides) is invalid: %v", r.Kind, r.From, err)}}
	}
	p.File = f
	return p, nil
}

// RepositoryStack reports whether the project has a stack file for name.
func RepositoryStack(projectDir, name string) bool {
	_, err := os.Stat(filepath.Join(projectDir, "Pulumi."+name+".yaml"))
	return err == nil
}

// occupied lists why an account may not be used: a stack file of the project names it, or the
// cloud holds something in it.
func occupied(ctx context.Context, r Request, account string) []string {
	if r.AllowOccupiedAccount {
		return nil
	}
	var problems []string
	for _, name := range stackfile.Available(r.ProjectDir) {
		if name == r.Name {
			continue
		}
		if acct := accountOf(r.ProjectDir, name); acct == account {
			problems = append(problems, fmt.Sprintf("--account %s runs the environment %s (Pulumi.%s.yaml): a %s rebuilds into an empty account; pass --allow-occupied-account to share it deliberately", account, name, name, r.Kind))
		}
	}
	if r.Occupant != nil {
		who, err := r.Occupant(ctx, account)
		if err != nil {
			problems = append(problems, fmt.Sprintf("--account %s: cannot tell whether it is empty: %v", account, err))
		} else if who != "" {
			problems = append(problems, fmt.Sprintf("--account %s is not empty: %s; a %s rebuilds into an empty account: pass --allow-occupied-account to share it deliberately", account, who, r.Kind))
		}
	}
	return problems
}

// writeProject writes a short-lived stack's project folder: the project file and its stack file.
func writeProject(repo, dir, name string, stackFile []byte) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("project folder: %w", err)
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
