package awsmodel

import (
	"fmt"
	"net/netip"
	"strconv"
)

// EC2 networking: VPCs, subnets, security groups, routes, gateways, endpoints and the VPC's defaults.
func init() {
	ec2Arn := func(res string) outputFunc {
		return func(o *Object) { o.set("arn", o.arn("ec2", res+"/"+o.ID)); o.def("ownerId", o.Account) }
	}
	outputFuncs["aws:ec2/vpc:Vpc"] = func(o *Object) {
		ec2Arn("vpc")(o)
		o.def("cidrBlock", "10.0.0.0/16")
		o.def("enableDnsSupport", true)
		o.def("enableDnsHostnames", false)
		o.def("instanceTenancy", "default")
		o.set("defaultNetworkAclId", "acl-"+o.hex("acl", 17))
		o.set("defaultSecurityGroupId", "sg-"+o.hex("sg", 17))
		o.set("mainRouteTableId", "rtb-"+o.hex("rtb", 17))
		o.set("defaultRouteTableId", "rtb-"+o.hex("rtb", 17))
		o.set("dhcpOptionsId", "dopt-"+o.hex("dopt", 17))
		o.def("ipv6AssociationId", "")
		o.def("ipv6CidrBlock", "")
	}
	outputFuncs["aws:ec2/subnet:Subnet"] = func(o *Object) {
		ec2Arn("subnet")(o)
		az := o.str("availabilityZone")
		if az == "" {
			az = Zones(o.Region)[0]
			o.set("availabilityZone", az)
		}
		o.set("availabilityZoneId", ZoneID(az))
		o.def("mapPublicIpOnLaunch", false)
		o.def("assignIpv6AddressOnCreation", false)
	}
	outputFuncs["aws:ec2/securityGroup:SecurityGroup"] = func(o *Object) {
		ec2Arn("security-group")(o)
		o.def("description", "Managed by Pulumi")
		o.def("ingress", []any{})
		o.def("egress", []any{})
		o.def("revokeRulesOnDelete", false)
	}
	outputFuncs["aws:ec2/routeTable:RouteTable"] = func(o *Object) {
		ec2Arn("route-table")(o)
		o.def("routes", []any{})
		o.def("propagatingVgws", []any{})
	}
	outputFuncs["aws:ec2/internetGateway:InternetGateway"] = ec2Arn("internet-gateway")
	outputFuncs["aws:ec2/networkAcl:NetworkAcl"] = ec2Arn("network-acl")
	outputFuncs["aws:ec2/flowLog:FlowLog"] = ec2Arn("vpc-flow-log")
	outputFuncs["aws:ec2/managedPrefixList:ManagedPrefixList"] = func(o *Object) {
		ec2Arn("prefix-list")(o)
		o.def("version", 1)
	}
	outputFuncs["aws:ec2/launchTemplate:LaunchTemplate"] = func(o *Object) {
		ec2Arn("launch-template")(o)
		o.set("latestVersion", 1)
		o.def("defaultVersion", 1)
	}
	outputFuncs["aws:ec2/eip:Eip"] = func(o *Object) {
		ec2Arn("elastic-ip")(o)
		ip := publicIP(o)
		o.set("allocationId", o.ID)
		o.set("publicIp", ip)
		o.set("publicDns", fmt.Sprintf("ec2-%s.%s.compute.amazonaws.com", dashed(ip), o.Region))
		o.def("domain", "vpc")
		o.def("publicIpv4Pool", "amazon")
	}
	outputFuncs["aws:ec2/natGateway:NatGateway"] = func(o *Object) {
		ec2Arn("natgateway")(o)
		o.def("connectivityType", "public")
		o.set("networkInterfaceId", "eni-"+o.hex("eni", 17))
		o.set("privateIp", hostIn(o.lookupOut("aws:ec2/subnet:Subnet", o.str("subnetId"), "cidrBlock"), o.hex("ip", 4)))
		if ip := o.lookupOut("aws:ec2/eip:Eip", o.str("allocationId"), "publicIp"); ip != "" {
			o.set("publicIp", ip)
		} else {
			o.set("publicIp", publicIP(o))
		}
	}
	outputFuncs["aws:ec2/route:Route"] = func(o *Object) {
		o.def("origin", "CreateRoute")
		o.def("state", "active")
	}
	idFuncs["aws:ec2/route:Route"] = func(o *Object) string {
		return "r-" + o.str("routeTableId") + strconv.FormatUint(uint64(HashNum(o.str("destinationCidrBlock"))), 10)
	}
	outputFuncs["aws:ec2/vpcEndpoint:VpcEndpoint"] = func(o *Object) {
		ec2Arn("vpc-endpoint")(o)
		o.def("vpcEndpointType", "Gateway")
		o.set("state", "available")
		if o.str("vpcEndpointType") == "Interface" {
			dns := fmt.Sprintf("%s-%s.%s.vpce.amazonaws.com", o.ID, o.hex("dns", 8), trimService(o.str("serviceName"), o.Region))
			o.set("dnsEntries", []any{map[string]any{"dnsName": dns, "hostedZoneId": "Z" + o.upper("zone", 13)}})
			var enis []string
			for i := range Strs(o.in("subnetIds")) {
				enis = append(enis, "eni-"+o.hex(fmt.Sprint("eni", i), 17))
			}
			o.set("networkInterfaceIds", enis)
		} else {
			o.set("dnsEntries", []any{})
			o.set("networkInterfaceIds", []string{})
			o.set("prefixListId", "pl-"+o.hex("pl", 8))
		}
		o.def("cidrBlocks", []string{})
		o.def("requesterManaged", false)
	}
	// The default-* resources adopt what the VPC created: their id is the adopted one.
	idFuncs["aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"] = func(o *Object) string { return o.str("defaultNetworkAclId") }
	idFuncs["aws:ec2/defaultRouteTable:DefaultRouteTable"] = func(o *Object) string { return o.str("defaultRouteTableId") }
	idFuncs["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"] = func(o *Object) string {
		return o.lookupOut("aws:ec2/vpc:Vpc", o.str("vpcId"), "defaultSecurityGroupId")
	}
	outputFuncs["aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"] = func(o *Object) {
		ec2Arn("network-acl")(o)
		for _, v := range o.all("aws:ec2/vpc:Vpc") {
			if s, _ := v.Outputs["defaultNetworkAclId"].(string); s == o.ID {
				o.set("vpcId", v.ID)
			}
		}
	}
	outputFuncs["aws:ec2/defaultRouteTable:DefaultRouteTable"] = ec2Arn("route-table")
	outputFuncs["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"] = ec2Arn("security-group")
	outputFuncs["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"] = func(o *Object) {
		o.set("arn", o.arn("ec2", "security-group-rule/"+o.ID))
		o.set("securityGroupRuleId", o.ID)
	}
	outputFuncs["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"] = outputFuncs["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"]
	idFuncs["aws:ec2/securityGroupRule:SecurityGroupRule"] = func(o *Object) string { return "sgrule-" + strconv.Itoa(int(HashNum(o.Seed))) }
	outputFuncs["aws:ec2/securityGroupRule:SecurityGroupRule"] = func(o *Object) { o.set("securityGroupRuleId", "sgr-"+o.hex("sgr", 17)) }

}

