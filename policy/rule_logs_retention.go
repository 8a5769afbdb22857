package policy

import (
	"fmt"
	"slices"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

// logRetentionDays are the retention periods CloudWatch Logs accepts; 0 is "never expire".
var logRetentionDays = []float64{0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
	2192, 2557, 2922, 3288, 3653}

var _ = register(&Rule{
	ID: "logs-retention",
	Rationale: "Every log group states its retention (the environment's logRetentionDays; 0, never expire, is a " +
		"choice production makes), never left to AWS's default by omission.",
	Applies: []string{typeLogGroup},
	Check: func(c *Context, r *render.Resource) []string {
		v, set := r.Inputs["retentionInDays"]
		if !set || v == nil {
			return []string{"retentionInDays is not set"}
		}
		if unknown(v) {
			c.Unverified("retentionInDays is known only after deployment")
			return nil
		}
		if n, ok := number(v); !ok || !slices.Contains(logRetentionDays, n) {
			return []string{fmt.Sprintf("retentionInDays %v is not a value CloudWatch Logs accepts", v)}
		}
		return nil
	},
})
