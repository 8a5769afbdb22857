package drill

import (
	"fmt"
	"image/color"
	"path/filepath"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/cds-snc/notification-pulumi/infra"
)

// ganttRow is one row of the chart: a component, each of its resources a bar.
type ganttRow struct {
	label string
	spans []Span
}

// gantt draws every resource's step as a bar in its component's row, the critical path in red
// on a row of its own at the top, so the chain that set the deployment's length reads left to
// right.
type gantt struct{ rows []ganttRow }

var (
	barColor      = color.NRGBA{R: 70, G: 110, B: 180, A: 140}
	criticalColor = color.NRGBA{R: 200, G: 40, B: 40, A: 230}
	failedColor   = color.NRGBA{R: 240, G: 150, B: 0, A: 230}
)

func (g gantt) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, row := range g.rows {
		for _, s := range row.spans {
			col := barColor
			switch {
			case s.Status == "failed" || s.Status == "interrupted":
				col = failedColor
			case s.Critical:
				col = criticalColor
			}
			x0, x1 := trX(s.Start), trX(s.End)
			if x1-x0 < 0.6 {
				x1 = x0 + 0.6 // a step too short to see still shows
			}
			y0, y1 := trY(float64(i)-0.35), trY(float64(i)+0.35)
			c.FillPolygon(col, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		}
	}
}

func (g gantt) DataRange() (xmin, xmax, ymin, ymax float64) {
	for _, row := range g.rows {
		for _, s := range row.spans {
			if s.End > xmax {
				xmax = s.End
			}
		}
	}
	return 0, xmax, -0.6, float64(len(g.rows)) - 0.4
}

// ganttRows groups the spans by component, the critical path first (top row).
func ganttRows(a *Analysis) []ganttRow {
	byComp := map[string][]Span{}
	first := map[string]float64{}
	for _, s := range a.Spans {
		if _, ok := first[s.Component]; !ok || s.Start < first[s.Component] {
			first[s.Component] = s.Start
		}
		byComp[s.Component] = append(byComp[s.Component], s)
	}
	names := make([]string, 0, len(byComp))
	for n := range byComp {
		names = append(names, n)
	}
	// The earliest component at the top, under the critical path.
	sort.Slice(names, func(i, j int) bool {
		if first[names[i]] != first[names[j]] {
			return first[names[i]] > first[names[j]]
		}
		return names[i] > names[j]
	})
	var rows []ganttRow
	for _, n := range names {
		rows = append(rows, ganttRow{label: fmt.Sprintf("%s (%d)", n, len(byComp[n])), spans: byComp[n]})
	}
	return append(rows, ganttRow{label: "critical path", spans: a.CriticalPath})
}

// writeGantt draws the deployment as gantt.svg and gantt.png in dir.
func writeGantt(r *Report, dir string) error {
	a := r.Deploy
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: deployment %s, critical path %s (ratio %.3f)", r.Name, infra.HMS(a.Seconds), infra.HMS(a.CriticalPathSeconds), a.Ratio)
	p.X.Label.Text = "seconds from the deployment's start"
	if r.LatencyFactor > 0 && r.Cloud == "sim" {
		p.X.Label.Text += fmt.Sprintf(" (simulated at %g x AWS time)", r.LatencyFactor)
	}
	rows := ganttRows(a)
	var ticks []plot.Tick
	for i, row := range rows {
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: row.label})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Add(gantt{rows: rows})
	grid := plotter.NewGrid()
	grid.Horizontal.Width = 0
	p.Add(grid)
	height := vg.Length(len(rows))*0.32*vg.Inch + 1.5*vg.Inch
	for _, name := range []string{"gantt.svg", "gantt.png"} {
		if err := p.Save(12*vg.Inch, height, filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("draw %s: %w", name, err)
		}
	}
	return nil
}
