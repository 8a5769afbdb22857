package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

func provider(tags map[string]any) render.Resource {
	return res(typeAWSProvider, "aws-ca-central-1", map[string]any{"region": "ca-central-1",
		"defaultTags": `{"tags":` + mustJSONTest(tags) + `}`})
}

var _ = addRuleCases(
	ruleCase{Rule: "required-tags", Name: "default tags and a Name", Resources: []render.Resource{
		provider(map[string]any{"Environment": "dev", "CostCenter": "notification-canada-ca-dev"}),
		res(typeQueue, "q", map[string]any{"tags": map[string]any{"Name": "q"}}),
		res("aws:sqs/queuePolicy:QueuePolicy", "q-policy", map[string]any{"policy": "{}"}),
	}},
	ruleCase{Rule: "required-tags", Name: "provider without CostCenter", Fails: true, Resources: []render.Resource{
		provider(map[string]any{"Environment": "dev"})}},
	ruleCase{Rule: "required-tags", Name: "taggable type without tags", Fails: true, Resources: one(typeBucket, map[string]any{"bucket": "b"})},
	ruleCase{Rule: "required-tags", Name: "tags without a Name", Fails: true, Resources: []render.Resource{
		res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "a", map[string]any{"tags": map[string]any{"Name": "a"}}),
		res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "b", map[string]any{"description": "no tags"}),
	}},
)
