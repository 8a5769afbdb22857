package eks

import (
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

// ignoreRecorder adds to the recording mocks what they do not keep: each resource's
// ignoreChanges option.
type ignoreRecorder struct {
	*pulumimock.Mocks
	mu      sync.Mutex
	ignored map[string][]string
}

func (r *ignoreRecorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	if args.RegisterRPC != nil {
		r.mu.Lock()
		r.ignored[args.Name] = args.RegisterRPC.GetIgnoreChanges()
		r.mu.Unlock()
	}
	return r.Mocks.NewResource(args)
}

func TestTheAutoscalerOwnsDesiredSize(t *testing.T) {
	t.Setenv(pulumi.EnvConfig, "{}")
	rec := &ignoreRecorder{Mocks: pulumimock.New(), ignored: map[string][]string{}}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := New(ctx, "cluster", argsFor(envs[2]))
		return err
	}, pulumi.WithMocks(pulumimock.Project, "test", rec))
	require.NoError(t, err)
	assert.Equal(t, []string{"scalingConfig.desiredSize"}, rec.ignored["cluster-primary-nodes"])
	assert.Empty(t, rec.ignored["cluster-cluster"], "nothing else is ignored")
}

// TestApplyDesiredSizeCarriesTheDesiredSize checks the one-deployment switch that lets MinSize
// rise above the desired size last deployed: desiredSize is then sent as configured (at least
// MinSize), not the ignored old value EKS would judge the new minimum against.
func TestApplyDesiredSizeCarriesTheDesiredSize(t *testing.T) {
	t.Setenv(pulumi.EnvConfig, "{}")
	rec := &ignoreRecorder{Mocks: pulumimock.New(), ignored: map[string][]string{}}
	args := argsFor(envs[2])
	args.NodeGroup.MinSize, args.NodeGroup.DesiredSize, args.NodeGroup.ApplyDesiredSize = 6, 6, true
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := New(ctx, "cluster", args)
		return err
	}, pulumi.WithMocks(pulumimock.Project, "test", rec))
	require.NoError(t, err)
	assert.Empty(t, rec.ignored["cluster-primary-nodes"], "desiredSize is applied")
	group := rec.Get(t, "aws:eks/nodeGroup:NodeGroup", "cluster-primary-nodes")
	sc := group.Input("scalingConfig").(map[string]any)
	assert.Equal(t, 6.0, sc["desiredSize"])
	assert.Equal(t, 6.0, sc["minSize"])
}
