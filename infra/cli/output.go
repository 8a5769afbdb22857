package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cds-snc/notification-pulumi/infra"
)

// opOrder is the order operations are listed in.
var opOrder = []string{"create", "update", "replace", "delete", "import", "read", "refresh", "discard", "same"}

// verbs are the past tense of each operation, for summaries.
var verbs = map[string]string{"create": "created", "update": "updated", "replace": "replaced", "delete": "deleted",
	"import": "imported", "read": "read", "refresh": "refreshed", "discard": "discarded", "same": "unchanged"}

// futures are the summaries of a preview.
var futures = map[string]string{"create": "to create", "update": "to update", "replace": "to replace",
	"delete": "to delete", "import": "to import", "read": "to read", "refresh": "to refresh",
	"discard": "to discard", "same": "unchanged"}

func rank(op string) int {
	for i, o := range opOrder {
		if o == op {
			return i
		}
	}
	return len(opOrder)
}

// summaryLine is "3 created, 1 updated, 40 unchanged".
func summaryLine(r *infra.Result) string {
	words := verbs
	if r.Operation == infra.OpPreview {
		words = futures
	}
	ops := make([]string, 0, len(r.Summary))
	for op := range r.Summary {
		ops = append(ops, op)
	}
	sort.Slice(ops, func(i, j int) bool {
		return rank(ops[i]) < rank(ops[j]) || rank(ops[i]) == rank(ops[j]) && ops[i] < ops[j]
	})
	var parts []string
	for _, op := range ops {
		if n := r.Summary[op]; n > 0 {
			w, ok := words[op]
			if !ok {
				w = op
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, w))
		}
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

// changed returns the records that change something (and failures), ordered by operation,
// type and name.
func changed(r *infra.Result) []infra.ResourceRecord {
	var out []infra.ResourceRecord
	for _, rec := range r.Resources {
		if rec.Type == "pulumi:pulumi:Stack" && rec.Status != infra.StatusFailed {
			continue
		}
		if rec.Op != "same" && rec.Op != "read" || rec.Status == infra.StatusFailed {
			out = append(out, rec)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if rank(a.Op) != rank(b.Op) {
			return rank(a.Op) < rank(b.Op)
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.Name < b.Name
	})
	return out
}

func details(rec infra.ResourceRecord) string {
	switch {
	case rec.Error != "":
		return firstLine(rec.Error)
	case len(rec.ReplaceReasons) > 0:
		return "replaced because of: " + strings.Join(rec.ReplaceReasons, ", ")
	case len(rec.Diffs) > 0:
		return "changes: " + strings.Join(rec.Diffs, ", ")
	}
	return ""
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}

// writePlan prints a preview's summary and changes (stderr, before the confirmation).
func writePlan(w io.Writer, r *infra.Result) {
	_ = writeResult(w, r)
}

// detailed reports whether a record gets its own row: updates, replacements and anything that
// did not finish. Creates and deletes are counted per component instead (an environment has hundreds).
func detailed(rec infra.ResourceRecord) bool {
	return rec.Op == "update" || rec.Op == "replace" || rec.Status == infra.StatusFailed ||
		rec.Status == infra.StatusInterrupted
}

// writeResult prints an operation's result for people: the summary, the number of resources
// created or deleted per component, one row per update, replacement or failure, and the outputs.
func writeResult(w io.Writer, r *infra.Result) error {
	ew := &errWriter{w: w}
	ew.printf("%s of %s (%s): %s in %s\n", r.Operation, r.Stack, r.Cloud, summaryLine(r), round(r.DurationSeconds))
	var rows []infra.ResourceRecord
	counts := map[string]map[string]int{} // component -> op -> count
	var ops []string
	for _, rec := range changed(r) {
		if detailed(rec) {
			rows = append(rows, rec)
			continue
		}
		c := infra.ComponentOf(rec.URN)
		if counts[c] == nil {
			counts[c] = map[string]int{}
		}
		if !slices.Contains(ops, rec.Op) {
			ops = append(ops, rec.Op)
		}
		counts[c][rec.Op]++
	}
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	if len(counts) > 0 {
		sort.Slice(ops, func(i, j int) bool { return rank(ops[i]) < rank(ops[j]) })
		comps := make([]string, 0, len(counts))
		for c := range counts {
			comps = append(comps, c)
		}
		sort.Slice(comps, func(i, j int) bool {
			return comps[i] != infra.StackLevel && (comps[j] == infra.StackLevel || comps[i] < comps[j])
		})
		fmt.Fprint(tw, "\nCOMPONENT")
		for _, op := range ops {
			fmt.Fprint(tw, "\t"+strings.ToUpper(op))
		}
		fmt.Fprintln(tw)
		for _, c := range comps {
			fmt.Fprint(tw, c)
			for _, op := range ops {
				if n := counts[c][op]; n > 0 {
					fmt.Fprintf(tw, "\t%d", n)
				} else {
					fmt.Fprint(tw, "\t-")
				}
			}
			fmt.Fprintln(tw)
		}
		_ = tw.Flush()
	}
	if len(rows) > 0 {
		if r.Operation == infra.OpPreview {
			fmt.Fprintln(tw, "\nOP\tTYPE\tNAME\tDETAILS")
			for _, rec := range rows {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", rec.Op, rec.Type, rec.Name, details(rec))
			}
		} else {
			fmt.Fprintln(tw, "\nOP\tSTATUS\tTYPE\tNAME\tTIME\tDETAILS")
			for _, rec := range rows {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", rec.Op, rec.Status, rec.Type, rec.Name,
					round(rec.DurationSeconds), details(rec))
			}
		}
		_ = tw.Flush()
	}
	if len(r.Outputs) > 0 {
		ew.printf("\n")
		if err := writeOutputs(ew, r.Outputs); err != nil {
			return err
		}
	}
	return ew.err
}

// writeOutputs prints stack outputs, one per line, values as compact JSON.
func writeOutputs(w io.Writer, outs map[string]infra.Output) error {
	keys := slices.Sorted(maps.Keys(outs))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "OUTPUT\tVALUE")
	for _, k := range keys {
		v := outs[k].Value
		s, ok := v.(string)
		if !ok {
			b, err := json.Marshal(v)
			if err != nil {
				return err
			}
			s = string(b)
		}
		fmt.Fprintf(tw, "%s\t%s\n", k, s)
	}
	return tw.Flush()
}

// round formats seconds for people: 850ms, 2.8s, 1m23s.
func round(seconds float64) string {
	d := time.Duration(seconds * float64(time.Second))
	switch {
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Minute:
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}

// jsonError is how a failure appears in --json output.
type jsonError struct {
	ExitCode int    `json:"exitCode"`
	Message  string `json:"message"`
}

// jsonResult is a Result with the error, when there is one.
func jsonResult(res *infra.Result, err error) any {
	out := struct {
		*infra.Result
		Error *jsonError `json:"error,omitempty"`
	}{Result: res}
	if err != nil {
		out.Error = &jsonError{ExitCode: ExitCode(err), Message: err.Error()}
	}
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// errWriter keeps the first write error so renderers read straight through.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }
