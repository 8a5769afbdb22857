package cli

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/estimate"
	"github.com/cds-snc/notification-pulumi/infra/render"
)

// Estimate predicts a from-scratch rebuild of a stack, offline: the rendered graph and the
// published AWS creation times (the simulated cloud's latency model at real time), as one
// program and in today's staged Terragrunt order.
func Estimate(ctx context.Context, d *Deps, o RenderOptions) error {
	g, err := d.Render(ctx, render.Options{Stack: o.Stack, ProjectDir: o.ProjectDir})
	if err != nil {
		return err
	}
	e := estimate.Of(g, cloudsim.CreateTime)
	if o.JSON {
		return writeJSON(d.Stdout, e)
	}
	writeEstimate(d.Stdout, e)
	return nil
}

func writeEstimate(w io.Writer, e *estimate.Estimate) {
	fmt.Fprintf(w, "estimate of %s: %d resources, from published AWS creation times (no Terragrunt init or plan time)\n\n", e.Stack, e.Resources)
	fmt.Fprintf(w, "as one program (each resource starts when what it needs exists): %s\n", infra.HMS(e.Seconds))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  START\tTIME\tCRITICAL PATH")
	for _, s := range e.CriticalPath {
		fmt.Fprintf(tw, "  %s\t%s\t%s %s\n", infra.HMS(s.Start), infra.HMS(s.Seconds), s.Type, s.Name)
	}
	_ = tw.Flush()
	fmt.Fprintf(w, "\nin today's staged order (stages one after another): %s\n", infra.HMS(e.TodaySeconds))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  STAGE\tMODULES\tRESOURCES\tTIME")
	for _, s := range e.Today {
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\n", s.Name, s.Modules, s.Resources, infra.HMS(s.Seconds))
	}
	_ = tw.Flush()
	if e.Seconds > 0 {
		fmt.Fprintf(w, "\none program is %.1fx faster than the staged order\n", e.TodaySeconds/e.Seconds)
	}
}
