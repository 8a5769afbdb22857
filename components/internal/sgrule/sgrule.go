// Package sgrule creates the security group rules several components write alike.
package sgrule

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// Egress is a TCP egress rule to one CIDR and port. Role names it, stably: it ends the rule's
// logical name and Name tag.
type Egress struct {
	Role, CIDR, Description string
	Port                    int
}

// TCPEgress creates the rules on the security group sgID, each with the logical name
// logicalPrefix+Role and the Name tag tagPrefix+Role.
func TCPEgress(ctx *pulumi.Context, logicalPrefix, tagPrefix string, sgID pulumi.IDOutput, rules []Egress,
	opts ...pulumi.ResourceOption) error {
	for _, r := range rules {
		if _, err := vpc.NewSecurityGroupEgressRule(ctx, logicalPrefix+r.Role, &vpc.SecurityGroupEgressRuleArgs{
			SecurityGroupId: sgID,
			Description:     pulumi.String(r.Description),
			IpProtocol:      pulumi.String("tcp"),
			FromPort:        pulumi.Int(r.Port),
			ToPort:          pulumi.Int(r.Port),
			CidrIpv4:        pulumi.String(r.CIDR),
			Tags:            tagging.Named(tagPrefix + r.Role),
		}, opts...); err != nil {
			return fmt.Errorf("security group egress rule %s: %w", r.Role, err)
		}
	}
	return nil
}
