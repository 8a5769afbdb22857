package dns

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
)

// AlbCertificateNames are the names on the load balancer's certificate: the domain, every
// host under it, the API and its subdomains, and the document hosts.
func AlbCertificateNames(domain string) []string {
	return []string{domain, "*." + domain, "api." + domain, "*.api." + domain, "*.document." + domain}
}

// CloudFrontCertificateNames are the names on the CloudFront certificate (us-east-1): the
// static assets and the status site.
func CloudFrontCertificateNames(domain string) []string {
	return []string{"assets." + domain, "status." + domain}
}

// ValidationRecord is one DNS record that ACM's DNS validation of a certificate needs.
type ValidationRecord struct {
	// Domain is the certificate name the record proves, without any leading "*.".
	Domain string
	// Label keys the record's logical name by meaning: "apex" for the domain itself, else the
	// labels in front of the domain joined by "-" (api, document, assets).
	Label string
}

// ValidationRecords returns the distinct validation records of a certificate's names, in the
// order of the names. ACM gives a wildcard and its base name the same record (`*.api.x` and
// `api.x` are both proved by `_<hash>.api.x`), so writing one per name would create the same
// Route 53 record twice; one per base name is what the zone must hold.
func ValidationRecords(domain string, names []string) []ValidationRecord {
	seen := map[string]bool{}
	var out []ValidationRecord
	for _, n := range names {
		base := strings.ToLower(strings.TrimPrefix(n, "*."))
		if seen[base] {
			continue
		}
		seen[base] = true
		out = append(out, ValidationRecord{Domain: base, Label: recordLabel(base, strings.ToLower(domain))})
	}
	return out
}

func recordLabel(base, domain string) string {
	if base == domain {
		return "apex"
	}
	return strings.ReplaceAll(strings.TrimSuffix(base, "."+domain), ".", "-")
}

// validationOption finds the record ACM asks for to prove base (or its wildcard). No options
// at all is a certificate not created in this run (a targeted up that skips it): nothing to
// look for yet.
func validationOption(opts []acm.CertificateDomainValidationOption, base string) (acm.CertificateDomainValidationOption, error) {
	if len(opts) == 0 {
		return acm.CertificateDomainValidationOption{}, nil
	}
	for _, o := range opts {
		if o.DomainName != nil && strings.TrimPrefix(strings.ToLower(*o.DomainName), "*.") == base {
			return o, nil
		}
	}
	return acm.CertificateDomainValidationOption{}, fmt.Errorf("acm returned no validation record for %s", base)
}

// DNSManagerRoleName is the role another environment assumes to write its records into this
// environment's zone; the pattern is today's (dev assumes staging's dev_dns_manager_role).
func DNSManagerRoleName(environment string) string { return environment + "_dns_manager_role" }

// DelegatedRecordNames are the values of route53:ChangeResourceRecordSetsNormalizedRecordNames
// (StringLike) that confine a delegated environment to its own domain and everything under
// it. Route 53 normalizes names to lower case without the trailing dot; "*" in the pattern is
// IAM's wildcard, so it also matches wildcard records, which Route 53 normalizes to "\052".
func DelegatedRecordNames(domain string) []string {
	d := strings.TrimSuffix(strings.ToLower(domain), ".")
	return []string{d, "*." + d}
}

var (
	labelRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
)

// within reports whether domain is zone or a name under it.
func within(domain, zone string) bool { return domain == zone || strings.HasSuffix(domain, "."+zone) }
