package cloudsim

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
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
	layout                   []subnetSpecArgs  // the subnetLayout output
	subnets                  []subnetPlan      // per zone, public first, then private, then isolated
	endpoints                []map[string]any
}

type subnetPlan struct {
	name, typ, az, cidr string
	azIndex             int
	tags                map[string]string
}

var typeOrder = map[string]int{"public": 0, "private": 1, "isolated": 2, "unused": 3}

// vpcArgs are awsx ec2.Vpc's arguments as its constructor reads them; the given flags keep
// JavaScript's undefined apart from a zero value where awsx tells them apart.
type vpcArgs struct {
	cidrBlock                        string
	cidrGiven, ipamPoolGiven         bool
	netmaskLengthGiven, azNamesGiven bool
	azNames                          []string
	azCount                          int // numberOfAvailabilityZones; -1 when not given
	azCidrMask                       int // availabilityZoneCidrMask; 0 when not given
	nat                              string
	eips                             []string // "" for an id not known yet
	strategy                         string
	specs                            []subnetSpecArgs
	specsGiven                       bool
}

// subnetSpecArgs is one of subnetSpecs; nil is an argument not given.
type subnetSpecArgs struct {
	typ, name  string
	cidrBlocks []string
	cidrMask   *int
	size       *float64
	tags       map[string]string
}

func readVpcArgs(in resource.PropertyMap) vpcArgs {
	given := func(k string) bool { v, ok := in[resource.PropertyKey(k)]; return ok && !v.IsNull() }
	get := func(k string) any { return plain(in[resource.PropertyKey(k)]) }
	a := vpcArgs{nat: "OnePerAz", strategy: "Legacy", azCount: -1,
		ipamPoolGiven: given("ipv4IpamPoolId"), netmaskLengthGiven: given("ipv4NetmaskLength")}
	a.cidrBlock, a.cidrGiven = get("cidrBlock").(string)
	if l, ok := get("availabilityZoneNames").([]any); ok {
		a.azNames, a.azNamesGiven = strs(l), true
	}
	if f, ok := get("numberOfAvailabilityZones").(float64); ok {
		a.azCount = int(f)
	}
	if f, ok := get("availabilityZoneCidrMask").(float64); ok {
		a.azCidrMask = int(f)
	}
	if ng, ok := get("natGateways").(map[string]any); ok {
		if s, ok := ng["strategy"].(string); ok {
			a.nat = s
		}
		ids, _ := ng["elasticIpAllocationIds"].([]any)
		for _, id := range ids {
			s, _ := id.(string)
			a.eips = append(a.eips, s)
		}
	}
	if s, ok := get("subnetStrategy").(string); ok {
		a.strategy = s
	}
	list, ok := get("subnetSpecs").([]any)
	a.specsGiven = ok
	for _, e := range list {
		m, _ := e.(map[string]any)
		s := subnetSpecArgs{typ: fmt.Sprint(m["type"]), tags: stringMap(m["tags"])}
		s.name, _ = m["name"].(string)
		if l, ok := m["cidrBlocks"].([]any); ok {
			s.cidrBlocks = strs(l)
		}
		if f, ok := m["cidrMask"].(float64); ok {
			n := int(f)
			s.cidrMask = &n
		}
		if f, ok := m["size"].(float64); ok {
			s.size = &f
		}
		a.specs = append(a.specs, s)
	}
	return a
}

// vpcDecision is how far awsx's Vpc constructor gets with its arguments: the VPC's block, the
// zones, the normalized subnet specs and the allocated subnets (awsx's subnetSpecs, in its
// order, Unused ones included), or what stopped a step. rules_awsx.go judges it.
type vpcDecision struct {
	name      string
	args      vpcArgs
	cidr      string // decideCidrBlockVpcInput; "" when an IPAM pool allocates it
	azs       []string
	azsErr    string
	norm      []subnetSpecArgs
	explicit  bool
	issues    []specIssue
	subnets   []subnetPlan
	allocated bool
	allocErr  string
}

