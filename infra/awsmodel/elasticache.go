package awsmodel

import "fmt"

// ElastiCache: replication groups (endpoints depend on in-transit encryption), subnet and parameter groups.
func init() {
	outputFuncs["aws:elasticache/replicationGroup:ReplicationGroup"] = func(o *Object) {
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
	outputFuncs["aws:elasticache/subnetGroup:SubnetGroup"] = func(o *Object) {
		o.set("arn", o.arn("elasticache", "subnetgroup:"+o.name()))
		if subnets := Strs(o.in("subnetIds")); len(subnets) > 0 {
			o.set("vpcId", o.lookupOut("aws:ec2/subnet:Subnet", subnets[0], "vpcId"))
		}
	}
	outputFuncs["aws:elasticache/parameterGroup:ParameterGroup"] = func(o *Object) {
		o.set("arn", o.arn("elasticache", "parametergroup:"+o.name()))
	}

}
