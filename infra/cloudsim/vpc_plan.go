package cloudsim

import (
	"errors"
	"fmt"
	"math/bits"
	"net/netip"
	"sort"
	"strings"
)

// vpcPlan is what the awsx Vpc component builds, decided from its plain inputs before any
// resource is registered (as the real component validates first).
type vpcPlan struct {
	name                     string
	cidr                     string
	azs                      []string
	nat                      string // OnePerAz, Single or None
	eipAllocs                []string
	dnsHostnames, dnsSupport *bool
	tenancy                  string
	tags                     map[string]string // args.tags
	specs                    []specPlan
	subnets                  []subnetPlan // per zone, public first, then private, then isolated
	endpoints                []map[string]any
}

type specPlan struct {
	name, typ  string
	cidrBlocks []string
	mask       int
	tags       map[string]string
}

type subnetPlan struct {
	name, typ, az, cidr string
	azIndex             int
	tags                map[string]string
}

var typeOrder = map[string]int{"public": 0, "private": 1, "isolated": 2, "unused": 3}

// planVpc follows awsx v2's Vpc: zones, subnet specs (Exact/explicit CIDR blocks are honoured
// exactly; other strategies get an even split of each zone's block, an approximation of
// awsx's allocator), subnet names "<vpc>-<spec>-<n>" and NAT gateways per strategy.
func planVpc(name, region string, in map[string]any) (*vpcPlan, error) {
	p := &vpcPlan{name: name, cidr: "10.0.0.0/16", nat: "OnePerAz", tags: stringMap(in["tags"])}
	if s, ok := in["cidrBlock"].(string); ok && s != "" {
		p.cidr = s
	}
	if b, ok := in["enableDnsHostnames"].(bool); ok {
		p.dnsHostnames = &b
	}
	if b, ok := in["enableDnsSupport"].(bool); ok {
		p.dnsSupport = &b
	}
	p.tenancy, _ = in["instanceTenancy"].(string)
	p.azs = strs(in["availabilityZoneNames"])
	if len(p.azs) == 0 {
		n := 3
		if f, ok := in["numberOfAvailabilityZones"].(float64); ok {
			n = int(f)
		}
		all := zones(region)
		if n > len(all) {
			return nil, fmt.Errorf("awsx:ec2:Vpc %s: numberOfAvailabilityZones %d: the simulated region %s has %d", name, n, region, len(all))
		}
		p.azs = all[:n]
	}
	if ng, ok := in["natGateways"].(map[string]any); ok {
		if s, ok := ng["strategy"].(string); ok && s != "" {
			p.nat = s
		}
		p.eipAllocs = strs(ng["elasticIpAllocationIds"])
	}
	if list, ok := in["vpcEndpointSpecs"].([]any); ok {
		for _, e := range list {
			if m, ok := e.(map[string]any); ok {
				p.endpoints = append(p.endpoints, m)
			}
		}
	}
	strategy, _ := in["subnetStrategy"].(string)
	if err := p.planSpecs(in["subnetSpecs"], strategy); err != nil {
		return nil, fmt.Errorf("awsx:ec2:Vpc %s: %w", name, err)
	}
	return p, nil
}

