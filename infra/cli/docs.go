package cli

import (
	"io"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// WriteReference writes notifyctl's command reference into dir as Markdown, one file per
// command (notifyctl.md, notifyctl_preview.md, ...), generated from the command tree so it
// cannot drift from it. docs/commands holds the committed copy (go test ./infra/cli -run
// TestCommandReference -update rewrites it).
func WriteReference(dir string) error {
	root := newRootCmd(&Deps{Stdout: io.Discard, Stderr: io.Discard})
	needSubcommand(root)
	stable(root)
	return doc.GenMarkdownTree(root, dir)
}

// stable drops cobra's "Auto generated on <date>" line from every command's page, so the
// reference changes only when the commands do.
func stable(c *cobra.Command) {
	c.DisableAutoGenTag = true
	c.InitDefaultHelpFlag()
	for _, sub := range c.Commands() {
		stable(sub)
	}
}
