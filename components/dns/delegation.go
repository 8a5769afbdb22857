package dns

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// delegate creates the role another environment's DNS provider assumes to write its records
// into this zone: trusted by that account only, allowed to read this zone and to change
// records only at or under the environment's own domain.
func (d *DNS) delegate(ctx *pulumi.Context, name string, args Args, del DelegatedAccount, zoneArn pulumi.StringOutput,
	opts []pulumi.ResourceOption) (pulumi.StringOutput, error) {
	roleName := DNSManagerRoleName(del.Environment)
	domain := del.Environment + "." + args.ZoneName
	role, err := iam.NewRole(ctx, name+"-manager-"+del.Environment, &iam.RoleArgs{
		Name:        pulumi.String(roleName),
		Description: pulumi.String(fmt.Sprintf("Lets account %s write records under %s", del.AccountID, domain)),
		AssumeRolePolicy: iampolicy.New(iampolicy.Statement{
			Effect:    "Allow",
			Action:    []string{"sts:AssumeRole"},
			Principal: map[string]any{"AWS": "arn:aws:iam::" + del.AccountID + ":root"},
		}).String(),
		Tags: tagging.Named(roleName),
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("dns manager role %s: %w", roleName, err)
	}
	_, err = iam.NewRolePolicy(ctx, name+"-manager-"+del.Environment, &iam.RolePolicyArgs{
		Role: role.ID(),
		Name: pulumi.String(roleName + "_policy"),
		Policy: iampolicy.Output(func(v []string) iampolicy.Document {
			return managerPolicy(v[0], domain)
		}, zoneArn),
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("dns manager policy %s: %w", roleName, err)
	}
	return role.Arn, nil
}

// managerPolicy lets a delegated environment find the zone, read it, follow its changes, and
// change only the records at or under domain.
func managerPolicy(zoneArn, domain string) iampolicy.Document {
	read := iampolicy.Allow([]string{"route53:GetHostedZone", "route53:ListResourceRecordSets",
		"route53:ListTagsForResource"}, zoneArn)
	read.Sid = "ReadZone"
	write := iampolicy.Allow([]string{"route53:ChangeResourceRecordSets"}, zoneArn)
	write.Sid = "WriteOwnRecordsOnly"
	write.Condition = map[string]any{"ForAllValues:StringLike": map[string]any{
		"route53:ChangeResourceRecordSetsNormalizedRecordNames": DelegatedRecordNames(domain),
	}}
	// These actions take no resource narrower than "*".
	find := iampolicy.Allow([]string{"route53:ListHostedZones", "route53:ListHostedZonesByName",
		"route53:GetHostedZoneCount", "route53:GetChange"}, "*")
	find.Sid = "FindZoneAndFollowChanges"
	return iampolicy.New(read, write, find)
}
