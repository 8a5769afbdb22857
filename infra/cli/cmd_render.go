package cli

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/cds-snc/notification-pulumi/infra/render"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// newRenderCmd is `notifyctl render`.
func newRenderCmd(d *Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "render --stack <name>",
		Short: "Print the stack's whole resource graph without any cloud, engine or credentials",
		Long: `Print the stack's whole resource graph, offline, in about a second: the program runs
in-process in preview (dry-run) mode under a recording mock resource monitor, with the
configuration read and validated from ` + "`Pulumi.<stack>.yaml`" + ` as the other commands do. Values the
cloud computes (ids, ARNs) are unknown, as in pulumi preview.

Without --json, a summary table; with --json, the documented JSON contract (README, "render and
its JSON contract").`,
		Example: `  notifyctl render --stack staging --json`,
		GroupID: groupOffline,
	}
	offline(cmd, d, Render)
	return cmd
}

// offline gives a command that needs no cloud (render, estimate) the common flags and a RunE
// that checks them and runs it.
func offline(cmd *cobra.Command, d *Deps, run func(context.Context, *Deps, RenderOptions) error) {
	fs := newFlagSet(cmd, d)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		common, err := fs.parse(args, d)
		if err != nil {
			return err
		}
		if len(common.refusals) > 0 {
			_, err := stackfile.Load(common.ProjectDir, common.Stack)
			return common.refused(err)
		}
		return run(c.Context(), d, RenderOptions{Stack: common.Stack, ProjectDir: common.ProjectDir, JSON: common.JSON})
	}
}

// RenderOptions are the flags of `notifyctl render` and `notifyctl estimate`.
type RenderOptions struct {
	Stack, ProjectDir string
	// JSON prints the documented JSON contract instead of the summary table.
	JSON bool
}

// Render prints a stack's resource graph.
func Render(ctx context.Context, d *Deps, o RenderOptions) error {
	g, err := d.Render(ctx, render.Options{Stack: o.Stack, ProjectDir: o.ProjectDir})
	if err != nil {
		return err
	}
	var w io.Writer = d.Stdout
	if o.JSON {
		return render.WriteJSON(w, g)
	}
	return render.WriteTable(w, g)
}
