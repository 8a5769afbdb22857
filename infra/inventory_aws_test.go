package infra

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi"
	"github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeTagging answers GetResources from pages of ARNs, checking the filter.
type fakeTagging struct {
	t     *testing.T
	pages [][]string
}

func (f *fakeTagging) GetResources(_ context.Context, in *resourcegroupstaggingapi.GetResourcesInput,
	_ ...func(*resourcegroupstaggingapi.Options)) (*resourcegroupstaggingapi.GetResourcesOutput, error) {
	require.Len(f.t, in.TagFilters, 1)
	assert.Equal(f.t, "Environment", aws.ToString(in.TagFilters[0].Key))
	assert.Equal(f.t, []string{"dev"}, in.TagFilters[0].Values)
	page := 0
	if in.PaginationToken != nil && *in.PaginationToken != "" {
		page = int((*in.PaginationToken)[0] - '0')
	}
	out := &resourcegroupstaggingapi.GetResourcesOutput{}
	for _, arn := range f.pages[page] {
		out.ResourceTagMappingList = append(out.ResourceTagMappingList, types.ResourceTagMapping{ResourceARN: aws.String(arn)})
	}
	if page+1 < len(f.pages) {
		out.PaginationToken = aws.String(string(rune('0' + page + 1)))
	}
	return out, nil
}

func TestAWSInventoryListsTheEnvironmentsTaggedResourcesInEveryRegion(t *testing.T) {
	clients := map[string]*fakeTagging{
		"ca-central-1": {t: t, pages: [][]string{{"arn:aws:sqs:ca-central-1:800095993820:q1"}, {"arn:aws:s3:::notification-canada-ca-dev-reports"}}},
		"us-east-1":    {t: t, pages: [][]string{{"arn:aws:lambda:us-east-1:800095993820:function:ses_receiving_emails"}}},
	}
	inv := AWSInventory{Environment: "dev", Regions: []string{"ca-central-1", "us-east-1"},
		Client: func(_ context.Context, region string) (TaggingAPI, error) { return clients[region], nil }}
	got, err := inv.StackResources(context.Background(), "dev")
	require.NoError(t, err)
	require.Len(t, got, 3, "every page of every region")
	assert.Equal(t, CloudResource{ID: "arn:aws:s3:::notification-canada-ca-dev-reports", Type: "s3:notification-canada-ca-dev-reports", Region: "ca-central-1"}, got[1])
	assert.Equal(t, "lambda:function", got[2].Type)
	assert.False(t, inv.ByURN(), "AWS knows resources by ARN: it cannot tell what the state lost")
	assert.Error(t, inv.DeleteResource(context.Background(), got[0]), "AWS has no generic delete")
}
