package policy

import (
	"slices"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

// adminPolicies are AWS managed policies that allow every action on every resource.
var adminPolicies = []string{"arn:aws:iam::aws:policy/AdministratorAccess"}

var _ = register(&Rule{
	ID:        "iam-no-admin",
	Rationale: "No IAM policy allows every action on every resource (Allow * on *); each role gets what it uses.",
	Applies: []string{typeRole, typeRolePolicy, typePolicy, typeRoleAttachment, "aws:iam/userPolicy:UserPolicy",
		"aws:iam/groupPolicy:GroupPolicy"},
	Check: func(c *Context, r *render.Resource) []string {
		if r.Type == typeRoleAttachment {
			if arn := str(r, "policyArn"); slices.Contains(adminPolicies, arn) {
				return []string{"attaches " + arn}
			}
			return nil
		}
		var out []string
		docs := map[string]any{"policy": input(r, "policy")}
		if r.Type == typeRole {
			docs = map[string]any{}
			for _, p := range list(input(r, "inlinePolicies")) {
				name, _ := object(p)["name"].(string)
				docs["inline policy "+name] = object(p)["policy"]
			}
			for _, arn := range list(input(r, "managedPolicyArns")) {
				if s, _ := arn.(string); slices.Contains(adminPolicies, s) {
					out = append(out, "attaches "+s)
				}
			}
		}
		keys := make([]string, 0, len(docs))
		for k := range docs {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			stmts, known, err := document(docs[k])
			switch {
			case err != nil:
				out = append(out, k+" is not a policy document: "+err.Error())
			case !known && docs[k] != nil:
				c.Unverified("%s is known only after deployment", k)
			}
			for _, s := range stmts {
				if s.Effect == "Allow" && wildcard(s.Action) && wildcard(s.Resource) {
					out = append(out, k+" allows * on *")
				}
			}
		}
		return out
	},
})

// wildcard reports whether a list of actions or resources includes everything.
func wildcard(vs []string) bool {
	for _, v := range vs {
		if v == "*" || v == "*:*" || strings.TrimSpace(v) == "*" {
			return true
		}
	}
	return false
}
