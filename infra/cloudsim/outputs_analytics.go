package cloudsim

import "fmt"

// Computed outputs of Athena, Glue, ECS and Client VPN: the support team's queries, the
// database tools and the operators' VPN.
func init() {
	outputFuncs["aws:athena/workgroup:Workgroup"] = func(o *object) {
		o.set("arn", o.arn("athena", "workgroup/"+o.name()))
		o.def("state", "ENABLED")
		o.def("forceDestroy", false)
	}
	idFuncs["aws:athena/workgroup:Workgroup"] = func(o *object) string { return o.name() }
	idFuncs["aws:athena/database:Database"] = func(o *object) string { return o.name() }
	idFuncs["aws:athena/namedQuery:NamedQuery"] = func(o *object) string { return o.uuid("query") }
	outputFuncs["aws:athena/namedQuery:NamedQuery"] = func(o *object) { o.def("workgroup", "primary") }

	outputFuncs["aws:glue/catalogTable:CatalogTable"] = func(o *object) {
		o.def("catalogId", o.Account)
		o.set("arn", o.arn("glue", fmt.Sprintf("table/%s/%s", o.str("databaseName"), o.name())))
	}
	idFuncs["aws:glue/catalogTable:CatalogTable"] = func(o *object) string {
		return fmt.Sprintf("%s:%s:%s", o.Account, o.str("databaseName"), o.name())
	}

	outputFuncs["aws:ecs/cluster:Cluster"] = func(o *object) {
		o.set("arn", o.arn("ecs", "cluster/"+o.name()))
	}
	idFuncs["aws:ecs/cluster:Cluster"] = func(o *object) string {
		return fmt.Sprintf("arn:aws:ecs:%s:%s:cluster/%s", o.Region, o.Account, o.name())
	}
	outputFuncs["aws:ecs/taskDefinition:TaskDefinition"] = func(o *object) {
		family := o.str("family")
		o.set("revision", 1)
		o.set("arnWithoutRevision", o.arn("ecs", "task-definition/"+family))
		o.set("arn", o.arn("ecs", "task-definition/"+family+":1"))
	}
	idFuncs["aws:ecs/taskDefinition:TaskDefinition"] = func(o *object) string { return o.str("family") }
	outputFuncs["aws:ecs/service:Service"] = func(o *object) {
		o.def("launchType", "FARGATE")
		o.def("schedulingStrategy", "REPLICA")
		o.def("deploymentMaximumPercent", 200)
		o.def("deploymentMinimumHealthyPercent", 100)
	}
	idFuncs["aws:ecs/service:Service"] = func(o *object) string {
		return fmt.Sprintf("arn:aws:ecs:%s:%s:service/%s/%s", o.Region, o.Account, lastSegment(o.str("cluster")), o.name())
	}

	outputFuncs["aws:ec2clientvpn/endpoint:Endpoint"] = func(o *object) {
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
	outputFuncs["aws:ec2clientvpn/networkAssociation:NetworkAssociation"] = func(o *object) {
		o.set("associationId", o.ID)
		o.set("vpcId", o.state.lookupOut("aws:ec2/subnet:Subnet", o.str("subnetId"), "vpcId"))
	}
	idFuncs["aws:ec2clientvpn/authorizationRule:AuthorizationRule"] = func(o *object) string {
		id := o.str("clientVpnEndpointId") + "," + o.str("targetNetworkCidr")
		if g := o.str("accessGroupId"); g != "" {
			id += "," + g
		}
		return id
	}
}

// lastSegment is what follows the last "/" of an ARN (a cluster's name), or s itself.
func lastSegment(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return s[i+1:]
		}
	}
	return s
}

func init() {
	idPrefixes["aws:ec2clientvpn/endpoint:Endpoint"] = "cvpn-endpoint"
	idPrefixes["aws:ec2clientvpn/networkAssociation:NetworkAssociation"] = "cvpn-assoc"
}
