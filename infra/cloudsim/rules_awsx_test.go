package cloudsim

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// networkVpc is the network component's awsx Vpc arguments (three tiers in three zones, blocks
// given, a NAT gateway per zone) under Auto, changed by the given edits.
func networkVpc(edits ...func(in map[string]any)) map[string]any {
	in := map[string]any{
		"cidrBlock":             "10.0.0.0/16",
		"availabilityZoneNames": []any{"ca-central-1a", "ca-central-1b", "ca-central-1d"},
		"subnetStrategy":        "Auto",
		"subnetSpecs": []any{
			spec("public", "Public", "10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"),
			spec("private", "Private", "10.0.8.0/24", "10.0.9.0/24", "10.0.10.0/24"),
			spec("k8s", "Private", "10.0.32.0/19", "10.0.64.0/19", "10.0.96.0/19"),
		},
		"natGateways": map[string]any{"strategy": "OnePerAz"},
	}
	for _, e := range edits {
		e(in)
	}
	return in
}

// spec is a subnet spec; without blocks it has no cidrBlocks.
func spec(name, typ string, blocks ...string) map[string]any {
	s := map[string]any{"name": name, "type": typ}
	if len(blocks) > 0 {
		list := make([]any, len(blocks))
		for i, b := range blocks {
			list[i] = b
		}
		s["cidrBlocks"] = list
	}
	return s
}

func set(key string, v any) func(map[string]any) { return func(in map[string]any) { in[key] = v } }

func specs(s ...map[string]any) func(map[string]any) {
	list := make([]any, len(s))
	for i, x := range s {
		list[i] = x
	}
	return set("subnetSpecs", list)
}

func nat(strategy string, eips ...any) func(map[string]any) {
	ng := map[string]any{"strategy": strategy}
	if len(eips) > 0 {
		ng["elasticIpAllocationIds"] = eips
	}
	return set("natGateways", ng)
}

func with(s map[string]any, key string, v any) map[string]any { s[key] = v; return s }

const exactNetworkGaps = "There are gaps in the subnet ranges. Please fix the following gaps: " +
	"subject-public-1 (10.0.0.0/24) <=> subject-private-1 (10.0.8.0/24), " +
	"subject-private-1 (10.0.8.0/24) <=> subject-k8s-1 (10.0.32.0/19), " +
	"subject-k8s-1 (10.0.32.0/19) <=> subject-public-2 (10.0.1.0/24), "

// twoZonesTiled is an Exact layout that tiles its VPC zone by zone: public, private, public, private.
var twoZonesTiled = networkVpc(set("subnetStrategy", "Exact"), set("availabilityZoneNames", []any{"ca-central-1a", "ca-central-1b"}),
	specs(spec("public", "Public", "10.0.0.0/18", "10.0.128.0/18"), spec("private", "Private", "10.0.64.0/18", "10.0.192.0/18")))

