// Package problems collects what a component's validate finds wrong, so that validation reports
// every problem at once, each prefixed with the component and naming the field, the value
// received and what is allowed.
package problems

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// List is the problems found so far in one component's Args.
type List struct {
	component string
	errs      []error
}

// New starts an empty list for component, the prefix of every message.
func New(component string) *List { return &List{component: component} }

// Bad records that field got got when want was allowed: "<component>: <field>: got <got>, want
// <want>".
func (l *List) Bad(field string, got any, want string) {
	l.errs = append(l.errs, fmt.Errorf("%s: %s: got %v, want %s", l.component, field, got, want))
}

// Addf records a problem worded by format, after the component prefix.
func (l *List) Addf(format string, v ...any) {
	l.errs = append(l.errs, fmt.Errorf(l.component+": "+format, v...))
}

// Add records problems already worded (nil ones are skipped by Err).
func (l *List) Add(errs ...error) { l.errs = append(l.errs, errs...) }

// Err joins the problems in the order found; nil when there are none.
func (l *List) Err() error { return errors.Join(l.errs...) }

// Sorted joins the problems sorted by their text, for validations that walk maps.
func (l *List) Sorted() error {
	errs := slices.Clone(l.errs)
	slices.SortStableFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errors.Join(errs...)
}

// Missing records "<field>: got nil, want <want>" for each field whose value is true in nils (a
// required input or provider left nil: nils["VpcID"] = a.VpcID == nil), in field order.
func (l *List) Missing(want string, nils map[string]bool) {
	for _, field := range slices.Sorted(maps.Keys(nils)) {
		if nils[field] {
			l.Bad(field, "nil", want)
		}
	}
}
