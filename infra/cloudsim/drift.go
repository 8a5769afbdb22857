package cloudsim

import (
	"fmt"
	"strconv"
	"strings"
)

// AWS changes things between runs. These make time pass in the simulated world, so tests and
// rehearsals prove that `refresh` then `preview` shows no change where the program means to
// tolerate AWS's own changes, and shows the drift where it must not. Each changes the record's
// inputs and outputs alike, as the real provider's Read reports what AWS holds.

// UpgradeMinorVersions is an Aurora maintenance window: every aurora-postgresql cluster and
// instance moves to the next minor version of its major (16.8 -> 16.9). It returns the URNs
// changed.
func (s *Sim) UpgradeMinorVersions() []string {
	return s.mutate(func(r *record) bool {
		if r.Type != "aws:rds/cluster:Cluster" && r.Type != "aws:rds/clusterInstance:ClusterInstance" {
			return false
		}
		v, _ := r.Outputs["engineVersion"].(string)
		next, ok := nextMinor(v)
		if !ok {
			return false
		}
		for _, m := range []map[string]any{r.Inputs, r.Outputs} {
			m["engineVersion"] = next
			if _, ok := m["engineVersionActual"]; ok {
				m["engineVersionActual"] = next
			}
		}
		return true
	})
}

// nextMinor is the next minor version: "16.8" -> "16.9".
func nextMinor(v string) (string, bool) {
	major, minor, ok := strings.Cut(v, ".")
	n, err := strconv.Atoi(minor)
	if !ok || err != nil {
		return "", false
	}
	return fmt.Sprintf("%s.%d", major, n+1), true
}

// SetNodeGroupDesiredSize is the cluster autoscaler: every EKS node group's desired size becomes
// n (within its min and max, as the autoscaler keeps it).
func (s *Sim) SetNodeGroupDesiredSize(n int) []string {
	return s.mutate(func(r *record) bool {
		if r.Type != "aws:eks/nodeGroup:NodeGroup" {
			return false
		}
		for _, m := range []map[string]any{r.Inputs, r.Outputs} {
			sc, ok := m["scalingConfig"].(map[string]any)
			if !ok {
				continue
			}
			d := float64(n)
			if mn, ok := sc["minSize"].(float64); ok && d < mn {
				d = mn
			}
			if mx, ok := sc["maxSize"].(float64); ok && d > mx {
				d = mx
			}
			sc["desiredSize"] = d
		}
		return true
	})
}

// Edit is a change made outside the program (a console edit): every resource of the type whose
// URN ends with urnSuffix gets the top-level property key set to value. It returns the URNs
// changed.
func (s *Sim) Edit(typ, urnSuffix, key string, value any) []string {
	return s.mutate(func(r *record) bool {
		if r.Type != typ || !strings.HasSuffix(r.URN, urnSuffix) {
			return false
		}
		r.Inputs[key], r.Outputs[key] = value, value
		return true
	})
}

// Delete removes resources from the world as if deleted outside the program (the console,
// aws-nuke). It returns the URNs removed.
func (s *Sim) Delete(typ, urnSuffix string) []string {
	var urns []string
	for _, r := range s.store.list(func(r *record) bool { return r.Type == typ && strings.HasSuffix(r.URN, urnSuffix) }) {
		if s.store.remove(r.Account, r.Region, r.Type, r.ID) {
			urns = append(urns, r.URN)
		}
	}
	return urns
}

// mutate applies change to a deep copy of every record and stores those it changed.
func (s *Sim) mutate(change func(r *record) bool) []string {
	var urns []string
	for _, r := range s.store.list(nil) {
		c := *r
		c.Inputs, c.Outputs = deepCopy(r.Inputs), deepCopy(r.Outputs)
		if change(&c) {
			s.store.put(&c)
			urns = append(urns, c.URN)
		}
	}
	return urns
}

func deepCopy(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = deepCopyValue(v)
	}
	return out
}

func deepCopyValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return deepCopy(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopyValue(e)
		}
		return out
	}
	return v
}
