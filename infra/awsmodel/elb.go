package awsmodel

import (
	"fmt"
	"strings"
)

// Elastic Load Balancing: load balancers (ARN suffixes are CloudWatch's dimensions), target groups, listeners.
func init() {
	loadBalancer := func(o *Object) {
		name, kindOf := o.name(), "app"
		zones := albZones
		if o.str("loadBalancerType") == "network" {
			kindOf, zones = "net", nlbZones
		}
		suffix := fmt.Sprintf("%s/%s/%s", kindOf, name, o.hex("lb", 16))
		o.set("arn", o.arn("elasticloadbalancing", "loadbalancer/"+suffix))
		o.set("arnSuffix", suffix)
		dns := fmt.Sprintf("%s-%d.%s.elb.amazonaws.com", name, 1000000000+HashNum(o.Seed)%999999999, o.Region)
		if internal, _ := o.in("internal").(bool); internal {
			dns = "internal-" + dns
		}
		o.set("dnsName", dns)
		o.set("zoneId", zones[o.Region])
		o.def("loadBalancerType", "application")
		o.def("internal", false)
		o.def("ipAddressType", "ipv4")
		if subnets := Strs(o.in("subnets")); len(subnets) > 0 {
			o.set("vpcId", o.lookupOut("aws:ec2/subnet:Subnet", subnets[0], "vpcId"))
		}
	}
	targetGroup := func(o *Object) {
		suffix := fmt.Sprintf("targetgroup/%s/%s", o.name(), o.hex("tg", 16))
		o.set("arn", o.arn("elasticloadbalancing", suffix))
		o.set("arnSuffix", suffix)
		o.set("loadBalancerArns", []string{})
		o.def("targetType", "instance")
	}
	listener := func(o *Object) {
		lb := o.str("loadBalancerArn")
		o.set("arn", strings.Replace(lb, ":loadbalancer/", ":listener/", 1)+"/"+o.hex("listener", 16))
	}
	listenerRule := func(o *Object) {
		l := o.str("listenerArn")
		o.set("arn", strings.Replace(l, ":listener/", ":listener-rule/", 1)+"/"+o.hex("rule", 16))
	}
	for _, m := range []string{"lb", "alb"} {
		outputFuncs["aws:"+m+"/loadBalancer:LoadBalancer"] = loadBalancer
		outputFuncs["aws:"+m+"/targetGroup:TargetGroup"] = targetGroup
		outputFuncs["aws:"+m+"/listener:Listener"] = listener
		outputFuncs["aws:"+m+"/listenerRule:ListenerRule"] = listenerRule
		idFuncs["aws:"+m+"/targetGroupAttachment:TargetGroupAttachment"] = func(o *Object) string {
			return o.str("targetGroupArn") + "-" + o.hex("att", 20)
		}
	}

}
