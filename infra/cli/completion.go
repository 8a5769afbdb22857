package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// complete registers how the shell completes a flag's value. A flag is registered once, when
// its command is built, so an error is a programming error.
func complete(cmd *cobra.Command, flag string, fn cobra.CompletionFunc) {
	if err := cmd.RegisterFlagCompletionFunc(flag, fn); err != nil {
		panic(err)
	}
}

// completeStacks completes --stack with the stacks that have a Pulumi.<stack>.yaml in the
// project folder (--project-dir when given, else the one found from the working directory).
func completeStacks(d *Deps) cobra.CompletionFunc {
	return func(c *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		dir, _ := c.Flags().GetString("project-dir")
		if dir == "" {
			wd, err := d.Getwd()
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			if dir, err = stackfile.FindProjectDir(wd); err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
		}
		var out []cobra.Completion
		for _, s := range stackfile.Available(dir) {
			if strings.HasPrefix(s, toComplete) {
				out = append(out, s)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeWords completes a flag with fixed values.
func completeWords(words ...string) cobra.CompletionFunc {
	return cobra.FixedCompletions(words, cobra.ShellCompDirectiveNoFileComp)
}

// completePrefixes completes a flag with the beginnings of its values (file://, s3://), leaving
// the cursor after them.
func completePrefixes(prefixes ...string) cobra.CompletionFunc {
	return cobra.FixedCompletions(prefixes, cobra.ShellCompDirectiveNoFileComp|cobra.ShellCompDirectiveNoSpace)
}

// completeDirs completes a flag with folders.
func completeDirs(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}
