package cloudsim

import (
	"fmt"
	"strings"
)

// Computed outputs of Aurora/RDS, RDS Proxy, ElastiCache and AWS Backup.
func init() {
	rdsArn := func(o *object, res string) string { return o.arn("rds", res+":"+o.name()) }
	outputFuncs["aws:rds/cluster:Cluster"] = func(o *object) {
		id := o.name()
		o.set("arn", rdsArn(o, "cluster"))
		o.set("endpoint", fmt.Sprintf("%s.cluster-%s.%s.rds.amazonaws.com", id, rdsHash(o), o.Region))
		o.set("readerEndpoint", fmt.Sprintf("%s.cluster-ro-%s.%s.rds.amazonaws.com", id, rdsHash(o), o.Region))
		o.set("clusterResourceId", "cluster-"+o.upper("resource", 26))
		o.set("hostedZoneId", rdsHostedZones[o.Region])
		o.def("port", rdsPort(o.str("engine")))
		o.set("engineVersionActual", o.str("engineVersion"))
		o.def("availabilityZones", zones(o.Region))
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
	outputFuncs["aws:rds/clusterInstance:ClusterInstance"] = func(o *object) {
		id := o.name()
		o.set("arn", rdsArn(o, "db"))
		o.set("endpoint", fmt.Sprintf("%s.%s.%s.rds.amazonaws.com", id, rdsHash(o), o.Region))
		o.set("port", rdsPort(o.str("engine")))
		o.set("dbiResourceId", "db-"+o.upper("resource", 26))
		o.set("engineVersionActual", o.str("engineVersion"))
		o.set("storageEncrypted", true)
		o.set("networkType", "IPV4")
		o.def("availabilityZone", zones(o.Region)[int(hashNum(o.Seed)%3)])
		writer := true
		for _, r := range o.state.all(o.Type) {
			if str(r.inputs(), "clusterIdentifier") == o.str("clusterIdentifier") && r.ID != o.ID {
				writer = false
			}
		}
		o.set("writer", writer)
	}
	outputFuncs["aws:rds/instance:Instance"] = func(o *object) {
		o.set("arn", rdsArn(o, "db"))
		o.set("address", fmt.Sprintf("%s.%s.%s.rds.amazonaws.com", o.name(), rdsHash(o), o.Region))
		o.set("endpoint", fmt.Sprintf("%s.%s.%s.rds.amazonaws.com:%d", o.name(), rdsHash(o), o.Region, rdsPort(o.str("engine"))))
		o.def("port", rdsPort(o.str("engine")))
		o.set("resourceId", "db-"+o.upper("resource", 26))
		o.set("hostedZoneId", rdsHostedZones[o.Region])
	}
	outputFuncs["aws:rds/proxy:Proxy"] = func(o *object) {
		o.set("arn", o.arn("rds", "db-proxy:prx-"+o.hex("prx", 17)))
		o.set("endpoint", fmt.Sprintf("%s.proxy-%s.%s.rds.amazonaws.com", o.name(), rdsHash(o), o.Region))
		o.def("requireTls", false)
		o.def("idleClientTimeout", 1800)
	}
	outputFuncs["aws:rds/proxyEndpoint:ProxyEndpoint"] = func(o *object) {
		ep := o.str("dbProxyEndpointName")
		o.set("arn", o.arn("rds", "db-proxy-endpoint:prx-endpoint-"+o.hex("prx", 17)))
		o.set("endpoint", fmt.Sprintf("%s.endpoint.proxy-%s.%s.rds.amazonaws.com", ep, rdsHash(o), o.Region))
		o.set("isDefault", false)
		o.def("targetRole", "READ_WRITE")
		if subnets := strs(o.in("vpcSubnetIds")); len(subnets) > 0 {
			o.set("vpcId", o.state.lookupOut("aws:ec2/subnet:Subnet", subnets[0], "vpcId"))
		}
	}
	idFuncs["aws:rds/proxyEndpoint:ProxyEndpoint"] = func(o *object) string {
		return o.str("dbProxyName") + "/" + o.str("dbProxyEndpointName")
	}
	outputFuncs["aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup"] = func(o *object) {
		o.set("arn", o.arn("rds", "target-group:prx-tg-"+o.hex("tg", 17)))
		o.set("name", "default")
	}
	idFuncs["aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup"] = func(o *object) string { return o.str("dbProxyName") }
	outputFuncs["aws:rds/proxyTarget:ProxyTarget"] = func(o *object) {
		o.set("endpoint", "")
		o.set("port", 5432)
		o.set("rdsResourceId", o.str("dbClusterIdentifier"))
		o.set("trackedClusterId", o.str("dbClusterIdentifier"))
		o.set("type", "TRACKED_CLUSTER")
		o.set("targetArn", "")
	}
	idFuncs["aws:rds/proxyTarget:ProxyTarget"] = func(o *object) string {
		return strings.Join([]string{o.str("dbProxyName"), o.str("targetGroupName"), "TRACKED_CLUSTER", o.str("dbClusterIdentifier")}, "/")
	}
	outputFuncs["aws:rds/subnetGroup:SubnetGroup"] = func(o *object) {
		o.set("arn", rdsArn(o, "subgrp"))
		if subnets := strs(o.in("subnetIds")); len(subnets) > 0 {
			o.set("vpcId", o.state.lookupOut("aws:ec2/subnet:Subnet", subnets[0], "vpcId"))
		}
		o.set("supportedNetworkTypes", []string{"IPV4"})
	}
	outputFuncs["aws:rds/clusterParameterGroup:ClusterParameterGroup"] = func(o *object) { o.set("arn", rdsArn(o, "cluster-pg")) }
	outputFuncs["aws:rds/parameterGroup:ParameterGroup"] = func(o *object) { o.set("arn", rdsArn(o, "pg")) }
	outputFuncs["aws:rds/eventSubscription:EventSubscription"] = func(o *object) {
		o.set("arn", rdsArn(o, "es"))
		o.set("customerAwsId", o.Account)
	}

	outputFuncs["aws:elasticache/replicationGroup:ReplicationGroup"] = func(o *object) {
		id := o.name()
		h, short := o.hex("ec", 6), regionShort(o.Region)
		o.set("arn", o.arn("elasticache", "replicationgroup:"+id))
		if tls, _ := o.in("transitEncryptionEnabled").(bool); tls {
			o.set("primaryEndpointAddress", fmt.Sprintf("master.%s.%s.%s.cache.amazonaws.com", id, h, short))
			o.set("readerEndpointAddress", fmt.Sprintf("replica.%s.%s.%s.cache.amazonaws.com", id, h, short))
		} else {
			o.set("primaryEndpointAddress", fmt.Sprintf("%s.%s.ng.0001.%s.cache.amazonaws.com", id, h, short))
			o.set("readerEndpointAddress", fmt.Sprintf("%s-ro.%s.ng.0001.%s.cache.amazonaws.com", id, h, short))
		}
		n := 1
		if f, ok := o.in("numCacheClusters").(float64); ok {
			n = int(f)
		}
		var members []string
		for i := 1; i <= n; i++ {
			members = append(members, fmt.Sprintf("%s-%03d", id, i))
		}
		o.set("memberClusters", members)
		o.def("port", 6379)
		o.set("engineVersionActual", o.str("engineVersion"))
		o.set("clusterEnabled", false)
		o.def("engine", "redis")
	}
	outputFuncs["aws:elasticache/subnetGroup:SubnetGroup"] = func(o *object) {
		o.set("arn", o.arn("elasticache", "subnetgroup:"+o.name()))
		if subnets := strs(o.in("subnetIds")); len(subnets) > 0 {
			o.set("vpcId", o.state.lookupOut("aws:ec2/subnet:Subnet", subnets[0], "vpcId"))
		}
	}
	outputFuncs["aws:elasticache/parameterGroup:ParameterGroup"] = func(o *object) {
		o.set("arn", o.arn("elasticache", "parametergroup:"+o.name()))
	}

	outputFuncs["aws:backup/vault:Vault"] = func(o *object) {
		o.set("arn", o.arn("backup", "backup-vault:"+o.name()))
		o.set("recoveryPoints", 0)
	}
	outputFuncs["aws:backup/plan:Plan"] = func(o *object) {
		o.set("arn", o.arn("backup", "backup-plan:"+o.ID))
		o.set("version", alnum(o.hex("version", 64), 32))
	}
	idFuncs["aws:backup/plan:Plan"] = func(o *object) string { return o.uuid("plan") }
	idFuncs["aws:backup/selection:Selection"] = func(o *object) string { return o.uuid("selection") }
	idFuncs["aws:backup/vaultLockConfiguration:VaultLockConfiguration"] = func(o *object) string { return o.str("backupVaultName") }
	outputFuncs["aws:backup/vaultLockConfiguration:VaultLockConfiguration"] = func(o *object) {
		o.set("backupVaultArn", o.arn("backup", "backup-vault:"+o.str("backupVaultName")))
	}
	idFuncs["aws:backup/vaultPolicy:VaultPolicy"] = func(o *object) string { return o.str("backupVaultName") }
	idFuncs["aws:backup/vaultNotifications:VaultNotifications"] = func(o *object) string { return o.str("backupVaultName") }
}

// rdsHash is the per-account-and-region part of RDS endpoints (e.g. c1a2b3c4d5e6).
func rdsHash(o *object) string { return "c" + hashHex(o.Account+o.Region+"rds", 11) }

func rdsPort(engine string) int {
	if strings.Contains(engine, "mysql") {
		return 3306
	}
	return 5432
}

// rdsHostedZones are RDS's hosted zone ids per region.
var rdsHostedZones = map[string]string{
	"ca-central-1": "Z19ZHA6TIXAO0", "us-east-1": "Z2R2ITUGPM61AM", "us-west-2": "Z1PVIF0B656C1W", "ca-west-1": "Z09575141T3ZCNYF3G0I9",
}
