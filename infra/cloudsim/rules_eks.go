package cloudsim

import "fmt"

const eksNodeGroup = "aws:eks/nodeGroup:NodeGroup"

func init() {
	register(Rule{ID: "eks.min-above-desired", Service: "EKS", Operation: "UpdateNodegroupConfig", Resource: "EKS Node Group",
		Code:    "InvalidParameterException",
		Summary: "a node group scaling update whose minimum is above its desired size",
		Source:  "https://docs.aws.amazon.com/eks/latest/APIReference/API_NodegroupScalingConfig.html",
		Types:   []string{eksNodeGroup}, Phases: []Phase{OnUpdate},
		Check: func(c *RuleCall) string {
			sc, _ := plain(c.Obj.In["scalingConfig"]).(map[string]any)
			minSize, ok := sc["minSize"].(float64)
			if !ok {
				return ""
			}
			desired, ok := sc["desiredSize"].(float64)
			if !ok {
				desired, ok = currentDesiredSize(c)
			}
			if ok && minSize > desired {
				return fmt.Sprintf("Minimum capacity %d can't be greater than desired size %d", int(minSize), int(desired))
			}
			return ""
		}})
}

// currentDesiredSize is the group's desired size in the world, where the cluster autoscaler
// moves it. EKS judges a request by the scaling configuration it would leave: the request's
// desiredSize when it carries one (the provider sends the whole scalingConfig, so with
// ignoreChanges that is the last deployed value), else the group's current one.
func currentDesiredSize(c *RuleCall) (float64, bool) {
	rec := c.World.get(c.Obj.Account, c.Obj.Region, eksNodeGroup, c.Obj.ID)
	if rec == nil {
		rec = c.World.find(c.Obj.Account, c.Obj.Region, eksNodeGroup, func(r *record) bool {
			return r.out("nodeGroupName") == c.str("nodeGroupName") && r.out("clusterName") == c.str("clusterName")
		})
	}
	if rec == nil {
		return 0, false
	}
	sc, _ := plain(rec.outputs()["scalingConfig"]).(map[string]any)
	d, ok := sc["desiredSize"].(float64)
	return d, ok
}
