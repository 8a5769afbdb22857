package pulumimock

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUnknownInvokeFailsWithItsToken(t *testing.T) {
	_, err := Run(t, "test", nil, func(ctx *pulumi.Context) error {
		_, err := ec2.LookupVpc(ctx, &ec2.LookupVpcArgs{})
		return err
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "aws:ec2/getVpc:getVpc is not mocked")
}

func TestRecordsParentProviderAndRegionalOutputs(t *testing.T) {
	m, err := Run(t, "test", nil, func(ctx *pulumi.Context) error {
		p, err := aws.NewProvider(ctx, "west", &aws.ProviderArgs{Region: pulumi.String("us-west-2"),
			AllowedAccountIds: pulumi.ToStringArray([]string{"111122223333"})})
		if err != nil {
			return err
		}
		_, err = sqs.NewQueue(ctx, "q", &sqs.QueueArgs{Name: pulumi.String("receipts")}, pulumi.Provider(p))
		return err
	})
	require.NoError(t, err)
	q := m.Get(t, "aws:sqs/queue:Queue", "q")
	assert.Equal(t, "receipts", q.String("name"))
	assert.Contains(t, q.Provider, "pulumi:providers:aws::west")
	assert.Equal(t, "https://sqs.us-west-2.amazonaws.com/111122223333/receipts", q.Outputs["url"].StringValue())
	assert.Equal(t, "arn:aws:sqs:us-west-2:111122223333:receipts", q.Outputs["arn"].StringValue())
}

func TestGetSubnetsAnswersFromTheRecordedVpc(t *testing.T) {
	_, err := getSubnets(New(), nil, "")
	require.Error(t, err, "no VPC recorded: the lookup must fail rather than invent subnets")
}

func TestReadStackFileTurnsObjectsIntoJSON(t *testing.T) {
	cfg, err := ReadStackFile(RepoRoot() + "/Pulumi.dev.yaml")
	require.NoError(t, err)
	assert.Equal(t, "800095993820", cfg["gcnotify:accountId"])
	assert.JSONEq(t, `{"instanceType":"m7i-flex.xlarge","desiredSize":5,"minSize":1,"maxSize":7}`, cfg["gcnotify:eks"])
	assert.Equal(t, "false", cfg["gcnotify:deletionProtection"])
	_, err = ReadStackFile(RepoRoot() + "/Pulumi.nope.yaml")
	assert.Error(t, err)
}