func decideVpc(name, region string, in resource.PropertyMap) *vpcDecision {
	d := &vpcDecision{name: name, args: readVpcArgs(in)}
	a := d.args
	switch {
	case a.cidrGiven:
		d.cidr = a.cidrBlock
	case !a.ipamPoolGiven:
		d.cidr = "10.0.0.0/16"
	}
	if a.azNamesGiven {
		d.azs = a.azNames
	} else {
		n := 3
		if a.azCount >= 0 {
			n = a.azCount
		}
		if all := zones(region); len(all) >= n {
			d.azs = all[:n]
		} else {
			d.azsErr = fmt.Sprintf("The configured region for this provider does not have at least %d Availability Zones. Either specify an explicit list of zones in availabilityZoneNames or choose a region with at least %d AZs.", n, n)
			return d
		}
	}
	if d.norm, d.explicit, d.issues = normalizeSubnetSpecs(a.specs, a.specsGiven, len(d.azs)); len(d.issues) > 0 {
		return d
	}
	var err error
	switch pickSubnetAllocator(a.specsGiven, d.explicit, a.strategy) {
	case "Explicit":
		d.subnets = allocateExplicit(name, d.azs, d.norm)
	case "New":
		if d.cidr == "" {
			return d // awsx allocates once the VPC has its block from the pool
		}
		d.subnets, err = allocateNew(name, d.cidr, d.azs, d.norm, a.specsGiven, a.azCidrMask)
	default:
		if d.cidr == "" {
			d.allocErr = `Dynamically allocated cidrBlock ranges are not supported with subnetStrategy="Legacy". "Try using subnetStrategy="Auto"`
			return d
		}
		d.subnets, err = allocateLegacy(name, d.cidr, d.azs, d.norm, a.specsGiven)
	}
	if err != nil {
		d.allocErr = err.Error()
		return d
	}
	d.allocated = true
	return d
}

// failure is the first step that stopped the decision (judge has refused it already).
func (d *vpcDecision) failure() string {
	switch {
	case d.azsErr != "":
		return d.azsErr
	case len(d.issues) > 0:
		return issuesMessage(d.issues)
	}
	return d.allocErr
}

// planVpc follows awsx v2.22.0's Vpc: it decides zones and subnets as awsx does (decideVpc)
// and names NAT gateways per strategy. The construct's inputs have passed the awsx rules
// (rules_awsx.go) first; what they cannot catch is reported here as the simulator's own error.
func planVpc(name, region string, raw resource.PropertyMap) (*vpcPlan, error) {
	d := decideVpc(name, region, raw)
	if msg := d.failure(); msg != "" {
		return nil, fmt.Errorf("awsx:ec2:Vpc %s: %s", name, msg)
	}
	if !d.allocated {
		return nil, fmt.Errorf("cloudsim: awsx:ec2:Vpc %s: a VPC block allocated from an IPAM pool is not simulated: give cidrBlock", name)
	}
	in := plainMap(raw)
	p := &vpcPlan{name: name, cidr: d.cidr, azs: d.azs, tags: stringMap(in["tags"])}
	for _, id := range d.args.eips {
		if id != "" { // an id not known yet (in a preview) is left out
			p.eipAllocs = append(p.eipAllocs, id)
		}
	}
	switch strings.ToLower(d.args.nat) {
	case "single":
		p.nat = "Single"
	case "none":
		p.nat = "None"
	default:
		p.nat = "OnePerAz"
	}
	if b, ok := in["enableDnsHostnames"].(bool); ok {
		p.dnsHostnames = &b
	}
	if b, ok := in["enableDnsSupport"].(bool); ok {
		p.dnsSupport = &b
	}
	p.tenancy, _ = in["instanceTenancy"].(string)
	if list, ok := in["vpcEndpointSpecs"].([]any); ok {
		for _, e := range list {
			if m, ok := e.(map[string]any); ok {
				p.endpoints = append(p.endpoints, m)
			}
		}
	}
	if err := p.placeSubnets(d); err != nil {
		return nil, fmt.Errorf("cloudsim: awsx:ec2:Vpc %s: %w", name, err)
	}
	return p, nil
}

