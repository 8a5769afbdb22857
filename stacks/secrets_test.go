package stacks

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

func TestSecretsAreReadIntoTheConfigurationAndNeverPrinted(t *testing.T) {
	c, err := loadStack(t, "dev", map[string]string{"gcnotify:" + SlackWebhookKey: "https://hooks.slack.com/services/T0/B0/x"})
	require.NoError(t, err)
	assert.True(t, c.Secrets.SlackWebhookURL.Set())
	assert.NotNil(t, c.Secrets.SlackWebhookURL.Input())
	assert.False(t, c.Secrets.OpsGenieURL.Set())
	assert.Nil(t, c.Secrets.OpsGenieURL.Input(), "an unset secret reaches no resource")
	printed := fmt.Sprintf("%v %+v", c.Secrets, c)
	assert.NotContains(t, printed, "hooks.slack.com")
	assert.Contains(t, printed, "[secret]")
	assert.NotContains(t, Keys(), "-", "secrets are not stack file keys")
}

func TestOnlyPermanentStacksMayBeLongLived(t *testing.T) {
	cfg := pulumimock.StackConfig(t, "dev")
	get, present := getter(cfg)
	_, err := Load("bcp-20261201-0930", get, present)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `stack "bcp-20261201-0930" is not one of dev, staging, production`)
	assert.Contains(t, err.Error(), "gcnotify:ephemeral: true")

	cfg["gcnotify:ephemeral"] = "true"
	cfg["gcnotify:environment"] = "bcp1"
	get, present = getter(cfg)
	_, err = Load("bcp-20261201-0930", get, present)
	require.NoError(t, err)
	delete(cfg, "gcnotify:environment")
	get, present = getter(cfg)
	_, err = Load("dev", get, present)
	require.Error(t, err, "dev's stateful resources stay protected")
	assert.Contains(t, err.Error(), "false for dev, staging, production")
}
