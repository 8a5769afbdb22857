package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = addRuleCases(
	ruleCase{Rule: "stateful-protected", Name: "protected", Resources: []render.Resource{protected(res(typeRDSCluster, "db", nil))}},
	ruleCase{Rule: "stateful-protected", Name: "unprotected in an ephemeral stack", Ephemeral: true,
		Resources: []render.Resource{res(typeRDSCluster, "db", nil)}},
	ruleCase{Rule: "stateful-protected", Name: "unprotected", Fails: true, Resources: []render.Resource{res(typeBucket, "b", nil)}},
	ruleCase{Rule: "stateful-protected", Name: "protected in an ephemeral stack", Fails: true, Ephemeral: true,
		Resources: []render.Resource{protected(res(typeKey, "k", nil))}},
)
