package policy

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

// requiredDefaultTags are the tags every AWS provider adds to every resource it tags.
var requiredDefaultTags = []string{"Environment", "CostCenter"}

// taggableTypes are types AWS tags that the program always names; any type that some resource
// of the graph tags is taggable too.
var taggableTypes = []string{typeBucket, typeQueue, typeTopic, typeRDSCluster, typeRDSInstance, typeCache,
	typeLogGroup, typeSecret, typeRepository, typeEKSCluster, typeVault, typeKey, typeZone, typeLoadBalancer,
	typeDistribution, typeSecurityGroup, typeRole, "aws:lambda/function:Function", "aws:wafv2/webAcl:WebAcl"}

var _ = register(&Rule{
	ID: "required-tags",
	Rationale: "Every AWS provider adds the Environment and CostCenter tags, and every taggable resource has a Name tag, " +
		"so cost and ownership are attributable.",
	Applies: []string{typeAWSProvider, "aws:*"},
	Select: func(c *Context, r *render.Resource) bool {
		return r.Type == typeAWSProvider || c.taggable(r.Type)
	},
	Check: func(c *Context, r *render.Resource) []string {
		if r.Type == typeAWSProvider {
			tags := object(jsonValue(input(r, "defaultTags")))["tags"]
			var out []string
			for _, k := range requiredDefaultTags {
				if v, _ := object(jsonValue(tags))[k].(string); strings.TrimSpace(v) == "" {
					out = append(out, "defaultTags has no "+k+" tag")
				}
			}
			return out
		}
		tags := input(r, "tags")
		if unknown(tags) {
			c.Unverified("tags are known only after deployment")
			return nil
		}
		if v, _ := object(tags)["Name"].(string); v == "" {
			return []string{"no Name tag"}
		}
		return nil
	},
})

// taggable reports whether resources of typ take tags: a known taggable type, or one some
// resource of the graph tags.
func (c *Context) taggable(typ string) bool {
	if c.tagged == nil {
		c.tagged = map[string]bool{}
		for _, r := range c.Graph.Resources {
			if _, ok := r.Inputs["tags"]; ok {
				c.tagged[r.Type] = true
			}
		}
	}
	return c.tagged[typ] || slices.Contains(taggableTypes, typ)
}

// jsonValue decodes a provider input the engine passes as JSON text; other values are
// returned as they are.
func jsonValue(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return v
	}
	return out
}
