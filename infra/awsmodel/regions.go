package awsmodel

import (
	"fmt"
	"strings"
)

// regionShort is AWS's short region code used in some DNS names (ca-central-1 -> cac1).
func regionShort(region string) string {
	parts := strings.Split(region, "-")
	if len(parts) != 3 {
		return region
	}
	dir := parts[1]
	switch dir {
	case "central":
		dir = "c"
	case "southeast":
		dir = "se"
	case "northeast":
		dir = "ne"
	default:
		dir = dir[:1]
	}
	return parts[0] + dir + parts[2]
}

// Zones are the availability zones of a region (ca-central-1 has no c).
func Zones(region string) []string {
	if region == "ca-central-1" {
		return []string{region + "a", region + "b", region + "d"}
	}
	return []string{region + "a", region + "b", region + "c"}
}

// ZoneID maps an availability zone name to its id (ca-central-1a -> cac1-az1).
func ZoneID(az string) string {
	if len(az) < 2 {
		return az
	}
	region, letter := az[:len(az)-1], az[len(az)-1]
	return fmt.Sprintf("%s-az%d", regionShort(region), int(letter-'a')+1)
}

// Hosted zones of AWS's regional endpoints, the alias targets of DNS records, per region.
var (
	albZones = map[string]string{
		"ca-central-1": "ZQSVJUPU6J1EY", "us-east-1": "Z35SXDOTRQ7X7K", "us-west-2": "Z1H1FL5HABSF5", "ca-west-1": "Z06473681N0SF6OS049SD",
	}
	nlbZones = map[string]string{
		"ca-central-1": "Z2EPGBW3API2WT", "us-east-1": "Z26RNL4JYFTOTI", "us-west-2": "Z18D5FSROUN65G", "ca-west-1": "Z02754302KBB00W2LKWZ9",
	}
	s3HostedZones = map[string]string{
		"ca-central-1": "Z1QDHH18159H29", "us-east-1": "Z3AQBSTGFYJSTF", "us-west-2": "Z3BJ6K6RIION7M",
		"ca-west-1": "Z03565811Z33SLEZTHOUL",
	}
	rdsHostedZones = map[string]string{
		"ca-central-1": "Z19ZHA6TIXAO0", "us-east-1": "Z2R2ITUGPM61AM", "us-west-2": "Z1PVIF0B656C1W", "ca-west-1": "Z09575141T3ZCNYF3G0I9",
	}
)

// cloudFrontZone is the hosted zone of every CloudFront distribution (alias targets).
const cloudFrontZone = "Z2FDTNDATAQYW2"
