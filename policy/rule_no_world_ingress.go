package policy

import (
	"fmt"
	"slices"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

var _ = register(&Rule{
	ID: "no-world-ingress",
	Rationale: "No security group admits the whole internet (0.0.0.0/0, ::/0), except ports 80 and 443 on an " +
		"internet-facing load balancer's.",
	Applies: []string{typeSecurityGroup, typeSGRule, typeSGIngressRule},
	Select: func(c *Context, r *render.Resource) bool {
		switch r.Type {
		case typeSGRule:
			return str(r, "type") == "ingress"
		case typeSecurityGroup:
			return len(list(input(r, "ingress"))) > 0
		}
		return true
	},
	Check: func(c *Context, r *render.Resource) []string {
		var rules []worldRule
		var group *render.Resource
		switch r.Type {
		case typeSecurityGroup:
			group = r
			for _, in := range list(input(r, "ingress")) {
				m := object(in)
				rules = append(rules, worldRule{cidrs: append(strings1(m["cidrBlocks"]), strings1(m["ipv6CidrBlocks"])...),
					protocol: asString(m["protocol"]), from: m["fromPort"], to: m["toPort"]})
			}
		case typeSGRule:
			rules = append(rules, worldRule{cidrs: append(strings1(input(r, "cidrBlocks")), strings1(input(r, "ipv6CidrBlocks"))...),
				protocol: str(r, "protocol"), from: input(r, "fromPort"), to: input(r, "toPort")})
		default:
			rules = append(rules, worldRule{cidrs: []string{str(r, "cidrIpv4"), str(r, "cidrIpv6")},
				protocol: str(r, "ipProtocol"), from: input(r, "fromPort"), to: input(r, "toPort")})
		}
		if group == nil {
			if sgs := c.Dependencies(r, typeSecurityGroup); len(sgs) > 0 {
				group = sgs[0]
			}
		}
		public := group != nil && publicLoadBalancerGroup(c, group)
		var out []string
		for _, w := range rules {
			if !w.world() {
				continue
			}
			if public && w.web() {
				continue
			}
			out = append(out, fmt.Sprintf("admits %s on %s ports %v-%v", w.worldCIDR(), w.protocol, w.from, w.to))
		}
		return out
	},
})

type worldRule struct {
	cidrs    []string
	protocol string
	from, to any
}

func (w worldRule) world() bool { return w.worldCIDR() != "" }

func (w worldRule) worldCIDR() string {
	for _, c := range w.cidrs {
		if c == "0.0.0.0/0" || c == "::/0" {
			return c
		}
	}
	return ""
}

// web reports whether the rule admits TCP on port 80 or 443 alone.
func (w worldRule) web() bool {
	from, ok1 := number(w.from)
	to, ok2 := number(w.to)
	return ok1 && ok2 && from == to && (from == 80 || from == 443) && (w.protocol == "tcp" || w.protocol == "6")
}

// publicLoadBalancerGroup reports whether an internet-facing load balancer uses the security group.
func publicLoadBalancerGroup(c *Context, sg *render.Resource) bool {
	for _, lb := range c.Dependents(sg.URN, typeLoadBalancer) {
		if !isTrue(input(lb, "internal")) && slices.Contains([]string{"", "application", "network"}, str(lb, "loadBalancerType")) {
			return true
		}
	}
	return false
}
