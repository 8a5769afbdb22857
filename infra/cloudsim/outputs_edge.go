package cloudsim

import (
	"fmt"
	"sort"
	"strings"
)

// Computed outputs of DNS, certificates, CloudFront, load balancers and WAF.
func init() {
	outputFuncs["aws:route53/zone:Zone"] = func(o *object) {
		o.set("zoneId", o.ID)
		o.set("arn", "arn:aws:route53:::hostedzone/"+o.ID)
		ns := nameServers(o.Seed)
		o.set("nameServers", ns)
		o.set("primaryNameServer", ns[0])
		o.def("comment", "Managed by Pulumi")
		o.def("forceDestroy", false)
	}
	idFuncs["aws:route53/zone:Zone"] = func(o *object) string { return "Z0" + o.upper("zone", 19) }
	outputFuncs["aws:route53/record:Record"] = func(o *object) {
		name := strings.TrimSuffix(o.str("name"), ".")
		zone := strings.TrimSuffix(o.state.lookupOut("aws:route53/zone:Zone", o.str("zoneId"), "name"), ".")
		if zone != "" && name != zone && !strings.HasSuffix(name, "."+zone) {
			name += "." + zone
		}
		o.set("fqdn", name)
	}
	idFuncs["aws:route53/record:Record"] = func(o *object) string {
		id := o.str("zoneId") + "_" + strings.TrimSuffix(o.str("name"), ".") + "_" + o.str("type")
		if s := o.str("setIdentifier"); s != "" {
			id += "_" + s
		}
		return id
	}
	idFuncs["aws:route53/hostedZoneDnsSec:HostedZoneDnsSec"] = func(o *object) string { return o.str("hostedZoneId") }
	outputFuncs["aws:route53/keySigningKey:KeySigningKey"] = func(o *object) {
		o.set("keyTag", int(hashNum(o.Seed)%65535))
		o.set("digestAlgorithmMnemonic", "SHA-256")
		o.set("digestValue", strings.ToUpper(o.hex("digest", 64)))
		o.set("dsRecord", fmt.Sprintf("%d 13 2 %s", hashNum(o.Seed)%65535, strings.ToUpper(o.hex("digest", 64))))
		o.set("signingAlgorithmMnemonic", "ECDSAP256SHA256")
	}
	idFuncs["aws:route53/keySigningKey:KeySigningKey"] = func(o *object) string { return o.str("hostedZoneId") + "," + o.name() }
	outputFuncs["aws:route53/healthCheck:HealthCheck"] = func(o *object) {
		o.set("arn", "arn:aws:route53:::healthcheck/"+o.ID)
	}
	idFuncs["aws:route53/healthCheck:HealthCheck"] = func(o *object) string { return o.uuid("hc") }

	outputFuncs["aws:acm/certificate:Certificate"] = func(o *object) {
		o.set("arn", o.arn("acm", "certificate/"+o.uuid("cert")))
		o.set("domainValidationOptions", validationOptions(o))
		o.set("status", certificateStatus(o))
		o.set("type", "AMAZON_ISSUED")
		o.def("keyAlgorithm", "RSA_2048")
		o.def("validationMethod", "DNS")
		o.set("validationEmails", []string{})
		o.set("renewalEligibility", "INELIGIBLE")
		o.set("pendingRenewal", false)
	}
	outputFuncs["aws:acm/certificateValidation:CertificateValidation"] = issueCertificate
	createChecks["aws:acm/certificateValidation:CertificateValidation"] = checkValidationRecords
	idFuncs["aws:acm/certificateValidation:CertificateValidation"] = func(o *object) string {
		return "0001-01-01 00:00:00 +0000 UTC " + o.hex("id", 8)
	}

	outputFuncs["aws:cloudfront/distribution:Distribution"] = func(o *object) {
		o.set("arn", o.globalArn("cloudfront", "distribution/"+o.ID))
		o.set("domainName", "d"+strings.ToLower(o.upper("domain", 13))+".cloudfront.net")
		o.set("hostedZoneId", "Z2FDTNDATAQYW2")
		o.set("status", "Deployed")
		o.set("etag", "E"+o.upper("etag", 13))
		o.set("callerReference", "terraform-"+o.hex("caller", 20))
		o.set("inProgressValidationBatches", 0)
		o.set("trustedKeyGroups", []any{map[string]any{"enabled": false, "items": []any{}}})
		o.set("trustedSigners", []any{map[string]any{"enabled": false, "items": []any{}}})
	}
	cfID := func(o *object) string { return "E" + o.upper("id", 13) }
	idFuncs["aws:cloudfront/distribution:Distribution"] = cfID
	idFuncs["aws:cloudfront/originAccessControl:OriginAccessControl"] = cfID
	outputFuncs["aws:cloudfront/originAccessControl:OriginAccessControl"] = func(o *object) {
		o.set("etag", "E"+o.upper("etag", 13))
		o.set("arn", o.globalArn("cloudfront", "origin-access-control/"+o.ID))
	}
	outputFuncs["aws:cloudfront/function:Function"] = func(o *object) {
		o.set("arn", o.globalArn("cloudfront", "function/"+o.name()))
		o.set("etag", "E"+o.upper("etag", 13))
		o.set("liveStageEtag", "E"+o.upper("live", 13))
		o.set("status", "UNASSOCIATED")
	}
	for _, t := range []string{"cachePolicy:CachePolicy", "originRequestPolicy:OriginRequestPolicy", "responseHeadersPolicy:ResponseHeadersPolicy"} {
		typ := "aws:cloudfront/" + t
		idFuncs[typ] = func(o *object) string { return o.uuid("id") }
		outputFuncs[typ] = func(o *object) { o.set("etag", "E"+o.upper("etag", 13)) }
	}

	loadBalancer := func(o *object) {
		name, kindOf := o.name(), "app"
		zones := albZones
		if o.str("loadBalancerType") == "network" {
			kindOf, zones = "net", nlbZones
		}
		suffix := fmt.Sprintf("%s/%s/%s", kindOf, name, o.hex("lb", 16))
		o.set("arn", o.arn("elasticloadbalancing", "loadbalancer/"+suffix))
		o.set("arnSuffix", suffix)
		dns := fmt.Sprintf("%s-%d.%s.elb.amazonaws.com", name, 1000000000+hashNum(o.Seed)%999999999, o.Region)
		if internal, _ := o.in("internal").(bool); internal {
			dns = "internal-" + dns
		}
		o.set("dnsName", dns)
		o.set("zoneId", zones[o.Region])
		o.def("loadBalancerType", "application")
		o.def("internal", false)
		o.def("ipAddressType", "ipv4")
		if subnets := strs(o.in("subnets")); len(subnets) > 0 {
			o.set("vpcId", o.state.lookupOut("aws:ec2/subnet:Subnet", subnets[0], "vpcId"))
		}
	}
	targetGroup := func(o *object) {
		suffix := fmt.Sprintf("targetgroup/%s/%s", o.name(), o.hex("tg", 16))
		o.set("arn", o.arn("elasticloadbalancing", suffix))
		o.set("arnSuffix", suffix)
		o.set("loadBalancerArns", []string{})
		o.def("targetType", "instance")
	}
	listener := func(o *object) {
		lb := o.str("loadBalancerArn")
		o.set("arn", strings.Replace(lb, ":loadbalancer/", ":listener/", 1)+"/"+o.hex("listener", 16))
	}
	listenerRule := func(o *object) {
		l := o.str("listenerArn")
		o.set("arn", strings.Replace(l, ":listener/", ":listener-rule/", 1)+"/"+o.hex("rule", 16))
	}
	for _, m := range []string{"lb", "alb"} {
		outputFuncs["aws:"+m+"/loadBalancer:LoadBalancer"] = loadBalancer
		outputFuncs["aws:"+m+"/targetGroup:TargetGroup"] = targetGroup
		outputFuncs["aws:"+m+"/listener:Listener"] = listener
		outputFuncs["aws:"+m+"/listenerRule:ListenerRule"] = listenerRule
		idFuncs["aws:"+m+"/targetGroupAttachment:TargetGroupAttachment"] = func(o *object) string {
			return o.str("targetGroupArn") + "-" + o.hex("att", 20)
		}
	}

	waf := func(res string) outputFunc {
		return func(o *object) {
			scope := "regional"
			if o.str("scope") == "CLOUDFRONT" {
				scope = "global"
			}
			o.set("arn", o.arn("wafv2", fmt.Sprintf("%s/%s/%s/%s", scope, res, o.name(), o.ID)))
			o.set("lockToken", o.uuid("lock"))
		}
	}
	for t, res := range map[string]string{"webAcl:WebAcl": "webacl", "ipSet:IpSet": "ipset", "ruleGroup:RuleGroup": "rulegroup",
		"regexPatternSet:RegexPatternSet": "regexpatternset"} {
		typ := "aws:wafv2/" + t
		idFuncs[typ] = func(o *object) string { return o.uuid("id") }
		outputFuncs[typ] = waf(res)
	}
	base := outputFuncs["aws:wafv2/webAcl:WebAcl"]
	outputFuncs["aws:wafv2/webAcl:WebAcl"] = func(o *object) {
		base(o)
		o.set("capacity", 0)
		o.set("applicationIntegrationUrl", "")
	}
	idFuncs["aws:wafv2/webAclAssociation:WebAclAssociation"] = func(o *object) string {
		return o.str("webAclArn") + "," + o.str("resourceArn")
	}
	idFuncs["aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"] = func(o *object) string { return o.str("resourceArn") }
}

