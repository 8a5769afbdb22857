package iampolicy

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// ServiceRole is the args of a role that AWS services assume: named name (its physical name,
// also its Name tag), described by description (none when ""), and trusted by services alone.
// Its permissions are attached by the caller.
func ServiceRole(name, description string, services ...string) *iam.RoleArgs {
	args := &iam.RoleArgs{
		Name:             pulumi.String(name),
		AssumeRolePolicy: AssumeRole(services...).String(),
		Tags:             tagging.Named(name),
	}
	if description != "" {
		args.Description = pulumi.String(description)
	}
	return args
}
