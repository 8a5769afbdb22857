package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/ephemeral"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// newEnvCmd is `notifyctl env` and its subcommands.
func newEnvCmd(d *Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "env <command>",
		Short: "Short-lived environments with a time to live, and stack files for new accounts",
		Long: `Short-lived environments: a stack whose configuration is an environment's (--from dev), rebuilt
into its own account and domain, with an owner and a time to live. create deploys one, list shows
them, extend gives one more time, destroy removes one (and proves the state and the cloud hold
nothing of it), reap removes every expired one (the daily reap workflow runs it). They never
operate dev, staging, production or any stack with a file in the repository.

An environment's stack file is generated into <state>/envs/<name>/project/ and validated like any
stack file; its owner, source, creation time, expiry and cloud are configuration keys of that file
(notifyctl:owner, notifyctl:source, notifyctl:createdAt, notifyctl:expiresAt, notifyctl:cloud),
which the program never reads: the file and S3 backends do not keep Pulumi's stack tags.

new writes the stack file of an environment in a new account into the repository, and lists the
manual steps that remain.`,
		Example: `  notifyctl env create exp-1 --from dev --ttl 72h --cloud sim --yes
  notifyctl env list
  notifyctl env extend exp-1 --ttl 24h
  notifyctl env destroy exp-1 --yes
  notifyctl env reap --dry-run
  notifyctl env new perf --account 123456789012 --domain perf.notification.cdssandbox.xyz`,
		GroupID:                    groupStack,
		SuggestionsMinimumDistance: 2,
	}
	cmd.AddCommand(newEnvCreateCmd(d), newEnvListCmd(d), newEnvExtendCmd(d), newEnvDestroyCmd(d), newEnvReapCmd(d), newEnvNewCmd(d))
	return cmd
}

// EnvFlags are the flags every env subcommand that reaches a backend takes.
type EnvFlags struct {
	ProjectDir, StateDir, Backend, SecretsProvider string
	JSON                                           bool
}

// add binds the flags to cmd.
func (f *EnvFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.BoolVar(&f.JSON, "json", false, "print the result as JSON on stdout")
	fl.StringVar(&f.ProjectDir, "project-dir", "", "folder holding Pulumi.yaml (default: found from the working directory)")
	fl.StringVar(&f.StateDir, "state-dir", "", "local state folder: the environments' folders, the local backend and the simulated cloud (default <project>/.state)")
	fl.StringVar(&f.Backend, "backend", "", "state backend: file:///<folder> or s3://<bucket>[/<prefix>] (default $NOTIFYCTL_BACKEND, else the local folder for --cloud sim)")
	fl.StringVar(&f.SecretsProvider, "secrets-provider", "", "passphrase or awskms://<key>?region=<region> (default $NOTIFYCTL_SECRETS_PROVIDER, else passphrase)")
	complete(cmd, "project-dir", completeDirs)
	complete(cmd, "state-dir", completeDirs)
	complete(cmd, "backend", completePrefixes("file://", "s3://"))
	complete(cmd, "secrets-provider", completePrefixes("passphrase", "awskms://"))
}

// engine resolves the folders, the backend and the CLI into the library's engine; latency is
// the simulated cloud's latency factor.
func (f *EnvFlags) engine(d *Deps, latency float64) (*ephemeral.Engine, error) {
	projectDir := f.ProjectDir
	if projectDir == "" {
		wd, err := d.Getwd()
		if err != nil {
			return nil, err
		}
		if projectDir, err = stackfile.FindProjectDir(wd); err != nil {
			return nil, &UsageError{Msg: err.Error()}
		}
	} else if _, err := os.Stat(filepath.Join(projectDir, stackfile.ProjectFile)); err != nil {
		return nil, &UsageError{Msg: "--project-dir: " + (&stackfile.NoProjectError{Dir: projectDir}).Error()}
	}
	projectDir, _ = filepath.Abs(projectDir)
	stateDir, err := d.stateDirOf(projectDir, f.StateDir)
	if err != nil {
		return nil, err
	}
	if f.Backend == "" {
		f.Backend, _ = d.LookupEnv("NOTIFYCTL_BACKEND")
	}
	if f.SecretsProvider == "" {
		f.SecretsProvider, _ = d.LookupEnv("NOTIFYCTL_SECRETS_PROVIDER")
	}
	cliPath, _ := infra.FindCLI(projectDir) // infra.Open reports a missing CLI when one is needed
	g := &ephemeral.Engine{ProjectDir: projectDir, StateDir: stateDir,
		Base:     infra.Options{Backend: f.Backend, SecretsProvider: f.SecretsProvider, CLI: cliPath, LookupEnv: d.LookupEnv, Now: d.Now},
		Progress: func(s string) { fmt.Fprintf(d.Stderr, "env: %s\n", s) }}
	g.Connect = func(ctx context.Context, cloud infra.Cloud, file *stackfile.File) (ephemeral.Cloud, error) {
		return d.drillCloud(cloud, latency, stateDir)(ctx, file)
	}
	return g, nil
}

// envName is the one positional argument of env create, extend and destroy.
func envName(cmd *cobra.Command, args []string) (string, error) {
	switch len(args) {
	case 1:
		return args[0], nil
	case 0:
		return "", &UsageError{Msg: fmt.Sprintf("%s needs the environment's name: %s", cmd.CommandPath(), cmd.Use)}
	}
	return "", &UsageError{Msg: fmt.Sprintf("%s takes one name, got %d arguments (%s)", cmd.CommandPath(), len(args), strings.Join(args, " "))}
}

// envError maps the library's refusals to usage errors (exit 2).
func envError(err error) error {
	var refused *ephemeral.RefusedError
	var missing *ephemeral.NotFoundError
	if errors.As(err, &refused) || errors.As(err, &missing) {
		return &UsageError{Msg: err.Error()}
	}
	return err
}

// checkTTL refuses a time to live outside 1 minute to ephemeral.MaxTTL.
func checkTTL(ttl time.Duration) error {
	if ttl < time.Minute || ttl > ephemeral.MaxTTL {
		return fmt.Errorf("--ttl %s: want a duration from 1m to %s (e.g. 72h)", ttl, ephemeral.MaxTTL)
	}
	return nil
}

// left is a duration until t from now, rounded for a table: "71h59m", "expired 3m ago".
func left(now, t time.Time) string {
	d := t.Sub(now)
	switch {
	case d <= 0:
		return "expired " + shortDuration(-d) + " ago"
	case d < time.Minute:
		return "<1m"
	}
	return shortDuration(d)
}

// shortDuration is a duration as 3d4h, 5h2m or 7m.
func shortDuration(d time.Duration) string {
	d = d.Round(time.Minute)
	days, hours, mins := int(d.Hours())/24, int(d.Hours())%24, int(d.Minutes())%60
	switch {
	case days > 0:
		return fmt.Sprintf("%dd%dh", days, hours)
	case hours > 0:
		return fmt.Sprintf("%dh%dm", hours, mins)
	}
	return fmt.Sprintf("%dm", mins)
}