var _ = addRuleCases(
	ruleCase{Rule: "awsx.vpc-ipam-cidr", Name: "pool with a block", Inputs: map[string]any{"ipv4IpamPoolId": "ipam-pool-1", "cidrBlock": "10.0.0.0/16"}},
	ruleCase{Rule: "awsx.vpc-ipam-cidr", Name: "pool alone", Refused: true, Inputs: map[string]any{"ipv4IpamPoolId": "ipam-pool-1"},
		Contains: "If 'ipv4IpamPoolId' is specified, 'ipv4NetmaskLength' or 'cidrBlock' must also be specified."},
	ruleCase{Rule: "awsx.vpc-ipam-cidr", Name: "pool with block and length", Refused: true,
		Inputs:   map[string]any{"ipv4IpamPoolId": "ipam-pool-1", "cidrBlock": "10.0.0.0/16", "ipv4NetmaskLength": 16},
		Contains: "Only one of 'cidrBlock', 'ipv4NetmaskLength' is allowed."},

	ruleCase{Rule: "awsx.vpc-zones-one-way", Name: "names only", Inputs: networkVpc()},
	ruleCase{Rule: "awsx.vpc-zones-one-way", Name: "names and a count", Refused: true, Inputs: networkVpc(set("numberOfAvailabilityZones", 3)),
		Contains: "Only one of [availabilityZoneNames] and [numberOfAvailabilityZones] can be specified"},

	ruleCase{Rule: "awsx.vpc-zones-available", Name: "the region's three", Inputs: map[string]any{"numberOfAvailabilityZones": 3}},
	ruleCase{Rule: "awsx.vpc-zones-available", Name: "four in a region of three", Refused: true, Inputs: map[string]any{"numberOfAvailabilityZones": 4},
		Contains: "The configured region for this provider does not have at least 4 Availability Zones. Either specify an explicit list of zones in availabilityZoneNames or choose a region with at least 4 AZs."},

	ruleCase{Rule: "awsx.vpc-nat-strategy", Name: "any case", Inputs: networkVpc(nat("single"))},
	ruleCase{Rule: "awsx.vpc-nat-strategy", Name: "unknown", Refused: true, Inputs: networkVpc(nat("Sometimes")),
		Contains: "Unknown NatGatewayStrategy 'Sometimes'"},

	ruleCase{Rule: "awsx.vpc-nat-eips", Name: "one per zone", Inputs: networkVpc(nat("OnePerAz", "eipalloc-1", "eipalloc-2", "eipalloc-3"))},
	ruleCase{Rule: "awsx.vpc-nat-eips", Name: "one for a single gateway", Inputs: networkVpc(nat("Single", "eipalloc-1"))},
	ruleCase{Rule: "awsx.vpc-nat-eips", Name: "addresses without gateways", Refused: true, Inputs: networkVpc(nat("None", "eipalloc-1")),
		Contains: "Elastic IP allocation IDs cannot be specified when NAT Gateway strategy is 'None'."},
	ruleCase{Rule: "awsx.vpc-nat-eips", Name: "two for a single gateway", Refused: true, Inputs: networkVpc(nat("Single", "eipalloc-1", "eipalloc-2")),
		Contains: "Exactly one Elastic IP may be specified when NAT Gateway strategy is 'Single'."},
	ruleCase{Rule: "awsx.vpc-nat-eips", Name: "two for three zones", Refused: true, Inputs: networkVpc(nat("OnePerAz", "eipalloc-1", "eipalloc-2")),
		Contains: "The number of Elastic IPs, if specified, must match the number of availability zones for the VPC (3) when NAT Gateway strategy is 'OnePerAz'"},

	ruleCase{Rule: ruleSubnetSize, Name: "a power of two", Inputs: networkVpc(specs(with(spec("a", "Private"), "size", 256), spec("b", "Public")))},
	ruleCase{Rule: ruleSubnetSize, Name: "not a power of two", Refused: true, Inputs: networkVpc(specs(with(spec("a", "Private"), "size", 100), spec("b", "Public"))),
		Contains: "Invalid subnet specifications:\n - The following subnet sizes are invalid: 100. Valid sizes are: 4294967296, 2147483648, 1073741824,"},

	ruleCase{Rule: ruleExplicitAll, Name: "every spec has blocks", Inputs: networkVpc()},
	ruleCase{Rule: ruleExplicitAll, Name: "k8s without blocks", Refused: true,
		Inputs:   networkVpc(specs(spec("public", "Public", "10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"), spec("k8s", "Private"))),
		Contains: "Invalid subnet specifications:\n - If any subnet spec has explicit cidrBlocks, all subnets must have explicit cidrBlocks."},

	ruleCase{Rule: ruleBlocksPerZone, Name: "one per zone", Inputs: networkVpc()},
	ruleCase{Rule: ruleBlocksPerZone, Name: "three blocks for two zones", Refused: true,
		Inputs:   networkVpc(set("availabilityZoneNames", []any{"ca-central-1a", "ca-central-1b"})),
		Contains: "Invalid subnet specifications:\n - The number of CIDR blocks in subnetSpecs[0] must match the number of availability zones (2).\n - The number of CIDR blocks in subnetSpecs[1]"},

	ruleCase{Rule: ruleMaskAgrees, Name: "mask and size of the blocks", Inputs: networkVpc(specs(
		with(with(spec("public", "Public", "10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"), "cidrMask", 24), "size", 256),
		spec("private", "Private", "10.0.8.0/24", "10.0.9.0/24", "10.0.10.0/24")))},
	ruleCase{Rule: ruleMaskAgrees, Name: "mask against the blocks", Refused: true, Inputs: networkVpc(specs(
		with(spec("public", "Public", "10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"), "cidrMask", 23))),
		Contains: "The cidrMask in subnetSpecs[0] must match all cidrBlocks or be left undefined."},
	ruleCase{Rule: ruleMaskAgrees, Name: "size against the blocks", Refused: true, Inputs: networkVpc(specs(
		with(spec("public", "Public", "10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"), "size", 512))),
		Contains: "The size in subnetSpecs[0] must match all cidrBlocks or be left undefined."},
	ruleCase{Rule: ruleMaskAgrees, Name: "size against the mask", Refused: true, Inputs: networkVpc(specs(
		with(with(spec("a", "Private"), "size", 256), "cidrMask", 23))),
		Contains: "Subnet size 256 does not match the expected size for a /23 subnet (512)."},

	ruleCase{Rule: "awsx.vpc-subnet-allocation", Name: "default sizes", Inputs: networkVpc(specs(spec("a", "Private"), spec("b", "Public")))},
	ruleCase{Rule: "awsx.vpc-subnet-allocation", Name: "larger than a zone", Refused: true, Inputs: networkVpc(specs(
		with(spec("a", "Private"), "cidrMask", 17), with(spec("b", "Public"), "cidrMask", 17), with(spec("c", "Isolated"), "cidrMask", 17))),
		Contains: "Subnets are too large for VPC. VPC has 16384 addresses, but subnets require 98304 addresses."},
	ruleCase{Rule: "awsx.vpc-subnet-allocation", Name: "default subnets in a tiny VPC", Refused: true,
		Inputs:   map[string]any{"cidrBlock": "10.0.0.0/25", "subnetStrategy": "Auto"},
		Contains: "Automatic subnet creation requires a VPC with at least /26 available per AZ, but only /27 is available.If you do need very small subnets, please specify them explicitly."},
	ruleCase{Rule: "awsx.vpc-subnet-allocation", Name: "legacy from an IPAM pool", Refused: true,
		Inputs:   map[string]any{"ipv4IpamPoolId": "ipam-pool-1", "ipv4NetmaskLength": 16},
		Contains: `Dynamically allocated cidrBlock ranges are not supported with subnetStrategy="Legacy".`},

	ruleCase{Rule: "awsx.vpc-subnets-overlap", Name: "the network's layout", Inputs: networkVpc()},
	ruleCase{Rule: "awsx.vpc-subnets-overlap", Name: "a block used twice", Refused: true, Inputs: networkVpc(specs(
		spec("public", "Public", "10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"),
		spec("private", "Private", "10.0.8.0/24", "10.0.9.0/24", "10.0.1.0/24"))),
		Contains: "or use less Availability Zones:\n\n1. subject-public-2: 10.0.1.0/24\n2. subject-private-3: 10.0.1.0/24\n"},
	ruleCase{Rule: "awsx.vpc-subnets-overlap", Name: "legacy ignores the blocks and overlaps zones", Refused: true,
		Inputs: networkVpc(set("subnetStrategy", "Legacy")), Contains: "1. subject-public-1: 10.0.64.0/20\n"},

	ruleCase{Rule: "awsx.vpc-exact-no-gaps", Name: "auto leaves gaps alone", Inputs: networkVpc()},
	ruleCase{Rule: "awsx.vpc-exact-no-gaps", Name: "zones tiled in order", Inputs: twoZonesTiled},
	ruleCase{Rule: "awsx.vpc-exact-no-gaps", Name: "the network's layout under Exact", Refused: true,
		Inputs: networkVpc(set("subnetStrategy", "Exact")), Contains: exactNetworkGaps},
	ruleCase{Rule: "awsx.vpc-exact-no-gaps", Name: "the network's layout under Exact ends early", Refused: true,
		Inputs: networkVpc(set("subnetStrategy", "Exact")), Contains: ", subject-k8s-3 (ending 10.0.127.254) ends before VPC ends (at 10.0.255.254})"},
	ruleCase{Rule: "awsx.vpc-exact-no-gaps", Name: "a tier-major order", Refused: true, Inputs: networkVpc(set("subnetStrategy", "Exact"),
		set("availabilityZoneNames", []any{"ca-central-1a"}),
		specs(spec("public", "Public", "10.0.128.0/17"), spec("private", "Private", "10.0.0.0/17"))),
		Contains: "gaps: subject-public-1 (10.0.128.0/17) does not start at the beginning of the VPC (10.0.0.0/16), subject-public-1 (10.0.128.0/17) <=> subject-private-1 (10.0.0.0/17)"},

	ruleCase{Rule: "awsx.vpc-nat-needs-public", Name: "public and private", Inputs: networkVpc()},
	ruleCase{Rule: "awsx.vpc-nat-needs-public", Name: "private without gateways", Inputs: networkVpc(nat("None"),
		specs(spec("private", "Private", "10.0.8.0/24", "10.0.9.0/24", "10.0.10.0/24")))},
	ruleCase{Rule: "awsx.vpc-nat-needs-public", Name: "gateways without a public subnet", Refused: true,
		Inputs:   networkVpc(specs(spec("private", "Private", "10.0.8.0/24", "10.0.9.0/24", "10.0.10.0/24"))),
		Contains: "If NAT Gateway strategy is 'OnePerAz' or 'Single', both private and public subnets must be declared."},
)

