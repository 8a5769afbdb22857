package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

func redirect() map[string]any {
	return map[string]any{"protocol": "HTTP", "port": 80, "defaultActions": []any{map[string]any{"type": "redirect",
		"redirect": map[string]any{"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"}}}}
}

var _ = addRuleCases(
	ruleCase{Rule: "alb-tls", Name: "HTTPS, TLS 1.3 policy", Resources: one(typeListener, map[string]any{"protocol": "HTTPS",
		"sslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})},
	ruleCase{Rule: "alb-tls", Name: "HTTP redirects", Resources: one(typeListener, redirect())},
	ruleCase{Rule: "alb-tls", Name: "HTTPS, TLS 1.0 policy", Fails: true, Resources: one(typeListener, map[string]any{"protocol": "HTTPS",
		"sslPolicy": "ELBSecurityPolicy-2016-08"})},
	ruleCase{Rule: "alb-tls", Name: "HTTP forwards", Fails: true, Resources: one(typeListener, map[string]any{"protocol": "HTTP",
		"defaultActions": []any{map[string]any{"type": "forward", "targetGroupArn": "[unknown]"}}})},
	ruleCase{Rule: "alb-tls", Name: "HTTP redirects but a rule forwards", Fails: true, Resources: func() []render.Resource {
		l := res(typeListener, "http", redirect())
		return []render.Resource{l, res("aws:lb/listenerRule:ListenerRule", "api", map[string]any{
			"actions": []any{map[string]any{"type": "forward"}}}, l.URN)}
	}()},
)
