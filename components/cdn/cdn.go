// Package cdn is GC Notify's CloudFront: the assets.<domain> distribution over the asset
// bucket and the status.<domain> static site (its own private bucket), both reaching S3
// through origin access control (SigV4, never the legacy origin access identity), serving
// TLS 1.2+ with SNI and the us-east-1 certificate, redirecting HTTP to HTTPS, compressing,
// protected by the CloudFront-scope web ACL, with A and AAAA aliases in the public zone.
//
// The asset bucket's policy belongs to the storage component (one policy per bucket): its
// CloudFrontAssetAccess statement lets this account's distributions read the bucket, since the
// distribution's ARN cannot exist before the bucket it serves. This component never writes a
// policy on the asset bucket; AssetBucketPolicyStatement is the narrower statement (this
// distribution's ARN only) should the composition ever tighten storage's statement.
//
// Standard CloudFront access logs are not enabled: they need a bucket with ACLs enabled, and
// every bucket here enforces bucket ownership; the web ACL's logs record the requests.
package cdn

import (
	"cmp"
	"fmt"
	"regexp"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudfront"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
)

// CloudFront's fixed values.
const (
	// HostedZoneID is the zone of every CloudFront distribution, the target of alias records.
	HostedZoneID = "Z2FDTNDATAQYW2"
	// CachingOptimized is the managed cache policy for static objects.
	CachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6"
	// SecurityHeadersPolicy is the managed response headers policy (HSTS, nosniff, frame
	// options, XSS protection, referrer policy).
	SecurityHeadersPolicy = "67f7725c-6f97-4210-82d7-5512b31e9d03"
)

// Args configures the CDN.
type Args struct {
	// NamePrefix starts physical names, e.g. notification-canada-ca-dev. Required.
	NamePrefix string
	// Domain is the environment's domain; the sites are assets.<Domain> and status.<Domain>.
	// Required.
	Domain string
	// AssetBucketArn and AssetBucketRegionalDomainName are the storage component's asset
	// bucket. Required.
	AssetBucketArn                pulumi.StringInput
	AssetBucketRegionalDomainName pulumi.StringInput
	// CertificateArn is the us-east-1 certificate for assets.<Domain> and status.<Domain>.
	// Required.
	CertificateArn pulumi.StringInput
	// WebAclArn is the CloudFront-scope WAF web ACL. Required.
	WebAclArn pulumi.StringInput
	// ZoneID is the public zone the aliases are written into, through DNSProvider. Required.
	ZoneID pulumi.StringInput
	// DNSProvider writes into the public zone. Required.
	DNSProvider *aws.Provider
	// PriceClass limits the edge locations. Default PriceClass_100 (North America, Europe).
	PriceClass string
	// MinimumProtocolVersion is the viewers' TLS policy. Default TLSv1.2_2021.
	MinimumProtocolVersion string
	// ForceDestroy lets the status bucket be deleted with its objects. Default false.
	ForceDestroy bool
	// Protect protects the status bucket. Default false; the composition sets it outside
	// ephemeral stacks.
	Protect bool
}

// Site is one distribution.
type Site struct {
	// DistributionID, DistributionArn and DomainName (xxx.cloudfront.net) are the distribution's.
	DistributionID  pulumi.StringOutput
	DistributionArn pulumi.StringOutput
	DomainName      pulumi.StringOutput
	// Alias is the site's name, e.g. assets.notification.canada.ca.
	Alias string
}

// CDN is the environment's CloudFront distributions.
type CDN struct {
	pulumi.ResourceState

	Assets Site
	Status Site
	// StatusBucketName and StatusBucketArn are the status site's bucket, where its pages are
	// published.
	StatusBucketName pulumi.StringOutput
	StatusBucketArn  pulumi.StringOutput
	// AssetBucketPolicyStatement is the JSON statement that lets exactly the assets
	// distribution read the asset bucket.
	AssetBucketPolicyStatement pulumi.StringOutput
}

func (a Args) withDefaults() Args {
	a.PriceClass = cmp.Or(a.PriceClass, "PriceClass_100")
	a.MinimumProtocolVersion = cmp.Or(a.MinimumProtocolVersion, "TLSv1.2_2021")
	return a
}

// StatusBucketName is the status site's bucket, where system_status publishes the page's data.
func StatusBucketName(namePrefix string) string { return namePrefix + "-status" }

func (a Args) statusBucketName() string { return StatusBucketName(a.NamePrefix) }

var (
	bucketRE = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
)

