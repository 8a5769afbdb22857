package cloudsim

import (
	"fmt"
	"strconv"
	"strings"
)

func init() {
	downgrade := func(c *RuleCall) string {
		want := c.str("engineVersion")
		rec := c.World.get(c.Obj.Account, c.Obj.Region, c.Obj.Type, c.Obj.ID)
		if rec == nil {
			name := c.Obj.name()
			rec = c.World.find(c.Obj.Account, c.Obj.Region, c.Obj.Type, func(r *record) bool { return r.Name == name })
		}
		if want == "" || rec == nil {
			return ""
		}
		have := rec.out("engineVersionActual")
		if have == "" {
			have = rec.out("engineVersion")
		}
		if compareVersions(want, have) >= 0 {
			return ""
		}
		engine := c.str("engine")
		if engine == "" {
			engine = rec.out("engine")
		}
		return fmt.Sprintf("Cannot upgrade %s from %s to %s", engine, have, want)
	}
	register(Rule{ID: "rds.engine-version-downgrade", Service: "RDS", Operation: "ModifyDBCluster", Resource: "RDS Cluster",
		Code:    "InvalidParameterCombination",
		Summary: "an Aurora cluster update to an engine version older than the one it runs",
		Source:  "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBCluster.html",
		Types:   []string{rdsCluster}, Phases: []Phase{OnUpdate}, Check: downgrade})
	register(Rule{ID: "rds.instance-engine-version-downgrade", Service: "RDS", Operation: "ModifyDBInstance", Resource: "RDS Cluster Instance",
		Code:    "InvalidParameterCombination",
		Summary: "an Aurora instance update to an engine version older than the one it runs",
		Source:  "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html",
		Types:   []string{rdsInstance}, Phases: []Phase{OnUpdate}, Check: downgrade})
}

// compareVersions compares dotted versions over the parts both give ("16" matches every
// 16.x, as a major version asks for any minor): -1, 0 or 1.
func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		x, errX := strconv.Atoi(pa[i])
		y, errY := strconv.Atoi(pb[i])
		switch {
		case errX != nil || errY != nil:
			if c := strings.Compare(pa[i], pb[i]); c != 0 {
				return c
			}
		case x < y:
			return -1
		case x > y:
			return 1
		}
	}
	return 0
}
