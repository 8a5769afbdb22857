package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "ec2-imdsv2",
	Rationale: "Instances require IMDSv2 session tokens, so a server-side request forgery cannot read the node's credentials.",
	Applies:   []string{typeLaunchTemplate, typeInstance},
	Check: func(c *Context, r *render.Resource) []string {
		if str(r, "metadataOptions.httpTokens") != "required" {
			return []string{"metadataOptions.httpTokens is not required"}
		}
		return nil
	},
})
