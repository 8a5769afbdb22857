package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

func alb(internal bool) render.Resource {
	return res(typeLoadBalancer, "alb", map[string]any{"internal": internal, "loadBalancerType": "application"})
}

var _ = addRuleCases(
	ruleCase{Rule: "waf-public-endpoints", Name: "associated", Resources: func() []render.Resource {
		lb := alb(false)
		return []render.Resource{lb, res(typeWebACLAssoc, "waf", map[string]any{"resourceArn": render.Unknown}, lb.URN)}
	}()},
	ruleCase{Rule: "waf-public-endpoints", Name: "internal needs none, distribution has one", Resources: []render.Resource{alb(true),
		res(typeDistribution, "cdn", map[string]any{"webAclId": render.Unknown})}},
	ruleCase{Rule: "waf-public-endpoints", Name: "public without a web ACL", Fails: true, Resources: []render.Resource{alb(false)}},
	ruleCase{Rule: "waf-public-endpoints", Name: "distribution without a web ACL", Fails: true, Resources: one(typeDistribution, map[string]any{"enabled": true})},
)
