package cloudsim

// nodeGroupSizes is a node group's inputs with a scaling configuration (desired < 0: none).
func nodeGroupSizes(desired, minSize, maxSize float64) map[string]any {
	sc := map[string]any{"minSize": minSize, "maxSize": maxSize}
	if desired >= 0 {
		sc["desiredSize"] = desired
	}
	return map[string]any{"clusterName": "notify", "nodeGroupName": "primary", "scalingConfig": sc}
}

// scaledTo seeds the node group as the cluster autoscaler left it.
func scaledTo(desired float64) func(w *store) {
	return func(w *store) {
		seedRecord(w, testAccount, "ca-central-1", eksNodeGroup, "notify:primary", "", nodeGroupSizes(desired, 1, 10))
	}
}

var _ = addRuleCases(
	ruleCase{Rule: "eks.min-above-desired", Name: "minimum raised with the desired size", Phase: OnUpdate,
		Inputs: nodeGroupSizes(4, 4, 10), Olds: nodeGroupSizes(3, 2, 10)},
	ruleCase{Rule: "eks.min-above-desired", Name: "minimum under what the autoscaler keeps", Phase: OnUpdate,
		Inputs: nodeGroupSizes(-1, 3, 10), Olds: nodeGroupSizes(-1, 2, 10), World: scaledTo(5)},
	ruleCase{Rule: "eks.min-above-desired", Name: "minimum above the last deployed desired size", Phase: OnUpdate, Refused: true,
		Inputs: nodeGroupSizes(3, 4, 10), Olds: nodeGroupSizes(3, 2, 10), World: scaledTo(5),
		Contains: "Minimum capacity 4 can't be greater than desired size 3"},
	ruleCase{Rule: "eks.min-above-desired", Name: "minimum above what the autoscaler scaled down to", Phase: OnUpdate, Refused: true,
		Inputs: nodeGroupSizes(-1, 3, 10), Olds: nodeGroupSizes(-1, 2, 10), World: scaledTo(2),
		Contains: "Minimum capacity 3 can't be greater than desired size 2"},
)
