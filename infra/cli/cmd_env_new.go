package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/cds-snc/notification-pulumi/infra/ephemeral"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// newEnvNewCmd is `notifyctl env new`.
func newEnvNewCmd(d *Deps) *cobra.Command {
	var o ephemeral.NewAccountOptions
	var projectDir string
	var jsonOut bool
	cmd := &cobra.Command{
		Use:   "new <name> --account <12 digits> --domain <domain> [--from staging]",
		Short: "Write the stack file of an environment in a new account, and list the manual steps that remain",
		Long: `Write Pulumi.<name>.yaml into the project folder: the source environment's configuration (--from,
default staging) rebuilt into the new account and domain, with its own DNS zone and none of the
source account's singletons, snapshot shares or delegations. Every problem of the values is
listed before anything is written; the file is validated as any stack file before it takes its
place (notifyctl render --stack <name> accepts it), and an existing file is never overwritten.

Then the manual steps that remain are printed in the order they are taken, each with who takes
it and how to check it is done: the state bucket and secrets key, the seeded secrets, the DNS
delegation, SES production access, the SMS numbers, and the rest of a new account's.

A stack other than dev, staging and production is short-lived to the program, so the file sets
gcnotify:ephemeral: true: a long-lived one joins stackfile.Permanent in a reviewed change.`,
		Example: `  notifyctl env new perf --account 123456789012 --domain perf.notification.cdssandbox.xyz`,
	}
	f := cmd.Flags()
	f.StringVar(&o.Account, "account", "", "the new account's 12-digit id (required)")
	f.StringVar(&o.Domain, "domain", "", "the domain the environment answers on; its zone is created in the new account (required)")
	f.StringVar(&o.From, "from", "staging", "the environment whose configuration is the starting point")
	f.StringVar(&projectDir, "project-dir", "", "folder holding Pulumi.yaml, where the stack file is written (default: found from the working directory)")
	f.BoolVar(&jsonOut, "json", false, "print the file's path and the manual steps as JSON on stdout")
	complete(cmd, "from", completeStacks(d))
	complete(cmd, "project-dir", completeDirs)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		name, err := envName(c, args)
		if err != nil {
			return err
		}
		o.Name = name
		if projectDir == "" {
			wd, err := d.Getwd()
			if err != nil {
				return err
			}
			if projectDir, err = stackfile.FindProjectDir(wd); err != nil {
				return &UsageError{Msg: err.Error()}
			}
		} else if _, err := os.Stat(filepath.Join(projectDir, stackfile.ProjectFile)); err != nil {
			return &UsageError{Msg: "--project-dir: " + (&stackfile.NoProjectError{Dir: projectDir}).Error()}
		}
		o.ProjectDir = projectDir
		path, err := ephemeral.NewAccountStackFile(o)
		if err != nil {
			return envError(err)
		}
		steps := ephemeral.StepsFor(o.Name, o.Account, o.Domain)
		if jsonOut {
			return writeJSON(d.Stdout, struct {
				File        string                 `json:"file"`
				ManualSteps []ephemeral.ManualStep `json:"manualSteps"`
			}{path, steps})
		}
		fmt.Fprintf(d.Stdout, "wrote %s (validated: notifyctl render --stack %s)\n\nManual steps that remain, in order:\n", path, o.Name)
		for i, s := range steps {
			fmt.Fprintf(d.Stdout, "\n%d. %s\n   who: %s; takes: %s\n   done when: %s\n", i+1, s.Step, s.Who, s.Estimate, s.Check)
		}
		return nil
	}
	return cmd
}
