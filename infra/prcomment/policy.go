package prcomment

import (
	"fmt"
	"strings"

	"github.com/cds-snc/notification-pulumi/policy"
)

// policyItems tell the policy check of the stack's program (nil: it did not run): its findings
// and stale exceptions in a caution block that heads the comment, or one line when it passed.
func policyItems(r *policy.Report) []item {
	if r == nil {
		return nil
	}
	if r.OK() {
		return []item{textItem(fmt.Sprintf("Policy: the %d rules pass (%d finding(s) excused by a reasoned exception). `notifyctl check` tells each.\n\n",
			len(r.Rules), len(r.Excepted)))}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "> [!CAUTION]\n> **Refused by the policy rules: %d finding(s), %d exception error(s)** (docs/policy.md). Fix the resource, or add an exception with its reason to `policy/exceptions/%s.yaml`.\n>\n",
		len(r.Findings), len(r.ExceptionErrors), r.Stack)
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "> - `%s` `%s` (`%s`): %s\n", f.Rule, f.Name, f.Type, f.Message)
	}
	for _, e := range r.ExceptionErrors {
		fmt.Fprintf(&b, "> - exception: %s\n", e)
	}
	return []item{textItem(b.String() + "\n")}
}
