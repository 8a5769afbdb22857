package cloudsim

import (
	"regexp"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGetZoneFindsCreatedAndExternalZonesOnly(t *testing.T) {
	st, err := newStore("")
	require.NoError(t, err)
	st.externalZones = []ExternalZone{{Account: "239043911459", Name: "notification.cdssandbox.xyz"}}
	zone := created(t, st, "aws:route53/zone:Zone", "zone", map[string]any{"name": "staging.example.ca"})
	lookup := func(account, name string, private bool) (resource.PropertyMap, error) {
		return getZone(&scopeView{st: st, account: account, region: "us-east-1"},
			resource.NewPropertyMapFromMap(map[string]any{"name": name, "privateZone": private}))
	}

	got, err := lookup(testAccount, "staging.example.ca", false)
	require.NoError(t, err, "Route 53 is global: a zone created in ca-central-1 is found from us-east-1")
	assert.Equal(t, zone.ID, got["zoneId"].StringValue())
	assert.Len(t, got["nameServers"].ArrayValue(), 4)

	got, err = lookup("239043911459", "notification.cdssandbox.xyz", false)
	require.NoError(t, err)
	assert.Regexp(t, regexp.MustCompile(`^Z0[A-Z0-9]{19}$`), got["zoneId"].StringValue())
	again, err := lookup("239043911459", "notification.cdssandbox.xyz.", false)
	require.NoError(t, err, "a trailing dot names the same zone")
	assert.Equal(t, got["zoneId"], again["zoneId"], "an external zone's id is stable")

	for name, tc := range map[string]struct {
		account, zone string
		private       bool
	}{
		"unknown zone":                     {testAccount, "example.org", false},
		"external zone, wrong account":     {testAccount, "notification.cdssandbox.xyz", false},
		"public zone looked up as private": {testAccount, "staging.example.ca", true},
	} {
		_, err := lookup(tc.account, tc.zone, tc.private)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "no matching Route 53 Hosted Zone found", name)
	}
}
