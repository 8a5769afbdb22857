package pulumimock

import (
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// The computed outputs and invokes the dns, email, sms and cdn components read: ACM validation
// records, SES DKIM tokens and verification tokens, hosted zone ids and name servers,
// CloudFront domain names, bucket domain names. Values are derived from the inputs so they are
// stable across runs and differ between resources. Types other groups may also answer (records,
// buckets, log groups) are only added when no one else has.
func init() {
	for typ, f := range map[string]OutputFunc{
		"aws:route53/zone:Zone":                    c3ZoneOutputs,
		"aws:acm/certificate:Certificate":          c3CertificateOutputs,
		"aws:sesv2/emailIdentity:EmailIdentity":    c3EmailIdentityOutputs,
		"aws:ses/domainIdentity:DomainIdentity":    c3SesDomainIdentityOutputs,
		"aws:cloudfront/distribution:Distribution": c3DistributionOutputs,
		"aws:route53/record:Record":                c3RecordOutputs,
		"aws:s3/bucketV2:BucketV2":                 c3BucketOutputs,
		"aws:cloudwatch/logGroup:LogGroup":         c3LogGroupOutputs,
	} {
		if _, taken := defaultOutputs[typ]; !taken {
			defaultOutputs[typ] = f
		}
	}
	if _, taken := defaultInvokes["aws:route53/getZone:getZone"]; !taken {
		defaultInvokes["aws:route53/getZone:getZone"] = c3GetZone
	}
}

// c3ShortHash is a stable lower-case hex digest of s, n characters long (n <= 16).
func c3ShortHash(s string, n int) string {
	h := fnv.New64a()
	_, _ = h.Write([]byte(s))
	return fmt.Sprintf("%016x", h.Sum64())[:n]
}

func c3ZoneIDOf(name string) string { return "Z" + strings.ToUpper(c3ShortHash(name, 12)) }

func c3Strings2(vals ...string) resource.PropertyValue {
	out := make([]resource.PropertyValue, len(vals))
	for i, v := range vals {
		out[i] = resource.NewStringProperty(v)
	}
	return resource.NewArrayProperty(out)
}

func c3NameServersOf(name string) resource.PropertyValue {
	h := c3ShortHash(name, 4)
	return c3Strings2("ns-"+h+"1.awsdns-01.com", "ns-"+h+"2.awsdns-02.net", "ns-"+h+"3.awsdns-03.org",
		"ns-"+h+"4.awsdns-04.co.uk")
}

func c3ZoneOutputs(r Resource, _, _ string) resource.PropertyMap {
	id := c3ZoneIDOf(r.String("name") + r.Name)
	return resource.PropertyMap{
		"zoneId":      resource.NewStringProperty(id),
		"arn":         resource.NewStringProperty("arn:aws:route53:::hostedzone/" + id),
		"nameServers": c3NameServersOf(r.String("name")),
	}
}

// c3GetZone answers a public zone lookup by name as Route 53 would for an existing zone.
func c3GetZone(_ *Mocks, args resource.PropertyMap, _ string) (resource.PropertyMap, error) {
	name, _ := plain(args["name"]).(string)
	if name == "" {
		return nil, fmt.Errorf("pulumimock: c3GetZone needs a name")
	}
	id := c3ZoneIDOf(name)
	return resource.PropertyMap{
		"id":          resource.NewStringProperty(id),
		"zoneId":      resource.NewStringProperty(id),
		"name":        resource.NewStringProperty(name),
		"arn":         resource.NewStringProperty("arn:aws:route53:::hostedzone/" + id),
		"nameServers": c3NameServersOf(name),
		"privateZone": resource.NewBoolProperty(false),
	}, nil
}

// c3CertificateOutputs gives one validation option per name, the same record for a wildcard and
// its base name, as ACM does.
func c3CertificateOutputs(r Resource, region, account string) resource.PropertyMap {
	names := []string{r.String("domainName")}
	if sans, ok := r.Input("subjectAlternativeNames").([]any); ok {
		for _, s := range sans {
			names = append(names, fmt.Sprint(s))
		}
	}
	var opts []resource.PropertyValue
	for _, n := range names {
		base := strings.TrimPrefix(n, "*.")
		h := c3ShortHash(account+base, 16)
		opts = append(opts, resource.NewObjectProperty(resource.PropertyMap{
			"domainName":          resource.NewStringProperty(n),
			"resourceRecordName":  resource.NewStringProperty("_" + h + "." + base + "."),
			"resourceRecordType":  resource.NewStringProperty("CNAME"),
			"resourceRecordValue": resource.NewStringProperty("_" + c3ShortHash(h, 16) + ".acm-validations.aws."),
		}))
	}
	return resource.PropertyMap{
		"arn":                     resource.NewStringProperty(fmt.Sprintf("arn:aws:acm:%s:%s:certificate/%s", region, account, r.ID)),
		"domainValidationOptions": resource.NewArrayProperty(opts),
	}
}

// c3EmailIdentityOutputs gives the three Easy DKIM tokens SES returns for a domain identity.
func c3EmailIdentityOutputs(r Resource, region, account string) resource.PropertyMap {
	identity := r.String("emailIdentity")
	var tokens []string
	for i := 1; i <= 3; i++ {
		tokens = append(tokens, c3ShortHash(fmt.Sprintf("%s/%s/%d", region, identity, i), 16))
	}
	attrs := resource.PropertyMap{"tokens": c3Strings2(tokens...), "status": resource.NewStringProperty("PENDING")}
	if in, ok := r.Inputs["dkimSigningAttributes"]; ok && in.IsObject() {
		for k, v := range in.ObjectValue() {
			attrs[k] = v
		}
	}
	return resource.PropertyMap{
		"arn":                   resource.NewStringProperty(fmt.Sprintf("arn:aws:ses:%s:%s:identity/%s", region, account, identity)),
		"identityType":          resource.NewStringProperty("DOMAIN"),
		"dkimSigningAttributes": resource.NewObjectProperty(attrs),
	}
}

func c3SesDomainIdentityOutputs(r Resource, region, account string) resource.PropertyMap {
	domain := r.String("domain")
	return resource.PropertyMap{
		"arn":               resource.NewStringProperty(fmt.Sprintf("arn:aws:ses:%s:%s:identity/%s", region, account, domain)),
		"verificationToken": resource.NewStringProperty(c3ShortHash(region+domain, 16) + "="),
	}
}

func c3DistributionOutputs(r Resource, _, account string) resource.PropertyMap {
	id := "E" + strings.ToUpper(c3ShortHash(r.Name, 13))
	return resource.PropertyMap{
		"arn":          resource.NewStringProperty(fmt.Sprintf("arn:aws:cloudfront::%s:distribution/%s", account, id)),
		"domainName":   resource.NewStringProperty("d" + c3ShortHash(r.Name, 13) + ".cloudfront.net"),
		"hostedZoneId": resource.NewStringProperty("Z2FDTNDATAQYW2"),
	}
}

func c3RecordOutputs(r Resource, _, _ string) resource.PropertyMap {
	return resource.PropertyMap{"fqdn": resource.NewStringProperty(strings.TrimSuffix(r.String("name"), "."))}
}

func c3BucketOutputs(r Resource, region, _ string) resource.PropertyMap {
	bucket := r.String("bucket")
	if bucket == "" {
		bucket = r.Name
	}
	return resource.PropertyMap{
		"bucket":                   resource.NewStringProperty(bucket),
		"arn":                      resource.NewStringProperty("arn:aws:s3:::" + bucket),
		"bucketDomainName":         resource.NewStringProperty(bucket + ".s3.amazonaws.com"),
		"bucketRegionalDomainName": resource.NewStringProperty(bucket + ".s3." + region + ".amazonaws.com"),
	}
}

func c3LogGroupOutputs(r Resource, region, account string) resource.PropertyMap {
	name := r.String("name")
	if name == "" {
		name = r.Name
	}
	return resource.PropertyMap{
		"arn": resource.NewStringProperty(fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s", region, account, name)),
	}
}
