package network

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanSubnetsMatchesInventory(t *testing.T) {
	l, err := PlanSubnets("10.0.0.0/16", 3)
	require.NoError(t, err)
	assert.Equal(t, []string{"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"}, l.Public)
	assert.Equal(t, []string{"10.0.8.0/24", "10.0.9.0/24", "10.0.10.0/24"}, l.Private)
	assert.Equal(t, []string{"10.0.32.0/19", "10.0.64.0/19", "10.0.96.0/19"}, l.K8s)
}

func TestPlanSubnetsNeverOverlapAndStayInside(t *testing.T) {
	for _, cidr := range []string{"10.0.0.0/16", "10.20.0.0/16", "172.16.0.0/16", "192.168.0.0/16"} {
		l, err := PlanSubnets(cidr, 3)
		require.NoError(t, err, cidr)
		vpc := netip.MustParsePrefix(cidr)
		all := append(append(append([]string{}, l.Public...), l.Private...), l.K8s...)
		for i, a := range all {
			pa := netip.MustParsePrefix(a)
			assert.True(t, vpc.Contains(pa.Addr()) && pa.Bits() >= 16, "%s outside %s", a, cidr)
			for _, b := range all[i+1:] {
				assert.False(t, pa.Overlaps(netip.MustParsePrefix(b)), "%s overlaps %s", a, b)
			}
		}
	}
}

func TestPlanSubnetsRefusesBadInput(t *testing.T) {
	for name, tc := range map[string]struct {
		cidr  string
		zones int
	}{
		"not a cidr": {"10.0.0.0", 3},
		"too small":  {"10.0.0.0/20", 3},
		"host bits":  {"10.0.1.0/16", 3},
		"ipv6":       {"fd00::/16", 3},
		"no zones":   {"10.0.0.0/16", 0},
		"four zones": {"10.0.0.0/16", 4},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := PlanSubnets(tc.cidr, tc.zones)
			assert.Error(t, err)
		})
	}
}
