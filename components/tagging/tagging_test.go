package tagging

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
)

func TestNamedAddsNameAndExtras(t *testing.T) {
	got := Named("vpc", map[string]string{"karpenter.sh/discovery": "c"})
	assert.Equal(t, pulumi.StringMap{"Name": pulumi.String("vpc"), "karpenter.sh/discovery": pulumi.String("c")}, got)
}

func TestDefaultsAddsEnvironment(t *testing.T) {
	got := Defaults("dev", map[string]string{"CostCenter": "notification-canada-ca-dev"})
	assert.Equal(t, map[string]string{"Environment": "dev", "CostCenter": "notification-canada-ca-dev"}, got)
}