// publicIP invents an address in an AWS-owned range of the region.
func publicIP(o *Object) string {
	first := map[string]string{"ca-central-1": "15.156", "us-east-1": "3.210", "us-west-2": "35.160", "ca-west-1": "40.176"}[o.Region]
	if first == "" {
		first = "3.96"
	}
	n := HashNum(o.Seed + "ip")
	return fmt.Sprintf("%s.%d.%d", first, n%256, (n/256)%254+1)
}

// hostIn returns an address inside a CIDR block (10.0.0.10 style), or "" for a bad block.
func hostIn(cidr, seed string) string {
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !p.Addr().Is4() {
		return ""
	}
	a := p.Masked().Addr().As4()
	n, _ := strconv.ParseUint(seed, 16, 32)
	a[3] = byte(4 + n%200)
	return netip.AddrFrom4(a).String()
}

func dashed(ip string) string {
	out := []byte(ip)
	for i := range out {
		if out[i] == '.' {
			out[i] = '-'
		}
	}
	return string(out)
}

// trimService turns com.amazonaws.ca-central-1.ecr.api into ecr.api.
func trimService(svc, region string) string {
	prefix := "com.amazonaws." + region + "."
	if len(svc) > len(prefix) && svc[:len(prefix)] == prefix {
		return svc[len(prefix):]
	}
	return svc
}
