package prcomment

import (
	"errors"
	"sort"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/policy"
)

// ContractVersion names the JSON contract of Set (docs/preview-contract.md). Fields are only
// ever added under one version; a removal or a change of meaning is a new version.
const ContractVersion = "notifyctl.preview/v1"

// Set is the previews of several stacks, as `notifyctl preview --all --json` prints them.
type Set struct {
	Version string    `json:"version"`
	Stacks  []Preview `json:"stacks"`
}

// NewSet orders previews by stack name under the current contract version. Each result keeps
// only the resources that change (its summary still counts every operation, unchanged ones
// included): the contract is the diff.
func NewSet(previews []Preview) Set {
	s := Set{Version: ContractVersion, Stacks: make([]Preview, len(previews))}
	for i, p := range previews {
		p.Result = changedOnly(p.Result)
		s.Stacks[i] = p
	}
	sort.SliceStable(s.Stacks, func(i, j int) bool { return s.Stacks[i].Stack < s.Stacks[j].Stack })
	return s
}

// byStack is previews sorted by stack name.
func byStack(previews []Preview) []Preview {
	out := append([]Preview{}, previews...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Stack < out[j].Stack })
	return out
}

func changedOnly(r *infra.Result) *infra.Result {
	if r == nil {
		return nil
	}
	c := *r
	c.Resources = []infra.ResourceRecord{}
	for _, rec := range r.Resources {
		if isChange(rec.Op) || rec.Status == infra.StatusFailed {
			c.Resources = append(c.Resources, rec)
		}
	}
	return &c
}

// Preview is one stack's preview: its result, its error when it failed, and the gate's verdict.
type Preview struct {
	Stack string `json:"stack"`
	// Result is the preview (nil when it failed before the engine ran).
	Result *infra.Result `json:"result,omitempty"`
	// Error is the preview's error message, empty when it succeeded.
	Error string `json:"error,omitempty"`
	// Gate is the deny-replace verdict (nil when the gate did not run).
	Gate *Verdict `json:"gate,omitempty"`
	// Policy is the policy rules' report on the stack's program (nil when they did not run).
	Policy *policy.Report `json:"policy,omitempty"`
}

// Failed reports a preview that failed, or was refused by the gate or the policy rules.
func (p Preview) Failed() bool {
	return p.Error != "" || (p.Gate != nil && len(p.Gate.Refused) > 0) || (p.Policy != nil && !p.Policy.OK())
}

// Counts are a preview's changes by operation.
type Counts struct {
	Create, Update, Replace, Delete, Same int
}

// Total is every change.
func (c Counts) Total() int { return c.Create + c.Update + c.Replace + c.Delete }

func (c *Counts) add(op string) {
	switch op {
	case "create":
		c.Create++
	case "update":
		c.Update++
	case "replace":
		c.Replace++
	case "delete":
		c.Delete++
	case "same":
		c.Same++
	}
}

// CountsOf counts the custom resources of a result by operation (components are not resources a
// reviewer approves; their steps follow their children's).
func CountsOf(r *infra.Result) Counts {
	var c Counts
	if r == nil {
		return c
	}
	for _, rec := range r.Resources {
		if rec.Custom {
			c.add(rec.Op)
		}
	}
	return c
}

// NewPreview is one stack's preview as the comments and the JSON contract tell it: the result,
// the error's message when the preview failed, and, with denyReplace, the gate's verdict over
// the result with the allowances.
func NewPreview(stack string, res *infra.Result, err error, denyReplace bool, allow []Allowance) Preview {
	p := Preview{Stack: stack, Result: res}
	if err != nil {
		p.Error = err.Error()
	}
	if denyReplace && res != nil {
		p.Gate = Gate(res, allow)
	}
	return p
}

// Err is what the preview's command fails with: the gate's *GateError when it refused
// anything, the policy's *policy.FailedError when a rule did, else nil (the preview's own error
// is the caller's).
func (p Preview) Err() error {
	var perr error
	if p.Policy != nil {
		perr = p.Policy.Err()
	}
	return errors.Join(p.Gate.Err(p.Stack), perr)
}