// checkValidationRecords refuses a validation whose records do not cover the certificate's
// domains, with the real provider's message.
func checkValidationRecords(o *object) error {
	fqdns := strs(o.in("validationRecordFqdns"))
	cert := o.state.find("aws:acm/certificate:Certificate", o.str("certificateArn"))
	if len(fqdns) == 0 || cert == nil {
		return nil
	}
	have := map[string]bool{}
	for _, f := range fqdns {
		have[strings.TrimSuffix(f, ".")] = true
	}
	dvos, _ := plain(cert.outputs()["domainValidationOptions"]).([]any)
	for _, d := range dvos {
		m, _ := d.(map[string]any)
		name, _ := m["resourceRecordName"].(string)
		if !have[strings.TrimSuffix(name, ".")] {
			return fmt.Errorf("cloudsim (simulated ACM): missing %v DNS validation record: %s", m["domainName"], name)
		}
	}
	return nil
}

// certificateStatus is PENDING_VALIDATION for a new certificate; an update keeps ISSUED.
func certificateStatus(o *object) string {
	if prev := o.state.find(acmCertificate, o.ID); prev != nil && prev.out("status") == "ISSUED" {
		return "ISSUED"
	}
	return "PENDING_VALIDATION"
}

// issueCertificate marks the validated certificate ISSUED in the simulated world, as ACM does
// once its DNS records resolve. Records the program does not write (pre-seeded in the zone)
// are taken as resolving: the certificate is issued when its validation is created.
func issueCertificate(o *object) {
	if o.Preview || o.state == nil {
		return
	}
	cert := o.state.find(acmCertificate, o.str("certificateArn"))
	if cert == nil || cert.out("status") == "ISSUED" {
		return
	}
	issued := *cert
	issued.Outputs = make(map[string]any, len(cert.Outputs)+1)
	for k, v := range cert.Outputs {
		issued.Outputs[k] = v
	}
	issued.Outputs["status"] = "ISSUED"
	o.state.st.put(&issued)
}

