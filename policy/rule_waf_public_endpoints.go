package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "waf-public-endpoints",
	Rationale: "Every internet-facing load balancer and every CloudFront distribution is behind a WAF web ACL.",
	Applies:   []string{typeLoadBalancer, typeDistribution},
	Select: func(c *Context, r *render.Resource) bool {
		return r.Type == typeDistribution || !isTrue(input(r, "internal"))
	},
	Check: func(c *Context, r *render.Resource) []string {
		if r.Type == typeDistribution {
			if str(r, "webAclId") == "" {
				return []string{"webAclId is not set"}
			}
			return nil
		}
		if str(r, "loadBalancerType") == "network" {
			return []string{"an internet-facing network load balancer: WAF cannot protect it"}
		}
		if len(c.Dependents(r.URN, typeWebACLAssoc)) == 0 {
			return []string{"no web ACL association depends on the load balancer"}
		}
		return nil
	},
})
