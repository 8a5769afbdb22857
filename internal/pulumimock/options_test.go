package pulumimock

import (
	"sync"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type component struct{ pulumi.ResourceState }

// urnOf registers a queue named name, under a component of type parentType when given, and
// returns the URN the SDK gives it.
func urnOf(t *testing.T, parentType, name string) string {
	var urn string
	var wg sync.WaitGroup
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		var opts []pulumi.ResourceOption
		if parentType != "" {
			c := &component{}
			if err := ctx.RegisterComponentResource(parentType, "old", c); err != nil {
				return err
			}
			opts = append(opts, pulumi.Parent(c))
		}
		q, err := sqs.NewQueue(ctx, name, &sqs.QueueArgs{}, opts...)
		if err != nil {
			return err
		}
		wg.Add(1)
		q.URN().ApplyT(func(u pulumi.URN) pulumi.URN { urn = string(u); wg.Done(); return u })
		return nil
	}, pulumi.WithMocks(Project, "test", New()))
	require.NoError(t, err)
	wg.Wait()
	return urn
}

func TestOptionMocksResolveAliasesToTheFormerURN(t *testing.T) {
	nested := urnOf(t, "test:index:Old", "q-old")
	topLevel := urnOf(t, "", "q-top")
	m := NewOptionMocks("test")
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		old, parent := &component{}, &component{}
		if err := ctx.RegisterComponentResource("test:index:Old", "old", old); err != nil {
			return err
		}
		if err := ctx.RegisterComponentResource("test:index:New", "new", parent); err != nil {
			return err
		}
		if _, err := sqs.NewQueue(ctx, "q-new", &sqs.QueueArgs{}, pulumi.Parent(parent),
			pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String("q-old"), Parent: old}}),
			pulumi.IgnoreChanges([]string{"tags"})); err != nil {
			return err
		}
		_, err := sqs.NewQueue(ctx, "q-moved", &sqs.QueueArgs{}, pulumi.Parent(parent),
			pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String("q-top"), NoParent: pulumi.Bool(true)}}))
		return err
	}, pulumi.WithMocks(Project, "test", m))
	require.NoError(t, err)
	o := m.Options("aws:sqs/queue:Queue", "q-new")
	assert.Equal(t, []string{nested}, o.Aliases)
	assert.Equal(t, []string{"tags"}, o.IgnoreChanges)
	assert.Equal(t, []string{topLevel}, m.Options("aws:sqs/queue:Queue", "q-moved").Aliases)
	assert.Equal(t, nested, URN("test", "test:index:Old", "aws:sqs/queue:Queue", "q-old"))
	m.Get(t, "aws:sqs/queue:Queue", "q-new")
}
