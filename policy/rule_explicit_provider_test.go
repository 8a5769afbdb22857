package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

func withProvider(r render.Resource, provider string) render.Resource {
	r.Provider = provider
	return r
}

var _ = addRuleCases(
	ruleCase{Rule: "explicit-provider", Name: "names its provider", Resources: []render.Resource{
		withProvider(res(typeKey, "keys-main", nil), "urn:pulumi:test::gcnotify::pulumi:providers:aws::aws-ca-central-1::id")}},
	ruleCase{Rule: "explicit-provider", Name: "default provider", Fails: true, Resources: []render.Resource{res(typeKey, "keys-main", nil)}},
)
