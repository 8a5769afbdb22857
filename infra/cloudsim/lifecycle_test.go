package cloudsim

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// queueProgram is a small program whose queue name and visibility the test changes.
func queueProgram(queueName *string, visibility *int) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		p, err := testProvider(ctx, "ca", "ca-central-1")
		if err != nil {
			return err
		}
		q, err := sqs.NewQueue(ctx, "queue", &sqs.QueueArgs{Name: pulumi.String(*queueName),
			VisibilityTimeoutSeconds: pulumi.Int(*visibility)}, pulumi.Provider(p))
		if err != nil {
			return err
		}
		autoNamed, err := sqs.NewQueue(ctx, "auto", &sqs.QueueArgs{}, pulumi.Provider(p))
		if err != nil {
			return err
		}
		b, err := s3.NewBucketV2(ctx, "bucket", &s3.BucketV2Args{}, pulumi.Provider(p))
		if err != nil {
			return err
		}
		role, err := iam.NewRole(ctx, "role", &iam.RoleArgs{Name: pulumi.String("cloudsim-test-role"),
			AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)}, pulumi.Provider(p))
		if err != nil {
			return err
		}
		ctx.Export("queueUrl", q.Url)
		ctx.Export("queueArn", q.Arn)
		ctx.Export("autoName", autoNamed.Name)
		ctx.Export("bucket", b.Bucket)
		ctx.Export("bucketArn", b.Arn)
		ctx.Export("bucketRegionalDomainName", b.BucketRegionalDomainName)
		ctx.Export("roleArn", role.Arn)
		ctx.Export("tagsAll", q.TagsAll)
		return nil
	}
}

func TestLifecycleThroughTheEngine(t *testing.T) {
	e := newEngine(t, Options{})
	ctx := context.Background()
	name, visibility := "cloudsim-test-queue", 30
	st := e.stack(queueProgram(&name, &visibility))

	start := time.Now()
	prev, err := st.Preview(ctx, optpreview.Diff())
	require.NoError(t, err)
	timed(t, "preview", start)
	assert.Equal(t, 6, prev.ChangeSummary["create"], "stack, provider, 2 queues, bucket, role")
	assert.Empty(t, e.sim.Resources(), "a preview creates nothing")

	start = time.Now()
	up, err := st.Up(ctx)
	require.NoError(t, err)
	timed(t, "up", start)
	out := up.Outputs
	assert.Contains(t, up.StdOut, "cloudsim: SIMULATED aws provider (region ca-central-1, account 111122223333), not AWS",
		"the CLI output says it is a simulation")
	assert.Equal(t, "https://sqs.ca-central-1.amazonaws.com/111122223333/cloudsim-test-queue", out["queueUrl"].Value)
	assert.Equal(t, "arn:aws:sqs:ca-central-1:111122223333:cloudsim-test-queue", out["queueArn"].Value)
	assert.Regexp(t, regexp.MustCompile(`^auto-[0-9a-f]{7}$`), out["autoName"].Value)
	bucket := out["bucket"].Value.(string)
	assert.Regexp(t, regexp.MustCompile(`^bucket-[0-9a-f]{7}$`), bucket)
	assert.Equal(t, "arn:aws:s3:::"+bucket, out["bucketArn"].Value)
	assert.Equal(t, bucket+".s3.ca-central-1.amazonaws.com", out["bucketRegionalDomainName"].Value)
	assert.Equal(t, "arn:aws:iam::111122223333:role/cloudsim-test-role", out["roleArn"].Value)
	assert.Equal(t, map[string]any{"CostCentre": "notify-test"}, out["tagsAll"].Value, "default tags reach tagsAll")
	assert.Len(t, e.sim.Resources(), 4)
	autoName := out["autoName"].Value

	// Renaming the queue replaces it (AWS cannot rename a queue).
	name = "cloudsim-renamed-queue"
	start = time.Now()
	up, err = st.Up(ctx)
	require.NoError(t, err)
	timed(t, "up (replace)", start)
	assert.Equal(t, 1, (*up.Summary.ResourceChanges)["replace"])
	assert.Equal(t, "https://sqs.ca-central-1.amazonaws.com/111122223333/cloudsim-renamed-queue", up.Outputs["queueUrl"].Value)
	queues := byType(e.sim, "aws:sqs/queue:Queue")
	require.Len(t, queues, 2, "the old queue is deleted")

	// The visibility timeout changes in place; the auto-generated name stays.
	visibility = 310
	up, err = st.Up(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, (*up.Summary.ResourceChanges)["update"])
	assert.Equal(t, autoName, up.Outputs["autoName"].Value)

	// A bucket deleted behind Pulumi's back is noticed by refresh.
	b := byType(e.sim, "aws:s3/bucketV2:BucketV2")[0]
	e.sim.store.remove(b.Account, b.Region, b.Type, b.ID)
	start = time.Now()
	ref, err := st.Refresh(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, (*ref.Summary.ResourceChanges)["delete"], "refresh drops the vanished bucket")
	timed(t, "refresh", start)
	up, err = st.Up(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, (*up.Summary.ResourceChanges)["create"], "up recreates the bucket")

	start = time.Now()
	_, err = st.Destroy(ctx, optdestroy.Remove())
	require.NoError(t, err)
	timed(t, "destroy", start)
	assert.Empty(t, e.sim.Resources(), "destroy leaves nothing behind")

	var creates int
	for _, c := range e.sim.Calls() {
		if c.Method == "Create" && c.Provider == "aws" {
			creates++
			assert.Equal(t, "ca-central-1", c.Region)
			assert.Empty(t, c.Err)
		}
	}
	assert.Equal(t, 6, creates, "4 first creates, the replacement queue, the recreated bucket")
}
