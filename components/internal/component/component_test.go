package component

import (
	"errors"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

type thing struct{ pulumi.ResourceState }

func TestRegisterValidatesFirst(t *testing.T) {
	bad := errors.New("thing: Size: got 0, want 1 or more")
	m, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		_, err := Register(ctx, "gcnotify:thing:Thing", "thing", &thing{}, func() error { return bad })
		return err
	})
	assert.ErrorIs(t, err, bad)
	assert.Empty(t, m.Resources(), "invalid args register nothing")

	var child []pulumi.ResourceOption
	m, err = pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		var err error
		child, err = Register(ctx, "gcnotify:thing:Thing", "thing", &thing{}, func() error { return nil })
		return err
	})
	require.NoError(t, err)
	assert.Len(t, child, 1)
	require.Len(t, m.Resources(), 1)
	assert.Equal(t, "gcnotify:thing:Thing", m.Resources()[0].Type)
}
