// Package waf is GC Notify's web application firewall: the regional web ACL on the public load
// balancer (IP blocklist, size limits, rate limits, geo restriction, AWS managed rule groups)
// and the CloudFront-scope web ACL of the asset distribution, both logging to CloudWatch Logs
// with credentials redacted. Rules added by this project follow the environment's NewRuleMode:
// they block outside production and count in production until promoted.
//
// Shield Advanced: pulumi-aws v6.83.4 has no subscription resource (only protections and
// protection groups, which need the subscription); the subscription stays a manual step of a
// rebuild, as today.
package waf

import (
	"fmt"
	"net/netip"
	"regexp"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/problems"
)

// LogGroupPrefix is the prefix AWS WAF requires of a CloudWatch Logs logging destination.
const LogGroupPrefix = "aws-waf-logs-"

// Defaults of the rule numbers: the inventory's rate limits, per IP per 5 minutes.
const (
	DefaultRateLimitNonAPI = 750
	DefaultRateLimitAPI    = 30000
	DefaultRateLimitSignIn = 100
	// DefaultNonAPIBodyLimitBytes is 8 KB: the admin's forms post a few hundred bytes, and 8 KB
	// is also all a load balancer forwards to WAF, so it is the largest limit WAF can measure.
	DefaultNonAPIBodyLimitBytes = 8192
	// DefaultAPIBodyLimitBytes is 20 MB: the largest legitimate API request is a notification
	// with a 10 MB attachment, base64-encoded (about 13.4 MB) plus its JSON.
	DefaultAPIBodyLimitBytes = 20_000_000
	// DefaultCloudFrontRateLimit is generous: a page pulls a dozen assets, and government
	// departments share a few egress addresses.
	DefaultCloudFrontRateLimit = 10000
)

// DefaultGeoAllowedCountries may call the API: Canada, and the United States where several
// departments' cloud-hosted services send from (as today).
var DefaultGeoAllowedCountries = []string{"CA", "US"}

// Args configures the firewalls.
type Args struct {
	// NamePrefix starts every physical name, e.g. notification-canada-ca-dev. Required.
	NamePrefix string
	// LoadBalancerArn is the public load balancer the regional web ACL protects (loadbalancer
	// component's Arn). Required.
	LoadBalancerArn pulumi.StringInput
	// NewRuleMode is what the rules marked New do: "block" or "count". Required (dev and staging
	// block, production counts).
	NewRuleMode Mode
	// BlockedIPv4Cidrs are refused outright (IPv4 CIDRs, e.g. 203.0.113.7/32). Default none:
	// the set exists, empty, ready for an incident.
	BlockedIPv4Cidrs []string
	// GeoAllowedCountries are the ISO 3166 codes allowed to reach the API hosts. Default
	// DefaultGeoAllowedCountries.
	GeoAllowedCountries []string
	// RateLimitNonAPI, RateLimitAPI and RateLimitSignIn are requests per IP per 5 minutes.
	// Default 750, 30000 and 100.
	RateLimitNonAPI int
	RateLimitAPI    int
	RateLimitSignIn int
	// NonAPIBodyLimitBytes is the largest body a non-API host accepts, multipart uploads
	// excepted; at most 8192. Default DefaultNonAPIBodyLimitBytes.
	NonAPIBodyLimitBytes int
	// APIBodyLimitBytes is the largest declared Content-Length the API hosts accept. Default
	// DefaultAPIBodyLimitBytes.
	APIBodyLimitBytes int
	// LogRetentionDays is the WAF logs' retention: one of awsrule.LogRetentionDays, 0 never expires. No default of its own: the composition
	// passes the environment's logRetentionDays (default 365, stacks/defaults.go).
	LogRetentionDays int
	// LogKmsKeyArn encrypts the regional log group. Default none (CloudWatch's own encryption).
	LogKmsKeyArn pulumi.StringInput
	// CloudFrontProvider is the us-east-1 provider that CloudFront-scope resources require.
	// Required.
	CloudFrontProvider *aws.Provider
	// CloudFrontLogKmsKeyArn encrypts the CloudFront ACL's log group (a us-east-1 key). Default
	// none.
	CloudFrontLogKmsKeyArn pulumi.StringInput
	// CloudFrontRateLimit is the asset distribution's requests per IP per 5 minutes. Default
	// DefaultCloudFrontRateLimit.
	CloudFrontRateLimit int
}

