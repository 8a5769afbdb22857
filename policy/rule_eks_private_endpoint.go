package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "eks-private-endpoint",
	Rationale: "The Kubernetes API is reachable from inside the VPC only.",
	Applies:   []string{typeEKSCluster},
	Check: func(c *Context, r *render.Resource) []string {
		vpc := object(input(r, "vpcConfig"))
		var out []string
		// The public endpoint is on unless turned off explicitly.
		if v, set := vpc["endpointPublicAccess"]; !set || isTrue(v) {
			out = append(out, "vpcConfig.endpointPublicAccess is not false")
		}
		if !isTrue(vpc["endpointPrivateAccess"]) {
			out = append(out, "vpcConfig.endpointPrivateAccess is not true")
		}
		return out
	},
})
