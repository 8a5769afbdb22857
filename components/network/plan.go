package network

import (
	"fmt"
	"net/netip"
)

// Tier names the subnet tiers; the names are part of logical names and of the subnet-role tag.
const (
	TierPublic  = "public"
	TierPrivate = "private"
	TierK8s     = "k8s"
)

// Layout is the subnet plan of a VPC: per tier, one CIDR block per availability zone, in the
// order of the zones.
type Layout struct {
	Public  []string
	Private []string
	K8s     []string
}

// PlanSubnets lays out the inventory's subnets in a /16: three public /24s at x.x.0-2.0, three
// private /24s at x.x.8-10.0 (both inside the first /19, which the k8s tier leaves free) and
// three k8s /19s at x.x.32.0, x.x.64.0 and x.x.96.0, leaving x.x.128.0/17 for growth.
func PlanSubnets(vpcCidr string, zones int) (Layout, error) {
	prefix, err := netip.ParsePrefix(vpcCidr)
	if err != nil {
		return Layout{}, fmt.Errorf("vpc cidr %q: %w", vpcCidr, err)
	}
	if !prefix.Addr().Is4() || prefix.Bits() != 16 || prefix.Masked() != prefix {
		return Layout{}, fmt.Errorf("vpc cidr %q: want an IPv4 /16 network address", vpcCidr)
	}
	if zones < 1 || zones > 3 {
		return Layout{}, fmt.Errorf("zones %d: want 1 to 3 (the k8s /19s fill x.x.32.0-127.255)", zones)
	}
	base := prefix.Addr().As4()
	block := func(third byte, bits int) string {
		return netip.PrefixFrom(netip.AddrFrom4([4]byte{base[0], base[1], third, 0}), bits).String()
	}
	var l Layout
	for i := 0; i < zones; i++ {
		l.Public = append(l.Public, block(byte(i), 24))
		l.Private = append(l.Private, block(byte(8+i), 24))
		l.K8s = append(l.K8s, block(byte(32*(i+1)), 19))
	}
	return l, nil
}