// TestVpcRulesRefuseInAwsxOrder: the first refusal is the one awsx throws first, and reads as
// awsx's error followed by the rule and its source.
func TestVpcRulesRefuseInAwsxOrder(t *testing.T) {
	check := func(in map[string]any) error {
		return CheckComponent(awsxVpc, "subject", "ca-central-1", resource.NewPropertyMapFromMap(in))
	}
	require.NoError(t, check(networkVpc()))
	require.NoError(t, check(twoZonesTiled))

	err := check(networkVpc(set("subnetStrategy", "Exact")))
	require.Error(t, err)
	assert.Contains(t, err.Error(), exactNetworkGaps)
	assert.Contains(t, err.Error(), "[cloudsim rule awsx.vpc-exact-no-gaps, pulumi-awsx v2.22.0 awsx/ec2/vpc.ts (validateNoGaps)]")

	// validateEips runs before any subnet is decided.
	err = check(networkVpc(set("subnetStrategy", "Exact"), nat("None", "eipalloc-1")))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cloudsim rule awsx.vpc-nat-eips")

	// One error lists every subnet spec issue.
	err = check(networkVpc(specs(with(spec("public", "Public", "10.0.0.0/24"), "size", 100), spec("k8s", "Private"))))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Invalid subnet specifications:\n - The following subnet sizes are invalid: 100.")
	assert.Contains(t, err.Error(), ".\n - The number of CIDR blocks in subnetSpecs[0] must match the number of availability zones (3).\n - If any subnet spec")
	assert.Contains(t, err.Error(), "cloudsim rule "+ruleSubnetSize)
}
