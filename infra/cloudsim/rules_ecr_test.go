package cloudsim

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var _ = addRuleCases(
	ruleCase{Rule: "ecr.push-repository-exists", Name: "repository created", Phase: OnCreate, Type: ImageType,
		World: func(w *store) {
			seedRecord(w, testAccount, "ca-central-1", ecrRepository, "subject", "subject", map[string]any{"name": "subject"})
		}},
	ruleCase{Rule: "ecr.push-repository-exists", Name: "no repository", Phase: OnCreate, Type: ImageType, Refused: true,
		Contains: "does not exist in the registry with id '111122223333'"},
	ruleCase{Rule: "ecr.delete-repository-not-empty", Name: "empty", Phase: OnDelete, Inputs: map[string]any{"name": "subject"}},
	ruleCase{Rule: "ecr.delete-repository-not-empty", Name: "images, forced", Phase: OnDelete,
		Inputs: map[string]any{"name": "subject", "forceDelete": true},
		World:  func(w *store) { w.putImage(testAccount, "ca-central-1", "subject", "v1", testDigest, "", "") }},
	ruleCase{Rule: "ecr.delete-repository-not-empty", Name: "images, not forced", Phase: OnDelete, Refused: true,
		Inputs: map[string]any{"name": "subject"},
		World:  func(w *store) { w.putImage(testAccount, "ca-central-1", "subject", "v1", testDigest, "", "") }},
)

// TestRegistryRefusesPushesIntoMissingRepositoriesAndRemembersImages pushes through the registry
// API with a real client: refused before the repository exists, accepted after, and seen by a
// second process sharing the world file.
func TestRegistryRefusesPushesIntoMissingRepositoriesAndRemembersImages(t *testing.T) {
	world := filepath.Join(t.TempDir(), "cloudsim", "world.json")
	sim, err := Start(context.Background(), Options{StateFile: world, ReleaseImages: []string{"notify/heartbeat:v1"}})
	require.NoError(t, err)
	ref, err := sim.RegistryRef(testImage)
	require.NoError(t, err)
	require.Equal(t, sim.RegistryHost()+"/"+testAccount+"/ca-central-1/notify/heartbeat:v1", ref)
	_, err = sim.RegistryRef("docker.io/library/alpine:3")
	require.Error(t, err)

	img, err := random.Image(256, 1)
	require.NoError(t, err)
	dst, err := name.NewTag(ref, name.Insecure)
	require.NoError(t, err)
	err = remote.Write(dst, img)
	require.Error(t, err, "ECR refuses a push into a repository that does not exist")
	assert.Contains(t, err.Error(), "RepositoryNotFoundException")

	sim.store.put(&record{Type: ecrRepository, ID: "notify/heartbeat", Name: "notify/heartbeat", Region: "ca-central-1",
		Account: testAccount, Inputs: map[string]any{"name": "notify/heartbeat"}, Outputs: map[string]any{"name": "notify/heartbeat"}})
	require.NoError(t, remote.Write(dst, img))
	assert.True(t, sim.store.hasImage(testAccount, "ca-central-1", "notify/heartbeat", "v1"))
	release, err := name.NewTag(sim.RegistryHost()+"/"+ReleaseAccount+"/ca-central-1/notify/heartbeat:v1", name.Insecure)
	require.NoError(t, err)
	_, err = remote.Head(release)
	require.NoError(t, err, "the release registry holds the release images")
	require.NoError(t, sim.Close())

	again, err := Start(context.Background(), Options{StateFile: world})
	require.NoError(t, err)
	defer again.Close()
	ref2, err := again.RegistryRef(testImage)
	require.NoError(t, err)
	tag2, err := name.NewTag(ref2, name.Insecure)
	require.NoError(t, err)
	desc, err := remote.Get(tag2)
	require.NoError(t, err, "another process serves the image pushed earlier")
	want, err := img.Digest()
	require.NoError(t, err)
	assert.Equal(t, want, desc.Digest)
	got, err := desc.Image()
	require.NoError(t, err)
	layers, err := got.Layers()
	require.NoError(t, err)
	require.Len(t, layers, 1)
	_, err = layers[0].Compressed()
	require.NoError(t, err, "the blobs were kept beside the world file")
}