func (a Args) withDefaults() Args {
	if a.GeoAllowedCountries == nil {
		a.GeoAllowedCountries = DefaultGeoAllowedCountries
	}
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&a.RateLimitNonAPI, DefaultRateLimitNonAPI)
	def(&a.RateLimitAPI, DefaultRateLimitAPI)
	def(&a.RateLimitSignIn, DefaultRateLimitSignIn)
	def(&a.NonAPIBodyLimitBytes, DefaultNonAPIBodyLimitBytes)
	def(&a.APIBodyLimitBytes, DefaultAPIBodyLimitBytes)
	def(&a.CloudFrontRateLimit, DefaultCloudFrontRateLimit)
	return a
}

var (
	wafName     = regexp.MustCompile(`^[\w-]{1,128}$`)
	countryCode = regexp.MustCompile(`^[A-Z]{2}$`)
)

func (a Args) validate() error {
	found := problems.New("waf")
	bad := found.Bad
	if a.NamePrefix == "" || !wafName.MatchString(a.NamePrefix+"-cloudfront-waf") {
		bad("NamePrefix", fmt.Sprintf("%q", a.NamePrefix), "letters, digits, - and _ (up to 113 characters), e.g. notification-canada-ca-dev")
	}
	if a.LoadBalancerArn == nil {
		bad("LoadBalancerArn", "nil", "the public load balancer's ARN")
	}
	if a.NewRuleMode != ModeBlock && a.NewRuleMode != ModeCount {
		bad("NewRuleMode", fmt.Sprintf("%q", a.NewRuleMode), `"block" or "count"`)
	}
	for _, c := range a.BlockedIPv4Cidrs {
		if p, err := netip.ParsePrefix(c); err != nil || !p.Addr().Is4() || p.Masked() != p {
			bad("BlockedIPv4Cidrs", fmt.Sprintf("%q", c), "an IPv4 network in CIDR form, e.g. 203.0.113.0/24")
		}
	}
	if len(a.GeoAllowedCountries) == 0 {
		bad("GeoAllowedCountries", "[]", "at least one country code (an empty list would block the API for everyone)")
	}
	for _, c := range a.GeoAllowedCountries {
		if !countryCode.MatchString(c) {
			bad("GeoAllowedCountries", fmt.Sprintf("%q", c), "ISO 3166 alpha-2 codes such as CA")
		}
	}
	// AWS accepts rate limits from 10 to 2,000,000,000 requests per window.
	for field, v := range map[string]int{"RateLimitNonAPI": a.RateLimitNonAPI, "RateLimitAPI": a.RateLimitAPI,
		"RateLimitSignIn": a.RateLimitSignIn, "CloudFrontRateLimit": a.CloudFrontRateLimit} {
		if v < 10 || v > 2_000_000_000 {
			bad(field, v, "10 to 2000000000 requests per 5 minutes")
		}
	}
	if a.NonAPIBodyLimitBytes < 1 || a.NonAPIBodyLimitBytes > 8192 {
		bad("NonAPIBodyLimitBytes", a.NonAPIBodyLimitBytes, "1 to 8192 (a load balancer forwards only 8 KB of body to WAF)")
	}
	if a.APIBodyLimitBytes < 8192 {
		bad("APIBodyLimitBytes", a.APIBodyLimitBytes, "8192 or more")
	}
	found.LogRetention(a.LogRetentionDays)
	if a.CloudFrontProvider == nil {
		bad("CloudFrontProvider", "nil", "the us-east-1 provider")
	}
	return found.Sorted()
}
