package awsmodel

import (
	"fmt"
	"strings"
)

// RDS: Aurora clusters and instances, RDS Proxy, subnet and parameter groups, event subscriptions.
func init() {
	rdsArn := func(o *Object, res string) string { return o.arn("rds", res+":"+o.name()) }
	outputFuncs["aws:rds/cluster:Cluster"] = func(o *Object) {
		id := o.name()
		o.set("arn", rdsArn(o, "cluster"))
		o.set("endpoint", fmt.Sprintf("%s.cluster-%s.%s.rds.amazonaws.com", id, rdsHash(o), o.Region))
		o.set("readerEndpoint", fmt.Sprintf("%s.cluster-ro-%s.%s.rds.amazonaws.com", id, rdsHash(o), o.Region))
		o.set("clusterResourceId", "cluster-"+o.upper("resource", 26))
		o.set("hostedZoneId", rdsHostedZones[o.Region])
		o.def("port", rdsPort(o.str("engine")))
		o.set("engineVersionActual", o.str("engineVersion"))
		o.def("availabilityZones", Zones(o.Region))
		o.def("storageEncrypted", false)
		o.def("backupRetentionPeriod", 1)
		o.def("caCertificateIdentifier", "rds-ca-rsa2048-g1")
		o.def("dbClusterParameterGroupName", "default.aurora-postgresql16")
		if b, _ := o.in("manageMasterUserPassword").(bool); b {
			kms := o.str("masterUserSecretKmsKeyId")
			if kms == "" {
				kms = o.arn("kms", "alias/aws/secretsmanager")
			}
			o.set("masterUserSecrets", []any{map[string]any{
				"secretArn":    o.arn("secretsmanager", "secret:rds!cluster-"+o.uuid("secret")+"-"+alnum(o.hex("sfx", 12), 6)),
				"kmsKeyId":     kms,
				"secretStatus": "active",
			}})
		}
	}
	outputFuncs["aws:rds/clusterInstance:ClusterInstance"] = func(o *Object) {
		id := o.name()
		o.set("arn", rdsArn(o, "db"))
		o.set("endpoint", fmt.Sprintf("%s.%s.%s.rds.amazonaws.com", id, rdsHash(o), o.Region))
		o.set("port", rdsPort(o.str("engine")))
		o.set("dbiResourceId", "db-"+o.upper("resource", 26))
		o.set("engineVersionActual", o.str("engineVersion"))
		o.set("storageEncrypted", true)
		o.set("networkType", "IPV4")
		o.def("availabilityZone", Zones(o.Region)[int(HashNum(o.Seed)%3)])
		writer := true
		for _, r := range o.all(o.Type) {
			if r.Inputs["clusterIdentifier"] == o.str("clusterIdentifier") && r.ID != o.ID {
				writer = false
			}
		}
		o.set("writer", writer)
	}
	outputFuncs["aws:rds/instance:Instance"] = func(o *Object) {
		o.set("arn", rdsArn(o, "db"))
		o.set("address", fmt.Sprintf("%s.%s.%s.rds.amazonaws.com", o.name(), rdsHash(o), o.Region))
		o.set("endpoint", fmt.Sprintf("%s.%s.%s.rds.amazonaws.com:%d", o.name(), rdsHash(o), o.Region, rdsPort(o.str("engine"))))
		o.def("port", rdsPort(o.str("engine")))
		o.set("resourceId", "db-"+o.upper("resource", 26))
		o.set("hostedZoneId", rdsHostedZones[o.Region])
	}
	outputFuncs["aws:rds/proxy:Proxy"] = func(o *Object) {
		o.set("arn", o.arn("rds", "db-proxy:prx-"+o.hex("prx", 17)))
		o.set("endpoint", fmt.Sprintf("%s.proxy-%s.%s.rds.amazonaws.com", o.name(), rdsHash(o), o.Region))
		o.def("requireTls", false)
		o.def("idleClientTimeout", 1800)
	}
	outputFuncs["aws:rds/proxyEndpoint:ProxyEndpoint"] = func(o *Object) {
		ep := o.str("dbProxyEndpointName")
		o.set("arn", o.arn("rds", "db-proxy-endpoint:prx-endpoint-"+o.hex("prx", 17)))
		o.set("endpoint", fmt.Sprintf("%s.endpoint.proxy-%s.%s.rds.amazonaws.com", ep, rdsHash(o), o.Region))
		o.set("isDefault", false)
		o.def("targetRole", "READ_WRITE")
		if subnets := Strs(o.in("vpcSubnetIds")); len(subnets) > 0 {
			o.set("vpcId", o.lookupOut("aws:ec2/subnet:Subnet", subnets[0], "vpcId"))
		}
	}
	idFuncs["aws:rds/proxyEndpoint:ProxyEndpoint"] = func(o *Object) string {
		return o.str("dbProxyName") + "/" + o.str("dbProxyEndpointName")
	}
	outputFuncs["aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup"] = func(o *Object) {
		o.set("arn", o.arn("rds", "target-group:prx-tg-"+o.hex("tg", 17)))
		o.set("name", "default")
	}
	idFuncs["aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup"] = func(o *Object) string { return o.str("dbProxyName") }
	outputFuncs["aws:rds/proxyTarget:ProxyTarget"] = func(o *Object) {
		o.set("endpoint", "")
		o.set("port", 5432)
		o.set("rdsResourceId", o.str("dbClusterIdentifier"))
		o.set("trackedClusterId", o.str("dbClusterIdentifier"))
		o.set("type", "TRACKED_CLUSTER")
		o.set("targetArn", "")
	}
	idFuncs["aws:rds/proxyTarget:ProxyTarget"] = func(o *Object) string {
		return strings.Join([]string{o.str("dbProxyName"), o.str("targetGroupName"), "TRACKED_CLUSTER", o.str("dbClusterIdentifier")}, "/")
	}
	outputFuncs["aws:rds/subnetGroup:SubnetGroup"] = func(o *Object) {
		o.set("arn", rdsArn(o, "subgrp"))
		if subnets := Strs(o.in("subnetIds")); len(subnets) > 0 {
			o.set("vpcId", o.lookupOut("aws:ec2/subnet:Subnet", subnets[0], "vpcId"))
		}
		o.set("supportedNetworkTypes", []string{"IPV4"})
	}
	outputFuncs["aws:rds/clusterParameterGroup:ClusterParameterGroup"] = func(o *Object) { o.set("arn", rdsArn(o, "cluster-pg")) }
	outputFuncs["aws:rds/parameterGroup:ParameterGroup"] = func(o *Object) { o.set("arn", rdsArn(o, "pg")) }
	outputFuncs["aws:rds/eventSubscription:EventSubscription"] = func(o *Object) {
		o.set("arn", rdsArn(o, "es"))
		o.set("customerAwsId", o.Account)
	}
}

// rdsHash is the per-account-and-region part of RDS endpoints (e.g. c1a2b3c4d5e6).
func rdsHash(o *Object) string { return "c" + HashHex(o.Account+o.Region+"rds", 11) }

func rdsPort(engine string) int {
	if strings.Contains(engine, "mysql") {
		return 3306
	}
	return 5432
}
