package policy

var _ = addRuleCases(
	ruleCase{Rule: "eks-private-endpoint", Name: "private only", Resources: one(typeEKSCluster, map[string]any{
		"vpcConfig": map[string]any{"endpointPrivateAccess": true, "endpointPublicAccess": false}})},
	ruleCase{Rule: "eks-private-endpoint", Name: "public by default", Fails: true, Resources: one(typeEKSCluster, map[string]any{
		"vpcConfig": map[string]any{"endpointPrivateAccess": true}})},
)