// placeSubnets takes awsx's subnet specs (Unused ones are not created), tags them as awsx
// does and orders them as it creates them: zone by zone, public, private, isolated.
func (p *vpcPlan) placeSubnets(d *vpcDecision) error {
	for _, s := range d.subnets {
		if _, ok := typeOrder[strings.ToLower(s.typ)]; !ok {
			return fmt.Errorf("subnet %s: type %q: want Public, Private, Isolated or Unused", s.name, s.typ)
		}
		if _, err := netip.ParsePrefix(s.cidr); err != nil {
			return fmt.Errorf("subnet %s: cidrBlock %q is not a CIDR block", s.name, s.cidr)
		}
		if strings.EqualFold(s.typ, "unused") {
			continue
		}
		tags := p.sharedTags()
		for k, v := range s.tags {
			tags[k] = v
		}
		tags["Name"], tags["SubnetType"] = s.name, s.typ
		s.tags = tags
		p.subnets = append(p.subnets, s)
	}
	sort.SliceStable(p.subnets, func(i, j int) bool {
		a, b := p.subnets[i], p.subnets[j]
		if a.azIndex != b.azIndex {
			return a.azIndex < b.azIndex
		}
		return typeOrder[strings.ToLower(a.typ)] < typeOrder[strings.ToLower(b.typ)]
	})
	p.layout = d.norm
	if !d.args.specsGiven || d.args.strategy == "Legacy" {
		p.layout = layoutOf(p.name, d.subnets, len(d.azs))
	}
	return nil
}

