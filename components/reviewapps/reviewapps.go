// Package reviewapps is what the admin's per-pull-request review apps need from the estate:
// the notify-admin-pr role each review Lambda runs as and the security group that lets it
// reach the Redis cache and HTTPS. The review Lambdas themselves are created and deleted by
// the admin repository's workflow for each pull request, outside the program, as today; only
// staging runs them.
package reviewapps

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
	"github.com/cds-snc/notification-pulumi/components/internal/sgrule"
	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// RoleName is the role the admin workflow gives each review Lambda.
const RoleName = "notify-admin-pr"

// FunctionPrefix starts every review Lambda's name (notify-admin-pr-<number>).
const FunctionPrefix = "notify-admin-pr-"

// Args configures the review apps' role and network.
type Args struct {
	// Placement is the environment's name prefix, account and region: NamePrefix names the
	// security group, and AccountID and Region scope the log and parameter grants. Required:
	// NamePrefix, AccountID and Region.
	placement.Placement
	// VpcID and VpcCidr place the security group; Redis is reached inside the VPC. Required.
	VpcID   pulumi.StringInput
	VpcCidr string
	// AdminRepositoryArn is notify/admin's repository, the review apps' image. Required.
	AdminRepositoryArn pulumi.StringInput
	// CsvUploadBucketArn is the bucket the admin uploads recipients' files to. Required.
	CsvUploadBucketArn pulumi.StringInput
	// KmsKeyArn encrypts that bucket. Required.
	KmsKeyArn pulumi.StringInput
}

// ReviewApps is the role and security group.
type ReviewApps struct {
	pulumi.ResourceState

	// RoleArn is notify-admin-pr's ARN.
	RoleArn pulumi.StringOutput
	// SecurityGroupID is the review Lambdas' group, which the cache admits.
	SecurityGroupID pulumi.StringOutput
}

func (a Args) validate() error {
	found := problems.New("reviewapps")
	add := found.Addf
	a.Placement.Check(found, placement.Uses{NamePrefix: true})
	if a.VpcCidr == "" {
		add("VpcCidr: got \"\", want the VPC's CIDR")
	}
	found.Missing("a value", map[string]bool{
		"VpcID": a.VpcID == nil, "AdminRepositoryArn": a.AdminRepositoryArn == nil,
		"CsvUploadBucketArn": a.CsvUploadBucketArn == nil, "KmsKeyArn": a.KmsKeyArn == nil,
	})
	return found.Err()
}

// New creates the review apps' role and security group. Nothing is registered when args are
// invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*ReviewApps, error) {
	r := &ReviewApps{}
	if _, err := component.Register(ctx, "gcnotify:reviewapps:ReviewApps", name, r, args.validate, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(r)
	role, err := iam.NewRole(ctx, name+"-role",
		iampolicy.ServiceRole(RoleName, "", "lambda.amazonaws.com"), parent)
	if err != nil {
		return nil, err
	}
	logs := fmt.Sprintf("arn:aws:logs:%s:%s:log-group:/aws/lambda/%s*", args.Region, args.AccountID, FunctionPrefix)
	params := fmt.Sprintf("arn:aws:ssm:%s:%s:parameter/ENVIRONMENT_VARIABLES_ADMIN", args.Region, args.AccountID)
	policy := iampolicy.Output(func(v []string) iampolicy.Document {
		return iampolicy.New(
			iampolicy.Allow([]string{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"}, logs, logs+":*"),
			iampolicy.Allow([]string{"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"}, v[0]),
			iampolicy.Allow([]string{"ssm:GetParameters"}, params),
			iampolicy.Allow([]string{"s3:GetObject", "s3:PutObject"}, v[1]+"/*"),
			iampolicy.Allow([]string{"kms:Decrypt", "kms:GenerateDataKey"}, v[2]),
			// Listing identities has no resource-level permissions.
			iampolicy.Allow([]string{"ses:ListIdentities", "ses:GetIdentityVerificationAttributes"}, "*"))
	}, args.AdminRepositoryArn, args.CsvUploadBucketArn, args.KmsKeyArn)
	if _, err := iam.NewRolePolicy(ctx, name+"-role", &iam.RolePolicyArgs{
		Name: pulumi.String(RoleName), Role: role.Name, Policy: policy,
	}, parent); err != nil {
		return nil, err
	}
	// The network interfaces of a VPC Lambda: AWS's managed policy is the documented minimum.
	if _, err := iam.NewRolePolicyAttachment(ctx, name+"-role-vpc-access", &iam.RolePolicyAttachmentArgs{
		Role: role.Name, PolicyArn: pulumi.String("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"),
	}, parent); err != nil {
		return nil, err
	}
	sgName := args.NamePrefix + "-admin-pr-review"
	sg, err := ec2.NewSecurityGroup(ctx, name+"-sg", &ec2.SecurityGroupArgs{
		Name: pulumi.String(sgName), Description: pulumi.String("Admin review Lambdas: Redis inside the VPC, HTTPS out"),
		VpcId: args.VpcID, Tags: tagging.Named(sgName),
	}, parent)
	if err != nil {
		return nil, err
	}
	if err := sgrule.TCPEgress(ctx, name+"-sg-egress-", sgName+"-egress-", sg.ID(), []sgrule.Egress{
		{Role: "https", CIDR: "0.0.0.0/0", Description: "HTTPS to the API and AWS", Port: 443},
		{Role: "redis", CIDR: args.VpcCidr, Description: "Redis inside the VPC", Port: 6379},
	}, parent); err != nil {
		return nil, err
	}
	r.RoleArn, r.SecurityGroupID = role.Arn, sg.ID().ToStringOutput()
	return r, ctx.RegisterResourceOutputs(r, pulumi.Map{"roleArn": r.RoleArn, "securityGroupId": r.SecurityGroupID})
}
