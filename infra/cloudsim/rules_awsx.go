package cloudsim

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

const awsxVpc = "awsx:ec2:Vpc"

// The awsx rules, registered in the order awsx's Vpc constructor throws, so the first refusal
// judge returns is the error awsx would have thrown.
const (
	ruleSubnetSize    = "awsx.vpc-subnet-size"
	ruleExplicitAll   = "awsx.vpc-cidr-blocks-all-specs"
	ruleBlocksPerZone = "awsx.vpc-cidr-blocks-per-zone"
	ruleMaskAgrees    = "awsx.vpc-subnet-mask-agrees"
)

func init() {
	vpcRule := func(id, summary, source string, check func(d *vpcDecision) string) {
		register(Rule{ID: id, Service: "awsx", Operation: "ec2.Vpc", Summary: summary,
			Source: "pulumi-awsx v2.22.0 awsx/ec2/" + source, Types: []string{awsxVpc}, Phases: []Phase{OnCheck},
			Check: func(c *RuleCall) string { return check(decideVpc(c.Obj.Name, c.Obj.Region, c.Obj.In)) }})
	}
	issues := func(id string) func(d *vpcDecision) string {
		return func(d *vpcDecision) string {
			for _, is := range d.issues {
				if is.rule == id {
					return issuesMessage(d.issues)
				}
			}
			return ""
		}
	}
	vpcRule("awsx.vpc-ipam-cidr", "an IPAM pool with both or neither of cidrBlock and ipv4NetmaskLength",
		"vpc.ts (validateVpcArgs)", validateVpcArgs)
	vpcRule("awsx.vpc-zones-one-way", "both availabilityZoneNames and numberOfAvailabilityZones",
		"vpc.ts (initialize)", func(d *vpcDecision) string {
			if d.args.azNamesGiven && d.args.azCount != 0 && d.args.azCount != -1 {
				return "Only one of [availabilityZoneNames] and [numberOfAvailabilityZones] can be specified"
			}
			return ""
		})
	vpcRule("awsx.vpc-zones-available", "more availability zones (numberOfAvailabilityZones, default 3) than the region has",
		"vpc.ts (getDefaultAzs)", func(d *vpcDecision) string { return d.azsErr })
	vpcRule("awsx.vpc-nat-strategy", "a NAT gateway strategy other than OnePerAz, Single or None",
		"vpc.ts (validateEips)", func(d *vpcDecision) string {
			switch strings.ToLower(d.args.nat) {
			case "none", "single", "oneperaz":
				return ""
			}
			return fmt.Sprintf("Unknown NatGatewayStrategy '%s'", d.args.nat)
		})
	vpcRule("awsx.vpc-nat-eips", "Elastic IP allocations that do not match the NAT gateway strategy (none; at most one; one per zone)",
		"vpc.ts (validateEips)", validateEips)
	vpcRule(ruleSubnetSize, "a subnet spec size that is not a power of two from 4 to 2^32",
		"subnetDistributorNew.ts (validateAndNormalizeSubnetInputs)", issues(ruleSubnetSize))
	vpcRule(ruleExplicitAll, "cidrBlocks on some subnet specs but not all",
		"subnetDistributorNew.ts (validateAndNormalizeSubnetInputs)", issues(ruleExplicitAll))
	vpcRule(ruleBlocksPerZone, "a subnet spec whose cidrBlocks are not one per availability zone",
		"subnetDistributorNew.ts (validateAndNormalizeSubnetInputs)", issues(ruleBlocksPerZone))
	vpcRule(ruleMaskAgrees, "a subnet spec whose cidrMask or size disagrees with its cidrBlocks or with each other",
		"subnetDistributorNew.ts (validateAndNormalizeSubnetInputs)", issues(ruleMaskAgrees))
	vpcRule("awsx.vpc-subnet-allocation", "subnets awsx cannot allocate: larger than a zone's block, none, or a zone block too small for the defaults",
		"subnetDistributorNew.ts (allocateSubnetCidrBlocks), subnetDistributorLegacy.ts (cidrSubnetV4)",
		func(d *vpcDecision) string { return d.allocErr })
	vpcRule("awsx.vpc-subnets-overlap", "subnets whose CIDR blocks overlap",
		"vpc.ts (validateSubnets, getOverlappingSubnets)", overlappingSubnets)
	vpcRule("awsx.vpc-exact-no-gaps", "under subnetStrategy Exact, subnets (zone by zone, spec by spec) that leave a gap in the VPC's block",
		"vpc.ts (validateNoGaps)", validateNoGaps)
	vpcRule("awsx.vpc-nat-needs-public", "NAT gateways (OnePerAz or Single) without both public and private subnets",
		"vpc.ts (validateNatGatewayStrategy)", validateNatGatewayStrategy)
}

