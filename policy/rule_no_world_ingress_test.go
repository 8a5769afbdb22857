package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

func worldOn(port int) map[string]any {
	return map[string]any{"protocol": "tcp", "fromPort": float64(port), "toPort": float64(port), "cidrBlocks": []any{"0.0.0.0/0"}}
}

// fronted is a security group with the given ingress, used by a load balancer.
func fronted(internal bool, ingress ...any) []render.Resource {
	sg := res(typeSecurityGroup, "alb-sg", map[string]any{"ingress": ingress})
	lb := res(typeLoadBalancer, "alb", map[string]any{"internal": internal, "loadBalancerType": "application",
		"securityGroups": []any{render.Unknown}}, sg.URN)
	return []render.Resource{sg, lb}
}

var _ = addRuleCases(
	ruleCase{Rule: "no-world-ingress", Name: "80 and 443 on the public load balancer", Resources: fronted(false, worldOn(443), worldOn(80))},
	ruleCase{Rule: "no-world-ingress", Name: "VPC-only ingress rule", Resources: one(typeSGIngressRule, map[string]any{
		"cidrIpv4": "10.0.0.0/16", "ipProtocol": "tcp", "fromPort": float64(5432), "toPort": float64(5432)})},
	ruleCase{Rule: "no-world-ingress", Name: "443 on an internal load balancer", Fails: true, Resources: fronted(true, worldOn(443))},
	ruleCase{Rule: "no-world-ingress", Name: "22 on the public load balancer", Fails: true, Resources: fronted(false, worldOn(22))},
	ruleCase{Rule: "no-world-ingress", Name: "world rule on a lone group", Fails: true, Resources: func() []render.Resource {
		sg := res(typeSecurityGroup, "sg", map[string]any{"name": "x"})
		return []render.Resource{sg, res(typeSGRule, "ssh", map[string]any{"type": "ingress", "protocol": "tcp",
			"fromPort": float64(22), "toPort": float64(22), "ipv6CidrBlocks": []any{"::/0"}}, sg.URN)}
	}()},
	ruleCase{Rule: "no-world-ingress", Name: "all traffic ingress rule", Fails: true, Resources: one(typeSGIngressRule, map[string]any{
		"cidrIpv4": "0.0.0.0/0", "ipProtocol": "-1"})},
)
