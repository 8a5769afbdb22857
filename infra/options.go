package infra

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// RehearsalPassphrase encrypts the secrets of stacks in the simulated cloud when
// PULUMI_CONFIG_PASSPHRASE is not set. It protects nothing (it is published here on purpose):
// it only lets rehearsals run without a prompt. Real environments never use it: --cloud aws with
// a passphrase provider requires PULUMI_CONFIG_PASSPHRASE (or _FILE).
const RehearsalPassphrase = "gcnotify-sim-rehearsal-not-a-secret"

// PassphraseProvider is the secrets provider of local and rehearsal stacks.
const PassphraseProvider = "passphrase"

// Options say which stack to operate and where its state lives.
type Options struct {
	// Stack is the stack name (the environment unless its file says otherwise). Required.
	Stack string
	// Cloud is where resources go. Required: there is no default.
	Cloud Cloud
	// ProjectDir holds Pulumi.yaml and Pulumi.<stack>.yaml. Default: the nearest folder at or
	// above the working directory holding Pulumi.yaml.
	ProjectDir string
	// StateDir holds the per-stack workspaces and the local backend. Default <ProjectDir>/.state
	// (git-ignored).
	StateDir string
	// Backend is the state backend: file://<absolute folder> or s3://<bucket>[/<prefix>].
	// Default for the simulated cloud: file://<StateDir>/backend. Required for AWS.
	Backend string
	// SecretsProvider encrypts the stack's secrets: "passphrase" or awskms://<key id or alias>?region=<r>.
	// Default "passphrase" for file backends; required for s3 backends.
	SecretsProvider string
	// CLI is the Pulumi CLI's path. Default FindCLI(ProjectDir).
	CLI string
	// PulumiHome is the CLI's home (plugins, credentials). Default: the CLI's own default
	// ($PULUMI_HOME or ~/.pulumi).
	PulumiHome string
	// Env is added to the CLI's environment (the simulated cloud's Env()).
	Env map[string]string
	// Program is the program to run. Default stacks.Program.
	Program pulumi.RunFunc
	// EveryStepCheckpoints makes the engine save the state after every step in the simulated
	// cloud too. By default rehearsals save it once, at the end of each operation (also when it
	// fails or is cancelled): saving a ~750-resource state after each of ~750 steps costs about
	// 80 s of CPU per up, the whole rehearsal's time at a small latency factor. Real AWS always
	// saves after every step, so a crash never loses track of a real resource.
	EveryStepCheckpoints bool
	// Registry reaches the container registries: an up copies missing Lambda images into the
	// environment's repositories through it (docs/images.md). Nil: no image step.
	Registry Registry
	// Inventory lists what the cloud holds of the stack, for the orphan finder (Stack.Orphans).
	Inventory Inventory
	// ImageSource is the registry to copy missing images from when the stack's configuration
	// names none (gcnotify:lambdaImageSource); rehearsals use the simulated release registry.
	ImageSource string
	// LookupEnv reads the caller's environment (credentials, passphrase). Default os.LookupEnv.
	LookupEnv func(string) (string, bool)
	// Now is the clock. Default time.Now.
	Now func() time.Time
}

// resolved is Options with defaults applied and the secrets settled.
type resolved struct {
	Options
	// passphraseEnv is what the engine is given of the state passphrase: the rehearsal
	// passphrase, or the PULUMI_CONFIG_PASSPHRASE(_FILE) LookupEnv found, so that the engine uses
	// the passphrase notifyctl checked even when LookupEnv is not the process's environment.
	passphraseEnv map[string]string
}

