package cloudsim

import (
	"context"
	"testing"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLatencyThroughTheEngine checks the model reaches the engine: at factor 0.005 a NAT
// gateway (~3 min in AWS) takes ~0.9 s and a queue (~3 s) a few milliseconds.
func TestLatencyThroughTheEngine(t *testing.T) {
	e := newEngine(t, Options{LatencyFactor: 0.005})
	st := e.stack(func(ctx *pulumi.Context) error {
		p, err := testProvider(ctx, "ca", "ca-central-1")
		if err != nil {
			return err
		}
		if _, err := ec2.NewNatGateway(ctx, "nat", &ec2.NatGatewayArgs{SubnetId: pulumi.String("subnet-0123456789abcdef0"),
			AllocationId: pulumi.String("eipalloc-0123456789abcdef0")}, pulumi.Provider(p)); err != nil {
			return err
		}
		_, err = sqs.NewQueue(ctx, "q", &sqs.QueueArgs{}, pulumi.Provider(p))
		return err
	})
	_, err := st.Up(context.Background())
	require.NoError(t, err)
	took := map[string]time.Duration{}
	for _, c := range e.sim.Calls() {
		if c.Method == "Create" {
			took[c.Type] = c.End.Sub(c.Start)
		}
	}
	assert.InDelta(t, 900, took["aws:ec2/natGateway:NatGateway"].Milliseconds(), 250)
	assert.Less(t, took["aws:sqs/queue:Queue"], 200*time.Millisecond)
}