// CheckComponent applies the rules awsx enforces when it constructs a component (only
// awsx:ec2:Vpc has any) to the component's inputs, as the simulated awsx provider does in
// previews, and returns awsx's refusal, or nil. Unit tests hold a program's component inputs
// to the same model of awsx as the simulated cloud.
func CheckComponent(typ, name, region string, inputs resource.PropertyMap) error {
	if !strings.HasPrefix(typ, "awsx:") {
		return fmt.Errorf("cloudsim: CheckComponent checks awsx components, not %s", typ)
	}
	obj := &object{Type: typ, Name: name, Region: region, In: inputs}
	return judge(&RuleCall{Phase: OnCheck, Obj: obj})
}

// validateVpcArgs: with an IPAM pool the VPC's block is cidrBlock or a block of
// ipv4NetmaskLength from the pool, one of the two.
func validateVpcArgs(d *vpcDecision) string {
	a := d.args
	switch {
	case !a.ipamPoolGiven:
		return ""
	case a.cidrGiven && a.netmaskLengthGiven:
		return "Only one of 'cidrBlock', 'ipv4NetmaskLength' is allowed."
	case !a.cidrGiven && !a.netmaskLengthGiven:
		return "If 'ipv4IpamPoolId' is specified, 'ipv4NetmaskLength' or 'cidrBlock' must also be specified."
	}
	return ""
}

// validateEips: given allocations must match the strategy exactly, so no zone's traffic leaves
// from an address nobody allowlisted.
func validateEips(d *vpcDecision) string {
	if d.azsErr != "" {
		return ""
	}
	n, s := len(d.args.eips), d.args.nat
	switch strings.ToLower(s) {
	case "none":
		if n > 0 {
			return fmt.Sprintf("Elastic IP allocation IDs cannot be specified when NAT Gateway strategy is '%s'.", s)
		}
	case "single":
		if n > 1 {
			return fmt.Sprintf("Exactly one Elastic IP may be specified when NAT Gateway strategy is '%s'.", s)
		}
	case "oneperaz":
		if n > 0 && n != len(d.azs) {
			return fmt.Sprintf("The number of Elastic IPs, if specified, must match the number of availability zones for the VPC (%d) when NAT Gateway strategy is '%s'", len(d.azs), s)
		}
	}
	return ""
}

// specIssue is one problem validateAndNormalizeSubnetInputs lists, with the rule it breaks.
type specIssue struct{ rule, msg string }

// issuesMessage is the one error awsx throws for every issue found.
func issuesMessage(issues []specIssue) string {
	msgs := make([]string, len(issues))
	for i, is := range issues {
		msgs[i] = is.msg
	}
	return "Invalid subnet specifications:\n - " + strings.Join(msgs, "\n - ")
}

// normalizeSubnetSpecs is awsx's validateAndNormalizeSubnetInputs: a layout is explicit when
// any spec has cidrBlocks, and then every spec needs one per zone agreeing with its cidrMask
// and size; otherwise cidrMask and size are resolved from each other.
func normalizeSubnetSpecs(specs []subnetSpecArgs, given bool, zones int) ([]subnetSpecArgs, bool, []specIssue) {
	if !given {
		return nil, false, nil
	}
	var issues []specIssue
	add := func(rule, format string, args ...any) {
		issues = append(issues, specIssue{rule, fmt.Sprintf(format, args...)})
	}
	var invalid []string
	explicit := false
	for _, s := range specs {
		if s.size != nil && sizeMask(*s.size) < 0 {
			invalid = append(invalid, jsNumber(*s.size))
		}
		explicit = explicit || s.cidrBlocks != nil
	}
	if len(invalid) > 0 {
		valid := make([]string, 31)
		for m := range valid {
			valid[m] = jsNumber(float64(block{bits: m}.size()))
		}
		add(ruleSubnetSize, "The following subnet sizes are invalid: %s. Valid sizes are: %s.", strings.Join(invalid, ", "), strings.Join(valid, ", "))
	}
	var out []subnetSpecArgs
	for i, s := range specs {
		if !explicit {
			if s.cidrMask == nil && s.size != nil && *s.size != 0 {
				m := sizeMask(*s.size)
				s.cidrMask = &m
			}
			var expected *float64
			if s.cidrMask != nil && *s.cidrMask > 0 && *s.cidrMask <= 30 {
				e := float64(block{bits: *s.cidrMask}.size())
				expected = &e
			}
			if s.size != nil && expected != nil && *expected != *s.size {
				add(ruleMaskAgrees, "Subnet size %s does not match the expected size for a /%d subnet (%s).", jsNumber(*s.size), *s.cidrMask, jsNumber(*expected))
			}
			s.size = expected
			out = append(out, s)
			continue
		}
		if s.cidrBlocks == nil {
			add(ruleExplicitAll, "If any subnet spec has explicit cidrBlocks, all subnets must have explicit cidrBlocks.")
			continue
		}
		if len(s.cidrBlocks) != zones {
			add(ruleBlocksPerZone, "The number of CIDR blocks in subnetSpecs[%d] must match the number of availability zones (%d).", i, zones)
			continue
		}
		maskOK, sizeOK := true, true
		for _, c := range s.cidrBlocks {
			b, err := parseBlock(c)
			maskOK = maskOK && (s.cidrMask == nil || err == nil && b.bits == *s.cidrMask)
			sizeOK = sizeOK && (s.size == nil || err == nil && float64(b.size()) == *s.size)
		}
		switch {
		case !maskOK:
			add(ruleMaskAgrees, "The cidrMask in subnetSpecs[%d] must match all cidrBlocks or be left undefined.", i)
		case !sizeOK:
			add(ruleMaskAgrees, "The size in subnetSpecs[%d] must match all cidrBlocks or be left undefined.", i)
		default:
			out = append(out, s)
		}
	}
	return out, explicit, issues
}