// resolve applies defaults and checks everything that does not need the engine.
func (o Options) resolve() (*resolved, *stackfile.File, error) {
	if err := stackfile.CheckName(o.Stack); err != nil {
		return nil, nil, err
	}
	if o.LookupEnv == nil {
		o.LookupEnv = os.LookupEnv
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	var problems []string
	if _, err := ParseCloud(string(o.Cloud)); err != nil {
		problems = append(problems, err.Error())
	}
	if o.ProjectDir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, nil, err
		}
		if o.ProjectDir, err = stackfile.FindProjectDir(wd); err != nil {
			return nil, nil, &OptionsError{Problems: []string{err.Error()}}
		}
	}
	abs := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return p
	}
	o.ProjectDir = abs(o.ProjectDir)
	if o.StateDir == "" {
		o.StateDir = filepath.Join(o.ProjectDir, ".state")
	}
	o.StateDir = abs(o.StateDir)
	switch {
	case o.Backend == "" && o.Cloud == CloudSim:
		o.Backend = "file://" + filepath.ToSlash(filepath.Join(o.StateDir, "backend"))
	case o.Backend == "" && o.Cloud == CloudAWS:
		problems = append(problems, "--cloud aws needs a state backend: --backend s3://<bucket>[/<prefix>] or NOTIFYCTL_BACKEND (state of real environments is never kept on one machine by default)")
	case strings.HasPrefix(o.Backend, "file://"):
		if !filepath.IsAbs(strings.TrimPrefix(o.Backend, "file://")) {
			problems = append(problems, fmt.Sprintf("backend %q: a file backend needs an absolute path (file:///path/to/folder)", o.Backend))
		}
	case strings.HasPrefix(o.Backend, "s3://"):
	default:
		problems = append(problems, fmt.Sprintf("backend %q is not supported: want file:///<absolute folder> or s3://<bucket>[/<prefix>]", o.Backend))
	}
	if o.SecretsProvider == "" {
		if strings.HasPrefix(o.Backend, "s3://") {
			problems = append(problems, "an s3 backend needs a KMS secrets provider: --secrets-provider awskms://alias/<name>?region=ca-central-1 or NOTIFYCTL_SECRETS_PROVIDER")
		}
		o.SecretsProvider = PassphraseProvider
	} else if o.SecretsProvider != PassphraseProvider && !strings.Contains(o.SecretsProvider, "://") {
		problems = append(problems, fmt.Sprintf("secrets provider %q is not supported: want passphrase or awskms://<key id or alias>?region=<region>", o.SecretsProvider))
	}
	// Every problem is reported at once: the options', the stack file's and the credentials'.
	var errs []error
	if len(problems) > 0 {
		errs = append(errs, &OptionsError{Problems: problems})
	}
	f, err := stackfile.Load(o.ProjectDir, o.Stack)
	if err != nil {
		errs = append(errs, err)
	}

	r := &resolved{Options: o, passphraseEnv: o.passphraseEnv()}
	if o.SecretsProvider == PassphraseProvider && len(r.passphraseEnv) == 0 {
		switch o.Cloud {
		case CloudSim:
			r.passphraseEnv = map[string]string{"PULUMI_CONFIG_PASSPHRASE": RehearsalPassphrase}
		case CloudAWS:
			errs = append(errs, &NoCredentialsError{
				Need: "the state passphrase: set PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE",
				Hint: "or use a KMS secrets provider (--secrets-provider awskms://...)",
			})
		}
	}
	if o.Cloud == CloudAWS {
		if err := CheckAWSCredentials(o.LookupEnv); err != nil {
			errs = append(errs, err)
		}
	}
	switch len(errs) {
	case 0:
		return r, f, nil
	case 1:
		return nil, nil, errs[0]
	}
	return nil, nil, errors.Join(errs...)
}

// passphraseEnv is the state passphrase's variables LookupEnv sets (none: nil).
func (o Options) passphraseEnv() map[string]string {
	var env map[string]string
	for _, name := range []string{"PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE"} {
		if v, ok := o.LookupEnv(name); ok && v != "" {
			if env == nil {
				env = map[string]string{}
			}
			env[name] = v
		}
	}
	return env
}

// Check validates options exactly as Open does (stack name, options, stack file and its
// configuration, credentials) without touching the backend, the cloud or the disk.
func Check(opts Options) error {
	_, err := Inspect(opts)
	return err
}

// Inspect is Check that also returns the stack file it validated.
func Inspect(opts Options) (*stackfile.File, error) {
	_, f, err := opts.resolve()
	return f, err
}
