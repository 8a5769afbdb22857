package ephemeral

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra/stackfile"
	"github.com/cds-snc/notification-pulumi/stacks"
)

// NewAccountOptions say which stack file `env new` writes: an environment of the repository in
// a new account.
type NewAccountOptions struct {
	// Name is the stack's name, and its environment's (at most 10 characters).
	Name string
	// Account is the new account's 12-digit id; Domain the domain the environment answers on (its
	// zone is created in the new account).
	Account, Domain string
	// From is the environment whose configuration is the starting point. Default staging.
	From string
	// ProjectDir is the repository's project folder, where Pulumi.<name>.yaml is written.
	ProjectDir string
}

var (
	accountPattern = regexp.MustCompile(`^[0-9]{12}$`)
	domainPattern  = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
)

// NewAccountStackFile writes Pulumi.<name>.yaml into the project folder: the source
// environment's configuration rebuilt into the new account and domain (its own zone; no other
// account's singletons, snapshot shares or delegations). Every problem is listed before
// anything is written, the file is validated as any stack file (stackfile.Load) before it
// takes its place, and an existing file is never overwritten. It returns the file's path.
//
// A stack other than dev, staging and production is short-lived to the program
// (stackfile.Permanent), so the file sets gcnotify:ephemeral: true; making it long-lived, and
// its stateful resources protected, is a reviewed change of that list.
func NewAccountStackFile(o NewAccountOptions) (string, error) {
	if o.From == "" {
		o.From = "staging"
	}
	var problems []string
	path := filepath.Join(o.ProjectDir, "Pulumi."+o.Name+".yaml")
	switch {
	case slices.Contains(stackfile.Permanent, o.Name):
		problems = append(problems, fmt.Sprintf("name %q is a long-lived environment with its own stack file: env new writes a new environment's", o.Name))
	case !stacks.ValidEnvironmentName(o.Name) || !stackfile.ValidName(o.Name):
		problems = append(problems, fmt.Sprintf("name %q: want %s (it names the stack and its environment)", o.Name, stacks.EnvironmentNameRule))
	case RepositoryStack(o.ProjectDir, o.Name):
		problems = append(problems, fmt.Sprintf("name %q: %s exists: env new never overwrites a stack file", o.Name, filepath.Base(path)))
	}
	accounts := Accounts(o.ProjectDir)
	switch {
	case !accountPattern.MatchString(o.Account):
		problems = append(problems, fmt.Sprintf("--account %q: want a 12-digit AWS account id", o.Account))
	case accounts[o.Account] != "":
		problems = append(problems, fmt.Sprintf("--account %s runs the environment %s (Pulumi.%s.yaml): a new environment gets an account of its own", o.Account, accounts[o.Account], accounts[o.Account]))
	}
	if !domainPattern.MatchString(o.Domain) || len(o.Domain) > 253 {
		problems = append(problems, fmt.Sprintf("--domain %q: want a lowercase DNS name such as perf.notification.cdssandbox.xyz", o.Domain))
	} else if other := domainUser(o.ProjectDir, o.Domain); other != "" {
		problems = append(problems, fmt.Sprintf("--domain %s is the domain of %s (Pulumi.%s.yaml): a new environment answers on its own", o.Domain, other, other))
	}
	src, err := readSource(o.ProjectDir, o.From)
	if err != nil {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		return "", &RefusedError{Kind: "stack file", Problems: problems}
	}
	cfg := copyMap(src.config)
	intoAccount(cfg, o.Name, o.Account, o.Domain)
	cfg[key("ephemeral")] = true
	head := fmt.Sprintf("# GC Notify %s: written by `notifyctl env new` from %s's configuration for account %s (%s).\n"+
		"# Its DNS delegation, SES production access, SMS numbers, state bucket, secrets key and secrets\n"+
		"# are manual steps: `notifyctl env new` lists them. Short-lived to the program until %s joins\n"+
		"# stackfile.Permanent (a reviewed change), so it sets gcnotify:ephemeral: true.\n",
		o.Name, o.From, o.Account, o.Domain, o.Name)
	raw, err := marshal(head, src.settings, cfg)
	if err != nil {
		return "", err
	}
	if err := checkStackFile(o.ProjectDir, o.Name, raw); err != nil {
		return "", &RefusedError{Kind: "stack file", Problems: []string{fmt.Sprintf("the configuration (%s's, in account %s) is invalid: %v", o.From, o.Account, err)}}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return "", &RefusedError{Kind: "stack file", Problems: []string{fmt.Sprintf("%s exists: env new never overwrites a stack file", path)}}
	}
	if err != nil {
		return "", err
	}
	if _, err := f.Write(raw); err != nil {
		f.Close()
		_ = os.Remove(path)
		return "", err
	}
	return path, f.Close()
}

// checkStackFile validates a stack file in a folder of its own, beside a copy of the project file.
func checkStackFile(projectDir, name string, raw []byte) error {
	dir, err := os.MkdirTemp("", "notifyctl-env-new-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := writeProject(projectDir, dir, name, raw); err != nil {
		return err
	}
	_, err = stackfile.Load(dir, name)
	return err
}

// domainUser is the stack whose file names domain as its domain ("" when none does).
func domainUser(projectDir, domain string) string {
	for _, name := range stackfile.Available(projectDir) {
		if s, err := readSource(projectDir, name); err == nil {
			if d, _ := s.config[key("domain")].(string); strings.EqualFold(d, domain) {
				return name
			}
		}
	}
	return ""
}

// StepsFor are the manual steps with the new environment's names in place of their
// placeholders (<name>, <domain>, the state bucket and the secrets key the notifyctl action
// uses: gcnotify-pulumi-state-<account>, alias/gcnotify-pulumi-secrets).
func StepsFor(name, account, domain string) []ManualStep {
	r := strings.NewReplacer("<name>", name, "<domain>", domain, "<bucket>", "gcnotify-pulumi-state-"+account, "<key>", "gcnotify-pulumi-secrets")
	out := make([]ManualStep, len(ManualSteps))
	for i, s := range ManualSteps {
		out[i] = ManualStep{Step: r.Replace(s.Step), Who: s.Who, Estimate: s.Estimate, Check: r.Replace(s.Check)}
	}
	return out
}