// sizeMask is the prefix length of a valid subnet size (4 to 2^32 addresses), or -1.
func sizeMask(size float64) int {
	for m := 0; m <= 30; m++ {
		if float64(block{bits: m}.size()) == size {
			return m
		}
	}
	return -1
}

// jsNumber prints a number as JavaScript does.
func jsNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// overlappingSubnets is awsx's validateSubnets: every spec (Unused ones too) that overlaps
// another is listed.
func overlappingSubnets(d *vpcDecision) string {
	var list []string
	for i, x := range d.subnets {
		bx, errX := parseBlock(x.cidr)
		for j, y := range d.subnets {
			by, errY := parseBlock(y.cidr)
			if i != j && errX == nil && errY == nil && bx.base() <= by.end() && by.base() <= bx.end() {
				list = append(list, fmt.Sprintf("%d. %s: %s\n", len(list)+1, x.name, x.cidr))
				break
			}
		}
	}
	if len(list) == 0 {
		return ""
	}
	return "The following subnets overlap with at least one other subnet. Make the CIDR for the VPC larger, reduce the size of the subnets per AZ, or use less Availability Zones:\n\n" + strings.Join(list, "")
}

// validateNoGaps: under Exact (and a VPC block known before creation), the subnets in awsx's
// order, zone by zone and within a zone spec by spec, must tile the VPC's block from its first
// address to its last. A layout by tier (every zone's public block before any private one)
// can therefore never pass, whatever Unused specs fill it.
func validateNoGaps(d *vpcDecision) string {
	if d.args.strategy != "Exact" || d.cidr == "" || !d.allocated {
		return ""
	}
	vpc, err := parseBlock(d.cidr)
	if err != nil {
		return ""
	}
	if len(d.subnets) == 0 {
		return "Cannot read properties of undefined (reading 'cidrBlock')"
	}
	var gaps []string
	var prev block
	for i, s := range d.subnets {
		cur, err := parseBlock(s.cidr)
		if err != nil {
			return ""
		}
		switch {
		case i == 0 && cur.base() != vpc.base():
			gaps = append(gaps, fmt.Sprintf("%s (%s) does not start at the beginning of the VPC (%s)", s.name, s.cidr, d.cidr))
		case i > 0 && prev.next().base() != cur.base():
			p := d.subnets[i-1]
			gaps = append(gaps, fmt.Sprintf("%s (%s) <=> %s (%s)", p.name, p.cidr, s.name, s.cidr))
		}
		prev = cur
	}
	if prev.last() != vpc.last() {
		last := d.subnets[len(d.subnets)-1]
		// awsx's message has a stray closing brace after the VPC's last address.
		gaps = append(gaps, fmt.Sprintf("%s (ending %s) ends before VPC ends (at %s})", last.name, ipText(prev.last()), ipText(vpc.last())))
	}
	if len(gaps) == 0 {
		return ""
	}
	return "There are gaps in the subnet ranges. Please fix the following gaps: " + strings.Join(gaps, ", ")
}

// validateNatGatewayStrategy: a NAT gateway lives in a public subnet and serves private ones.
func validateNatGatewayStrategy(d *vpcDecision) string {
	if !d.allocated {
		return ""
	}
	switch strings.ToLower(d.args.nat) {
	case "oneperaz", "single":
		has := map[string]bool{}
		for _, s := range d.subnets {
			has[strings.ToLower(s.typ)] = true
		}
		if !has["public"] || !has["private"] {
			return "If NAT Gateway strategy is 'OnePerAz' or 'Single', both private and public subnets must be declared. The private subnet creates the need for a NAT Gateway, and the public subnet is required to host the NAT Gateway resource."
		}
	}
	return ""
}
