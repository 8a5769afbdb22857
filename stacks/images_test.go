package stacks

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLambdaImagesOnePerFunctionAndRegion(t *testing.T) {
	c := Config{AccountID: "800095993820", Regions: Regions{Primary: "ca-central-1", SMS: "us-west-2", Email: "us-east-1"},
		LambdaImageTags: map[string]string{"default": "v1", "heartbeat": "v2"}}
	imgs := c.LambdaImages()
	refs := map[string]bool{}
	for _, i := range imgs {
		refs[i.String()] = true
	}
	assert.True(t, refs["800095993820.dkr.ecr.ca-central-1.amazonaws.com/notify/heartbeat:v2"], "a function's own tag wins")
	assert.True(t, refs["800095993820.dkr.ecr.us-west-2.amazonaws.com/notify/sns_to_sqs_sms_callbacks:v1"], "a function in two regions needs its image in both")
	assert.True(t, refs["800095993820.dkr.ecr.ca-central-1.amazonaws.com/notify/sns_to_sqs_sms_callbacks:v1"])
	assert.True(t, refs["800095993820.dkr.ecr.us-east-1.amazonaws.com/notify/ses_receiving_emails:v1"])
	assert.False(t, refs["800095993820.dkr.ecr.ca-central-1.amazonaws.com/notify/ses_receiving_emails:v1"], "only where it runs")
	assert.Len(t, refs, len(imgs), "no duplicates")
	require.Equal(t, "800095993820.dkr.ecr.us-west-2.amazonaws.com", Image{Account: "800095993820", Region: "us-west-2"}.Registry())
}

func TestLambdaImageSourceMustBeAnECRRegistry(t *testing.T) {
	_, err := loadStack(t, "dev", map[string]string{"gcnotify:lambdaImageSource": "ghcr.io/cds-snc"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `gcnotify:lambdaImageSource: got "ghcr.io/cds-snc"`)
	c, err := loadStack(t, "dev", map[string]string{"gcnotify:lambdaImageSource": "239043911459.dkr.ecr.ca-central-1.amazonaws.com"})
	require.NoError(t, err)
	assert.Equal(t, "239043911459.dkr.ecr.ca-central-1.amazonaws.com", c.LambdaImageSource)
}