// layoutOf describes a layout awsx allocated itself by its first zone's subnets, as awsx's
// extractSubnetSpecInputFromLegacyLayout does (it also lists the gaps between them as Unused
// specs; the simulation leaves those out).
func layoutOf(vpc string, subnets []subnetPlan, zones int) []subnetSpecArgs {
	if zones == 0 {
		return nil
	}
	var out []subnetSpecArgs
	for _, s := range subnets[:len(subnets)/zones] {
		spec := subnetSpecArgs{typ: s.typ, tags: s.tags}
		if b, err := parseBlock(s.cidr); err == nil {
			spec.cidrMask = &b.bits
		}
		name := strings.Replace(s.name, vpc+"-", "", 1)
		if i := strings.LastIndex(name, "-"); i >= 0 {
			name = name[:i]
		}
		if name != strings.ToLower(s.typ) {
			spec.name = name
		}
		out = append(out, spec)
	}
	return out
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

// block is an IPv4 CIDR block as awsx's libraries see it: the address as written (ip-address
// keeps host bits; netmask masks them off in base) and the prefix length.
type block struct {
	ip   uint32
	bits int
}

func parseBlock(s string) (block, error) {
	addr, mask, found := strings.Cut(s, "/")
	b := block{bits: 32}
	if found {
		if _, err := fmt.Sscanf(mask, "%d", &b.bits); err != nil || b.bits < 0 || b.bits > 32 || fmt.Sprint(b.bits) != mask {
			return block{}, fmt.Errorf("Invalid mask for ip4: %s", mask)
		}
	}
	a, err := netip.ParseAddr(addr)
	if err != nil || !a.Is4() {
		return block{}, fmt.Errorf("Invalid net address: %s", addr)
	}
	v := a.As4()
	b.ip = uint32(v[0])<<24 | uint32(v[1])<<16 | uint32(v[2])<<8 | uint32(v[3])
	return b, nil
}

func (b block) size() uint64   { return uint64(1) << uint(32-b.bits) }
func (b block) base() uint32   { return uint32(uint64(b.ip) &^ (b.size() - 1)) }
func (b block) end() uint32    { return uint32(uint64(b.base()) + b.size() - 1) }
func (b block) next() block    { return block{ip: uint32(uint64(b.base()) + b.size()), bits: b.bits} }
func (b block) String() string { return ipText(b.base()) + "/" + fmt.Sprint(b.bits) } // netmask's toString
func (b block) text() string   { return ipText(b.ip) + "/" + fmt.Sprint(b.bits) }     // ip-address's address

// last is netmask's last: the last usable address (before the broadcast) up to a /30.
func (b block) last() uint32 {
	if b.bits <= 30 {
		return b.end() - 1
	}
	return b.end()
}

// subnet is the legacy distributor's cidrSubnetV4: the netNum-th block newBits longer,
// counted from the address as written.
func (b block) subnet(newBits, netNum int) (block, error) {
	mask := b.bits + newBits
	if mask > 32 {
		return block{}, fmt.Errorf("Requested %d new bits, but only %d are available.", newBits, 32-b.bits)
	}
	return block{ip: uint32(uint64(b.ip) + (uint64(1)<<uint(32-mask))*uint64(netNum)), bits: mask}, nil
}

func ipText(ip uint32) string {
	return netip.AddrFrom4([4]byte{byte(ip >> 24), byte(ip >> 16), byte(ip >> 8), byte(ip)}).String()
}

// newBits is the prefix bits that split a block into count parts: ceil(log2(count)).
func newBits(count int) int {
	n := 0
	for 1<<n < count {
		n++
	}
	return n
}

func subnetName(vpc string, s subnetSpecArgs, az int) string {
	name := s.name
	if name == "" {
		name = strings.ToLower(s.typ)
	}
	return fmt.Sprintf("%s-%s-%d", vpc, name, az)
}

// pickSubnetAllocator is awsx's choice of distributor: explicit cidrBlocks are honoured under
// every strategy but Legacy (and Legacy is the default), which ignores them.
func pickSubnetAllocator(specsGiven, explicit bool, strategy string) string {
	switch {
	case !specsGiven && strategy == "Auto":
		return "New"
	case !specsGiven, strategy == "Legacy":
		return "Legacy"
	case explicit:
		return "Explicit"
	}
	return "New"
}

// allocateExplicit is awsx's getSubnetSpecsExplicit: zone by zone, each spec's block for the
// zone, exactly as given.
func allocateExplicit(vpc string, azs []string, specs []subnetSpecArgs) []subnetPlan {
	var out []subnetPlan
	for i, az := range azs {
		for _, s := range specs {
			out = append(out, subnetPlan{name: subnetName(vpc, s, i+1), typ: s.typ, az: az, cidr: s.cidrBlocks[i], azIndex: i, tags: s.tags})
		}
	}
	return out
}

// allocateNew is awsx's getSubnetSpecs (the Auto strategy without cidrBlocks): the VPC split
// into equal zone blocks, each filled from its start with the specs in order, each block
// placed after the previous one.
func allocateNew(vpc, cidr string, azs []string, specs []subnetSpecArgs, given bool, azCidrMask int) ([]subnetPlan, error) {
	v, err := parseBlock(cidr)
	if err != nil {
		return nil, err
	}
	azBits := v.bits + newBits(len(azs))
	if azCidrMask != 0 {
		azBits = azCidrMask
	}
	if !given {
		if azBits > 26 {
			return nil, fmt.Errorf("Automatic subnet creation requires a VPC with at least /26 available per AZ, but only /%d is available.If you do need very small subnets, please specify them explicitly.", azBits)
		}
		top := max(azBits, 16)
		private, public := top+1, top+2
		specs = []subnetSpecArgs{{typ: "Private", cidrMask: &private}, {typ: "Public", cidrMask: &public}}
	}
	if len(specs) == 0 {
		return nil, fmt.Errorf("No subnets specified")
	}
	maskOf := func(s subnetSpecArgs) int {
		if s.cidrMask != nil {
			return *s.cidrMask
		}
		return azBits + newBits(len(specs))
	}
	var total uint64
	for _, s := range specs {
		if m := maskOf(s); m < 0 || m > 32 {
			return nil, fmt.Errorf("Invalid mask for ip4: %d", m)
		}
		total += block{bits: maskOf(s)}.size()
	}
	if azSize := (block{bits: azBits}).size(); total > azSize {
		return nil, fmt.Errorf("Subnets are too large for VPC. VPC has %d addresses, but subnets require %d addresses.", azSize, total)
	}
	var out []subnetPlan
	zone := block{ip: v.base(), bits: azBits}
	for i, az := range azs {
		var cur block
		for j, s := range specs {
			if j == 0 {
				cur = block{ip: zone.base(), bits: maskOf(s)}
			} else { // the block of the new size holding the previous one's last address, then the next
				cur = block{ip: cur.last(), bits: maskOf(s)}.next()
			}
			out = append(out, subnetPlan{name: subnetName(vpc, s, i+1), typ: s.typ, az: az, cidr: cur.String(), azIndex: i, tags: s.tags})
		}
		zone = zone.next()
	}
	return out, nil
}

// allocateLegacy is awsx's getSubnetSpecsLegacy (the default strategy): the VPC split into a
// power-of-two number of zone blocks; in each, private subnets (/19 by default), then public
// (/20), then isolated (/24), each type starting after the last subnet of the types before
// and moved past any overlap. It ignores cidrBlocks and drops Unused specs.
func allocateLegacy(vpc, cidr string, azs []string, specs []subnetSpecArgs, given bool) ([]subnetPlan, error) {
	v, err := parseBlock(cidr)
	if err != nil {
		return nil, err
	}
	bases := make([]block, len(azs))
	for i := range azs {
		if bases[i], err = v.subnet(newBits(len(azs)), i); err != nil {
			return nil, err
		}
	}
	if len(azs) == 0 {
		return nil, nil
	}
	if !given {
		return legacyDefault(vpc, azs, bases)
	}
	perSubnet := 1
	if len(specs) == 1 {
		perSubnet = 0
	}
	var out []subnetPlan
	for i, az := range azs {
		cur := block{ip: bases[i].base() - 1, bits: 32}
		var prev *block // the last subnet of the types placed before
		for t, typ := range []string{"Private", "Public", "Isolated"} {
			split, ref := bases[i], bases[0].bits
			if prev != nil {
				if split, err = prev.subnet(0, 1); err != nil {
					return nil, err
				}
				ref = prev.bits
			}
			j := 0
			for _, s := range specs {
				if !strings.EqualFold(s.typ, typ) {
					continue
				}
				mask := max(bases[0].bits+perSubnet, []int{19, 20, 24}[t])
				if s.cidrMask != nil {
					mask = *s.cidrMask
				}
				next, err := split.subnet(mask-ref, j)
				if err != nil {
					return nil, err
				}
				if cur.base() <= next.end() && next.base() <= cur.end() { // overlaps: the block after
					next = block{ip: block{ip: cur.end(), bits: mask}.end() + 1, bits: mask}
				}
				name := s.name
				if name == "" {
					name = strings.ToLower(typ)
				}
				out = append(out, subnetPlan{name: fmt.Sprintf("%s-%s-%d", vpc, name, i+1), typ: typ, az: az,
					cidr: next.text(), azIndex: i, tags: s.tags})
				cur, j = next, j+1
				placed := next
				prev = &placed
			}
		}
	}
	return out, nil
}

// legacyDefault is the legacy layout without specs: per zone a private half, then a public
// quarter after it; every zone's private subnet first.
func legacyDefault(vpc string, azs []string, bases []block) ([]subnetPlan, error) {
	var private, public []subnetPlan
	for i, az := range azs {
		priv, err := bases[i].subnet(1, 0)
		if err != nil {
			return nil, err
		}
		after, err := priv.subnet(0, 1)
		if err != nil {
			return nil, err
		}
		pub, err := after.subnet(1, 0)
		if err != nil {
			return nil, err
		}
		private = append(private, subnetPlan{name: fmt.Sprintf("%s-private-%d", vpc, i+1), typ: "Private", az: az, cidr: priv.text(), azIndex: i})
		public = append(public, subnetPlan{name: fmt.Sprintf("%s-public-%d", vpc, i+1), typ: "Public", az: az, cidr: pub.text(), azIndex: i})
	}
	return append(private, public...), nil
}
