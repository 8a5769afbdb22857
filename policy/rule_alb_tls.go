package policy

import (
	"strings"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

// weakALBPolicies are the ELB security policies that still negotiate TLS 1.0 or 1.1.
var weakALBPolicies = []string{"ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS-1-0-2015-04",
	"ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-FS-2018-06",
	"ELBSecurityPolicy-FS-1-1-2019-08"}

var _ = register(&Rule{
	ID:        "alb-tls",
	Rationale: "Load balancer listeners serve HTTPS with a TLS 1.2+ policy; a plain HTTP listener only redirects to HTTPS.",
	Applies:   []string{typeListener},
	Check: func(c *Context, r *render.Resource) []string {
		switch proto := str(r, "protocol"); proto {
		case "HTTPS", "TLS":
			p := str(r, "sslPolicy")
			if p == "" {
				return []string{"no sslPolicy: the default policy accepts TLS 1.0"}
			}
			for _, weak := range weakALBPolicies {
				if p == weak {
					return []string{"sslPolicy " + p + " accepts TLS below 1.2"}
				}
			}
			if !strings.Contains(p, "TLS13") && !strings.Contains(p, "TLS-1-2") && !strings.Contains(p, "FS-1-2") {
				return []string{"sslPolicy " + p + " is not a TLS 1.2+ policy"}
			}
			return nil
		default:
			actions := list(input(r, "defaultActions"))
			for _, a := range actions {
				m := object(a)
				if m["type"] != "redirect" || object(m["redirect"])["protocol"] != "HTTPS" {
					return []string{"a " + proto + " listener whose default action does not redirect to HTTPS"}
				}
			}
			if len(actions) == 0 {
				return []string{"a " + proto + " listener without a redirect to HTTPS"}
			}
			for _, rule := range c.Dependents(r.URN, "aws:lb/listenerRule:ListenerRule") {
				for _, a := range list(input(rule, "actions")) {
					if object(a)["type"] == "forward" {
						return []string{"listener rule " + rule.Name + " forwards plain " + proto + " traffic"}
					}
				}
			}
			return nil
		}
	},
})