// validDomain is awsrule.ValidDomain with room left for "assets." in front.
func validDomain(d string) bool { return len(d) <= 245 && awsrule.ValidDomain(d) }

func (a Args) validate() error {
	found := problems.New("cdn")
	bad := found.Bad
	if a.NamePrefix == "" || !bucketRE.MatchString(a.statusBucketName()) {
		bad("NamePrefix", fmt.Sprintf("%q", a.NamePrefix), "lower-case letters, digits and dashes, at most 56 characters (S3 bucket names)")
	}
	if !validDomain(a.Domain) {
		bad("Domain", fmt.Sprintf("%q", a.Domain), "a lower-case DNS name such as notification.canada.ca")
	}
	if a.PriceClass != "PriceClass_100" && a.PriceClass != "PriceClass_200" && a.PriceClass != "PriceClass_All" {
		bad("PriceClass", fmt.Sprintf("%q", a.PriceClass), "PriceClass_100, PriceClass_200 or PriceClass_All")
	}
	if a.MinimumProtocolVersion != "TLSv1.2_2021" && a.MinimumProtocolVersion != "TLSv1.2_2019" &&
		a.MinimumProtocolVersion != "TLSv1.2_2018" {
		bad("MinimumProtocolVersion", fmt.Sprintf("%q", a.MinimumProtocolVersion), "a TLS 1.2 policy such as TLSv1.2_2021")
	}
	found.Missing("a value (see its doc comment)", map[string]bool{
		"AssetBucketArn":                a.AssetBucketArn == nil,
		"AssetBucketRegionalDomainName": a.AssetBucketRegionalDomainName == nil,
		"CertificateArn":                a.CertificateArn == nil, "WebAclArn": a.WebAclArn == nil,
		"ZoneID": a.ZoneID == nil, "DNSProvider": a.DNSProvider == nil,
	})
	return found.Err()
}

// New creates the CDN. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*CDN, error) {
	args = args.withDefaults()
	c := &CDN{}
	child, err := component.Register(ctx, "gcnotify:cdn:CDN", name, c, args.validate, opts...)
	if err != nil {
		return nil, err
	}

	// One origin access control serves both S3 origins: it only says how CloudFront signs.
	oac, err := cloudfront.NewOriginAccessControl(ctx, name+"-s3-oac", &cloudfront.OriginAccessControlArgs{
		Name:                          pulumi.String(args.NamePrefix + "-s3"),
		Description:                   pulumi.String("CloudFront signs every request to the S3 origins"),
		OriginAccessControlOriginType: pulumi.String("s3"),
		SigningBehavior:               pulumi.String("always"),
		SigningProtocol:               pulumi.String("sigv4"),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("cdn origin access control: %w", err)
	}

	if c.Assets, err = c.site(ctx, name+"-assets", "assets."+args.Domain, "", args.AssetBucketRegionalDomainName, oac, args, child); err != nil {
		return nil, err
	}
	c.AssetBucketPolicyStatement = pulumi.All(args.AssetBucketArn, c.Assets.DistributionArn).ApplyT(func(v []any) string {
		return iampolicy.New(AssetReadStatement(v[0].(string), v[1].(string))).JSON()
	}).(pulumi.StringOutput)
	if err := c.status(ctx, name, args, oac, child); err != nil {
		return nil, err
	}

	site := func(s Site) pulumi.Map {
		return pulumi.Map{"alias": pulumi.String(s.Alias), "distributionId": s.DistributionID,
			"distributionArn": s.DistributionArn, "domainName": s.DomainName}
	}
	return c, ctx.RegisterResourceOutputs(c, pulumi.Map{
		"assets":           site(c.Assets),
		"status":           site(c.Status),
		"statusBucketName": c.StatusBucketName,
		"statusBucketArn":  c.StatusBucketArn,
	})
}

// AssetReadStatement lets one distribution (through origin access control) read a bucket's
// objects.
func AssetReadStatement(bucketArn, distributionArn string) iampolicy.Statement {
	return iampolicy.Statement{
		Sid: "CloudFrontReads", Effect: "Allow", Principal: map[string]any{"Service": "cloudfront.amazonaws.com"},
		Action: []string{"s3:GetObject"}, Resource: []string{bucketArn + "/*"},
		Condition: map[string]any{"StringEquals": map[string]any{"AWS:SourceArn": distributionArn}},
	}
}

// with returns base and more in a new slice, so option lists never share a backing array.
func with(base []pulumi.ResourceOption, more ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return append(append([]pulumi.ResourceOption{}, base...), more...)
}
