package cloudsim

import (
	"context"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPushReleaseImagesFillsANewRepository: with PushReleaseImages, a repository holds the
// release images of its name as soon as it is created; without, it is empty, as in AWS before
// CI pushes.
func TestPushReleaseImagesFillsANewRepository(t *testing.T) {
	for _, push := range []bool{true, false} {
		sim, err := Start(context.Background(), Options{ReleaseImages: []string{"notify/heartbeat:v1"}, PushReleaseImages: push})
		require.NoError(t, err)
		props := resource.PropertyMap{"name": resource.NewStringProperty("notify/heartbeat")}
		for _, repo := range []*object{
			{Type: ecrRepository, ID: "notify/heartbeat", Account: testAccount, Region: "ca-central-1", In: props, Out: props},
			{Type: ecrRepository, ID: "notify/other", Account: testAccount, Region: "us-east-1",
				In: resource.PropertyMap{"name": resource.NewStringProperty("notify/other")}},
		} {
			require.NoError(t, sim.aws.save(repo))
		}
		assert.Equal(t, push, sim.store.hasImage(testAccount, "ca-central-1", "notify/heartbeat", "v1"), "push %v", push)
		assert.Empty(t, sim.store.images(testAccount, "us-east-1", "notify/other"), "no release image of that name")
		require.NoError(t, sim.Close())
	}
}
