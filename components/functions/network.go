package functions

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/sgrule"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// securityGroup creates the VPC functions' own security group (they no longer borrow the EKS
// cluster's): no ingress; egress HTTPS anywhere (the public API and admin it checks, AWS APIs)
// and PostgreSQL inside the VPC (the read-only database proxy). Rules are separate resources so
// other components can add to the group without fighting inline rules.
func (f *Functions) securityGroup(ctx *pulumi.Context, name string, args Args) (pulumi.StringOutput, error) {
	sgName := args.NamePrefix + "-lambda-vpc"
	sg, err := ec2.NewSecurityGroup(ctx, name+"-vpc-sg", &ec2.SecurityGroupArgs{
		Name:        pulumi.String(sgName),
		Description: pulumi.String("VPC Lambdas: HTTPS out, PostgreSQL inside the VPC"),
		VpcId:       args.Vpc.ID,
		Tags:        tagging.Named(sgName),
	}, pulumi.Parent(f))
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("functions security group: %w", err)
	}
	if err := sgrule.TCPEgress(ctx, name+"-vpc-sg-egress-", sgName+"-", sg.ID(), []sgrule.Egress{
		{Role: "https", CIDR: "0.0.0.0/0", Description: "HTTPS to the API, admin and AWS", Port: 443},
		{Role: "postgres", CIDR: args.Vpc.CidrBlock, Description: "PostgreSQL to the database proxy", Port: 5432},
	}, pulumi.Parent(f)); err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("functions security group: %w", err)
	}
	return sg.ID().ToStringOutput(), nil
}
