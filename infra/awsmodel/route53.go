package awsmodel

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Route 53: hosted zones, records, DNSSEC, health checks and Resolver.
func init() {
	outputFuncs["aws:route53/zone:Zone"] = func(o *Object) {
		o.set("zoneId", o.ID)
		o.set("arn", "arn:aws:route53:::hostedzone/"+o.ID)
		ns := nameServers(o.Seed)
		o.set("nameServers", ns)
		o.set("primaryNameServer", ns[0])
		o.def("comment", "Managed by Pulumi")
		o.def("forceDestroy", false)
	}
	idFuncs["aws:route53/zone:Zone"] = func(o *Object) string { return "Z0" + o.upper("zone", 19) }
	outputFuncs["aws:route53/record:Record"] = func(o *Object) {
		name := strings.TrimSuffix(o.str("name"), ".")
		zone := strings.TrimSuffix(o.lookupOut("aws:route53/zone:Zone", o.str("zoneId"), "name"), ".")
		if zone != "" && name != zone && !strings.HasSuffix(name, "."+zone) {
			name += "." + zone
		}
		o.set("fqdn", name)
	}
	idFuncs["aws:route53/record:Record"] = func(o *Object) string {
		id := o.str("zoneId") + "_" + strings.TrimSuffix(o.str("name"), ".") + "_" + o.str("type")
		if s := o.str("setIdentifier"); s != "" {
			id += "_" + s
		}
		return id
	}
	idFuncs["aws:route53/hostedZoneDnsSec:HostedZoneDnsSec"] = func(o *Object) string { return o.str("hostedZoneId") }
	outputFuncs["aws:route53/keySigningKey:KeySigningKey"] = func(o *Object) {
		o.set("keyTag", int(HashNum(o.Seed)%65535))
		o.set("digestAlgorithmMnemonic", "SHA-256")
		o.set("digestValue", strings.ToUpper(o.hex("digest", 64)))
		o.set("dsRecord", fmt.Sprintf("%d 13 2 %s", HashNum(o.Seed)%65535, strings.ToUpper(o.hex("digest", 64))))
		o.set("signingAlgorithmMnemonic", "ECDSAP256SHA256")
	}
	idFuncs["aws:route53/keySigningKey:KeySigningKey"] = func(o *Object) string { return o.str("hostedZoneId") + "," + o.name() }
	outputFuncs["aws:route53/healthCheck:HealthCheck"] = func(o *Object) {
		o.set("arn", "arn:aws:route53:::healthcheck/"+o.ID)
	}
	idFuncs["aws:route53/healthCheck:HealthCheck"] = func(o *Object) string { return o.uuid("hc") }

	resolver := func(res string) outputFunc {
		return func(o *Object) {
			o.set("arn", o.arn("route53resolver", res+"/"+o.ID))
			o.def("ownerId", o.Account)
		}
	}
	outputFuncs["aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig"] = func(o *Object) {
		resolver("resolver-query-log-config")(o)
		o.set("shareStatus", "NOT_SHARED")
	}
	outputFuncs["aws:route53/resolverDnsSecConfig:ResolverDnsSecConfig"] = func(o *Object) {
		resolver("resolver-dnssec-config")(o)
		o.set("validationStatus", "ENABLED")
	}
	outputFuncs["aws:route53/resolverEndpoint:ResolverEndpoint"] = resolver("resolver-endpoint")
	outputFuncs["aws:route53/resolverRule:ResolverRule"] = resolver("resolver-rule")
}

// nameServers are a zone's four name servers, one per top-level domain as Route 53 assigns them.
func nameServers(seed string) []string {
	n := HashNum(seed)
	return []string{
		fmt.Sprintf("ns-%d.awsdns-%02d.com", n%512, n%64),
		fmt.Sprintf("ns-%d.awsdns-%02d.net", 512+n%512, (n/7)%64),
		fmt.Sprintf("ns-%d.awsdns-%02d.org", 1024+n%512, (n/11)%64),
		fmt.Sprintf("ns-%d.awsdns-%02d.co.uk", 1536+n%512, (n/13)%64),
	}
}

// externalZoneSeed makes a zone that exists outside the world (a parent zone another account
// owns) look the same in every consumer: its id and name servers derive from owner and name.
func externalZoneSeed(account, name string) string { return "external-zone|" + account + "|" + name }

// ExternalZoneID is the stable id of a public zone that exists outside the world: Z0 and 19
// upper-case alphanumerics, like Route 53's.
func ExternalZoneID(account, name string) string {
	return "Z0" + Upper(externalZoneSeed(account, name)+"|zone", 19)
}

// ExternalZone is route53.getZone's answer for a public zone of account that exists outside
// the world.
func ExternalZone(account, name string) resource.PropertyMap {
	id := ExternalZoneID(account, name)
	return ZoneResult(id, name, "arn:aws:route53:::hostedzone/"+id, nameServers(externalZoneSeed(account, name)), false)
}

// ZoneResult is route53.getZone's answer for a zone.
func ZoneResult(id, name, arn string, ns []string, private bool) resource.PropertyMap {
	return resource.PropertyMap{
		"id": Value(id), "zoneId": Value(id), "name": Value(name), "arn": Value(arn),
		"nameServers": Value(ns), "privateZone": Value(private), "comment": Value(""),
		"callerReference": Value("cloudsim-" + id), "resourceRecordSetCount": Value(2),
		"tags": Value(map[string]any{}), "primaryNameServer": Value(ns[0]),
	}
}

// GetExternalZone answers route53.getZone where every public zone looked up by name exists
// outside the world, owned by account: the offline render and the unit-test mocks, which
// have no world of zones.
func GetExternalZone(account string, args resource.PropertyMap) (resource.PropertyMap, error) {
	name := strings.TrimSuffix(Str(args, "name"), ".")
	if private, _ := Plain(args["privateZone"]).(bool); private || name == "" {
		return nil, fmt.Errorf("route53.getZone: only public zones looked up by name exist outside the stack (name %q, private %t)", name, private)
	}
	return ExternalZone(account, name), nil
}