func (p *vpcPlan) planSpecs(raw any, strategy string) error {
	list, _ := raw.([]any)
	if len(list) == 0 {
		list = []any{map[string]any{"type": "Public"}, map[string]any{"type": "Private"}}
	}
	var errs []error
	for _, e := range list {
		m, _ := e.(map[string]any)
		s := specPlan{typ: fmt.Sprint(m["type"]), cidrBlocks: strs(m["cidrBlocks"]), tags: stringMap(m["tags"])}
		if _, ok := typeOrder[strings.ToLower(s.typ)]; !ok {
			errs = append(errs, fmt.Errorf("subnet spec type %q: want Public, Private, Isolated or Unused", s.typ))
			continue
		}
		s.name, _ = m["name"].(string)
		if s.name == "" {
			s.name = strings.ToLower(s.typ)
		}
		if f, ok := m["cidrMask"].(float64); ok {
			s.mask = int(f)
		}
		if f, ok := m["size"].(float64); ok && s.mask == 0 {
			s.mask = 32 - (bits.Len(uint(f)) - 1)
		}
		if (strategy == "Exact" || len(s.cidrBlocks) > 0) && len(s.cidrBlocks) != len(p.azs) {
			errs = append(errs, fmt.Errorf("subnet spec %s: %d cidrBlocks for %d availability zones", s.name, len(s.cidrBlocks), len(p.azs)))
		}
		p.specs = append(p.specs, s)
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := p.allocate(); err != nil {
		return err
	}
	has := map[string]bool{}
	for _, s := range p.specs {
		has[strings.ToLower(s.typ)] = true
	}
	if has["private"] && !has["public"] && p.nat != "None" {
		return fmt.Errorf("natGateways.strategy %s needs public subnets for the private ones", p.nat)
	}
	return nil
}

// allocate gives every spec a block per zone: its explicit cidrBlocks, else an even split.
func (p *vpcPlan) allocate() error {
	vpc, err := netip.ParsePrefix(p.cidr)
	if err != nil || !vpc.Addr().Is4() {
		return fmt.Errorf("cidrBlock %q: want an IPv4 CIDR block", p.cidr)
	}
	azBits := bits.Len(uint(len(p.azs) - 1))
	specBits := bits.Len(uint(len(p.specs) - 1))
	for si := range p.specs {
		s := &p.specs[si]
		for i, az := range p.azs {
			cidr := ""
			if len(s.cidrBlocks) > 0 {
				cidr = s.cidrBlocks[i]
			} else {
				mask := vpc.Bits() + azBits + specBits
				if s.mask > 0 {
					mask = s.mask
				}
				cidr = nthBlock(vpc, vpc.Bits()+azBits, i, mask, si)
				s.cidrBlocks = append(s.cidrBlocks, cidr)
			}
			if strings.EqualFold(s.typ, "unused") {
				continue
			}
			tags := map[string]string{"Name": p.name}
			for k, v := range p.tags {
				tags[k] = v
			}
			for k, v := range s.tags {
				tags[k] = v
			}
			sub := subnetPlan{name: fmt.Sprintf("%s-%s-%d", p.name, s.name, i+1), typ: s.typ, az: az, cidr: cidr, azIndex: i, tags: tags}
			tags["Name"], tags["SubnetType"] = sub.name, s.typ
			p.subnets = append(p.subnets, sub)
		}
	}
	sort.SliceStable(p.subnets, func(i, j int) bool {
		a, b := p.subnets[i], p.subnets[j]
		if a.azIndex != b.azIndex {
			return a.azIndex < b.azIndex
		}
		return typeOrder[strings.ToLower(a.typ)] < typeOrder[strings.ToLower(b.typ)]
	})
	return nil
}

// nthBlock returns the idx-th block of size mask inside the az-th zone block.
func nthBlock(vpc netip.Prefix, azMask, az, mask, idx int) string {
	base := vpc.Masked().Addr().As4()
	n := uint32(base[0])<<24 | uint32(base[1])<<16 | uint32(base[2])<<8 | uint32(base[3])
	n += uint32(az) << (32 - azMask)
	n += uint32(idx) << (32 - mask)
	a := netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
	return netip.PrefixFrom(a, mask).String()
}

// shouldCreateNat is awsx's rule: one per zone, or a single one, in the public subnets.
func (p *vpcPlan) shouldCreateNat(existing, az int) bool {
	switch p.nat {
	case "OnePerAz":
		return existing < az+1
	case "Single":
		return existing < 1
	}
	return false
}

// sharedTags are {Name: vpc name, ...args.tags}.
func (p *vpcPlan) sharedTags() map[string]string {
	out := map[string]string{"Name": p.name}
	for k, v := range p.tags {
		out[k] = v
	}
	return out
}

// extraTags are {...args.tags, Name: name}.
func (p *vpcPlan) extraTags(name string) map[string]string {
	out := map[string]string{}
	for k, v := range p.tags {
		out[k] = v
	}
	out["Name"] = name
	return out
}