const acmCertificate = "aws:acm/certificate:Certificate"

// validationOptions gives one DNS validation record per domain of the certificate; a wildcard
// shares its base domain's record, as in ACM.
func validationOptions(o *object) []map[string]any {
	domains := []string{o.str("domainName")}
	domains = append(domains, strs(o.in("subjectAlternativeNames"))...)
	seen := map[string]bool{}
	var out []map[string]any
	for _, d := range domains {
		if d == "" || seen[d] {
			continue
		}
		seen[d] = true
		base := strings.TrimPrefix(d, "*.")
		out = append(out, map[string]any{
			"domainName":          d,
			"resourceRecordName":  "_" + hashHex(o.Seed+base, 32) + "." + base + ".",
			"resourceRecordType":  "CNAME",
			"resourceRecordValue": "_" + hashHex(o.Seed+base+"v", 32) + "." + alnumLower(hashHex(base, 20), 10) + ".acm-validations.aws.",
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i]["domainName"].(string) < out[j]["domainName"].(string) })
	return out
}

func alnumLower(hexs string, n int) string { return strings.ToLower(alnum(hexs, n)) }

// albZones and nlbZones are the load balancers' hosted zone ids per region.
var albZones = map[string]string{
	"ca-central-1": "ZQSVJUPU6J1EY", "us-east-1": "Z35SXDOTRQ7X7K", "us-west-2": "Z1H1FL5HABSF5", "ca-west-1": "Z06473681N0SF6OS049SD",
}
var nlbZones = map[string]string{
	"ca-central-1": "Z2EPGBW3API2WT", "us-east-1": "Z26RNL4JYFTOTI", "us-west-2": "Z18D5FSROUN65G", "ca-west-1": "Z02754302KBB00W2LKWZ9",
}
