package awsmodel

import "fmt"

// Client VPN (EC2 API): the operators' VPN endpoint, its subnets and authorization rules.
func init() {
	outputFuncs["aws:ec2clientvpn/endpoint:Endpoint"] = func(o *Object) {
		o.set("arn", o.arn("ec2", "client-vpn-endpoint/"+o.ID))
		o.set("dnsName", fmt.Sprintf("*.%s.prod.clientvpn.%s.amazonaws.com", o.ID, o.Region))
		o.def("selfServicePortal", "disabled")
		o.def("sessionTimeoutHours", 24)
		o.def("splitTunnel", false)
		o.def("transportProtocol", "udp")
		o.def("vpnPort", 443)
		if o.str("selfServicePortal") == "enabled" {
			o.set("selfServicePortalUrl", "https://self-service.clientvpn.amazonaws.com/endpoints/"+o.ID)
		}
	}
	outputFuncs["aws:ec2clientvpn/networkAssociation:NetworkAssociation"] = func(o *Object) {
		o.set("associationId", o.ID)
		o.set("vpcId", o.lookupOut("aws:ec2/subnet:Subnet", o.str("subnetId"), "vpcId"))
	}
	idFuncs["aws:ec2clientvpn/authorizationRule:AuthorizationRule"] = func(o *Object) string {
		id := o.str("clientVpnEndpointId") + "," + o.str("targetNetworkCidr")
		if g := o.str("accessGroupId"); g != "" {
			id += "," + g
		}
		return id
	}
	idPrefixes["aws:ec2clientvpn/endpoint:Endpoint"] = "cvpn-endpoint"
	idPrefixes["aws:ec2clientvpn/networkAssociation:NetworkAssociation"] = "cvpn-assoc"
}
