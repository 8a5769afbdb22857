package reviewapps

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

func args() Args {
	return Args{Placement: placement.Placement{NamePrefix: "notification-canada-ca-staging", AccountID: "111122223333", Region: "ca-central-1"},
		VpcID: pulumi.String("vpc-1"), VpcCidr: "10.0.0.0/16",
		AdminRepositoryArn: pulumi.String("arn:aws:ecr:ca-central-1:111122223333:repository/notify/admin"),
		CsvUploadBucketArn: pulumi.String("arn:aws:s3:::notification-canada-ca-staging-csv-upload"),
		KmsKeyArn:          pulumi.String("arn:aws:kms:ca-central-1:111122223333:key/main")}
}

func run(t *testing.T, a Args) (*pulumimock.Mocks, error) {
	return pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		_, err := New(ctx, "reviewapps", a)
		return err
	})
}

func TestReviewAppsRoleIsLeastPrivilege(t *testing.T) {
	m, err := run(t, args())
	require.NoError(t, err)
	role := m.Get(t, "aws:iam/role:Role", "reviewapps-role")
	assert.Equal(t, RoleName, role.Input("name"))
	assert.Contains(t, role.String("assumeRolePolicy"), "lambda.amazonaws.com")
	policy := m.Get(t, "aws:iam/rolePolicy:RolePolicy", "reviewapps-role").String("policy")
	assert.Contains(t, policy, "log-group:/aws/lambda/notify-admin-pr-*")
	assert.Contains(t, policy, "repository/notify/admin")
	assert.Contains(t, policy, "notification-canada-ca-staging-csv-upload/*")
	assert.NotContains(t, policy, `"s3:*"`)
	for _, rule := range []string{"reviewapps-sg-egress-https", "reviewapps-sg-egress-redis"} {
		m.Get(t, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", rule)
	}
	assert.Empty(t, m.ByType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), "nothing calls the review apps inside the VPC")
}

func TestReviewAppsRefusesInvalidArgs(t *testing.T) {
	a := args()
	a.AccountID, a.CsvUploadBucketArn = "x", nil
	m, err := run(t, a)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "AccountID: got \"x\"")
	assert.Contains(t, err.Error(), "CsvUploadBucketArn: got nil")
	assert.Empty(t, m.ByType("aws:iam/role:Role"))
}
