package infra

import (
	"context"
	"errors"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// things registers n provider-less components, so the engine runs without any cloud.
func things(n int, fail error) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		for i := 0; i < n; i++ {
			c := &struct{ pulumi.ResourceState }{}
			if err := ctx.RegisterComponentResource("gcnotify:test:Thing", "thing-"+string(rune('a'+i)), c); err != nil {
				return err
			}
			if err := ctx.RegisterResourceOutputs(c, pulumi.Map{}); err != nil {
				return err
			}
		}
		ctx.Export("count", pulumi.Int(n))
		ctx.Export("token", pulumi.ToSecret(pulumi.String("s3cr3t")))
		return fail
	}
}

// engineCLI is the Pulumi CLI the engine tests run; it skips the test in -short mode, or when
// the repository has no CLI to run.
func engineCLI(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the Pulumi engine")
	}
	cli, err := FindCLI("..")
	if err != nil {
		t.Skip(err)
	}
	return cli
}

// TestEngineTypedErrors runs the real engine on provider-less programs: every typed error a
// caller branches on that needs no cloud.
func TestEngineTypedErrors(t *testing.T) {
	cli := engineCLI(t)
	ctx := context.Background()
	state := t.TempDir()
	open := func(p pulumi.RunFunc) *Stack {
		s, err := Open(ctx, Options{Stack: "dev", Cloud: CloudSim, ProjectDir: "..", StateDir: state, CLI: cli,
			Program: p, LookupEnv: env()})
		require.NoError(t, err)
		return s
	}
	s := open(things(2, nil))
	t.Cleanup(func() { _, _ = s.Destroy(context.Background(), RunOptions{}) })

	_, err := s.Outputs(ctx)
	var nf *StackNotFoundError
	require.ErrorAs(t, err, &nf, "no up yet")

	res, err := s.Up(ctx, RunOptions{})
	require.NoError(t, err)
	assert.Equal(t, 3, res.Summary["create"], "two components and the stack")
	assert.Equal(t, Output{Value: SecretPlaceholder, Secret: true}, res.Outputs["token"], "secrets never leave the library")
	assert.Equal(t, 2.0, res.Outputs["count"].Value)

	_, err = s.Preview(ctx, RunOptions{ExpectNoChanges: true})
	require.NoError(t, err)

	_, err = open(things(3, nil)).Preview(ctx, RunOptions{ExpectNoChanges: true})
	var changes *ChangesPresentError
	require.ErrorAs(t, err, &changes)
	assert.Contains(t, err.Error(), "1 to create")

	_, err = open(things(2, errors.New("the program refuses"))).Up(ctx, RunOptions{})
	var engine *EngineError
	require.ErrorAs(t, err, &engine)
	assert.Contains(t, engine.Message, "the program refuses")

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = s.Up(cancelled, RunOptions{})
	var c *CancelledError
	require.ErrorAs(t, err, &c)

	_, err = s.Destroy(ctx, RunOptions{})
	require.NoError(t, err)
	urns, err := s.StateURNs(ctx)
	require.NoError(t, err)
	assert.Empty(t, urns)
}
