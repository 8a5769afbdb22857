package policy

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteJSON writes the report as one indented JSON object (the fields of Report).
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// WriteText writes the report for a reader: the findings first (what fails the check), then
// exception errors, the excused findings with their reasons, what could not be verified
// offline, and one line per rule.
func WriteText(w io.Writer, r *Report) error {
	kind := "permanent"
	if r.Ephemeral {
		kind = "ephemeral"
	}
	p := &printer{w: w}
	p.f("policy check of %s (%s stack): %d rules; findings %d, excepted %d, exception errors %d, unverified %d\n",
		r.Stack, kind, len(r.Rules), len(r.Findings), len(r.Excepted), len(r.ExceptionErrors), len(r.Unverified))
	if len(r.Findings) > 0 {
		p.f("\nFindings (fix the resource, or add an exception with a reason to policy/exceptions/%s.yaml):\n", r.Stack)
		for _, f := range r.Findings {
			p.f("  [%s] %s (%s): %s\n", f.Rule, f.Name, f.Type, f.Message)
		}
	}
	if len(r.ExceptionErrors) > 0 {
		p.f("\nException errors:\n")
		for _, e := range r.ExceptionErrors {
			p.f("  %s\n", e)
		}
	}
	if len(r.Excepted) > 0 {
		p.f("\nExcepted:\n")
		for _, f := range r.Excepted {
			until := ""
			if f.Exception.Expires != "" {
				until = " (until " + f.Exception.Expires + ")"
			}
			p.f("  [%s] %s (%s): %s\n    reason%s: %s\n", f.Rule, f.Name, f.Type, f.Message, until, f.Exception.Reason)
		}
	}
	if len(r.Unverified) > 0 {
		p.f("\nUnverified offline (known only after deployment):\n")
		for _, f := range r.Unverified {
			p.f("  [%s] %s (%s): %s\n", f.Rule, f.Name, f.Type, f.Message)
		}
	}
	p.f("\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "rule\tchecked\tfindings\texcepted\tunverified")
	for _, x := range r.Rules {
		checked := fmt.Sprint(x.Applied)
		if x.Skipped {
			checked = "skipped (ephemeral)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\n", x.ID, checked, x.Findings, x.Excepted, x.Unverified)
	}
	if p.err != nil {
		return p.err
	}
	return tw.Flush()
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}
