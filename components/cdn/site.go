package cdn

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudfront"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// site creates a distribution for alias over an S3 origin reached through oac, and its A and
// AAAA aliases in the public zone. rootObject is served for "/" ("" for none).
func (c *CDN) site(ctx *pulumi.Context, key, alias, rootObject string, origin pulumi.StringInput,
	oac *cloudfront.OriginAccessControl, args Args, child []pulumi.ResourceOption) (Site, error) {
	const originID = "s3"
	d := &cloudfront.DistributionArgs{
		Enabled:       pulumi.Bool(true),
		Comment:       pulumi.String(alias),
		Aliases:       pulumi.ToStringArray([]string{alias}),
		IsIpv6Enabled: pulumi.Bool(true),
		HttpVersion:   pulumi.String("http2and3"),
		PriceClass:    pulumi.String(args.PriceClass),
		WebAclId:      args.WebAclArn,
		Origins: cloudfront.DistributionOriginArray{cloudfront.DistributionOriginArgs{
			OriginId:              pulumi.String(originID),
			DomainName:            origin,
			OriginAccessControlId: oac.ID(),
		}},
		DefaultCacheBehavior: cloudfront.DistributionDefaultCacheBehaviorArgs{
			TargetOriginId:          pulumi.String(originID),
			ViewerProtocolPolicy:    pulumi.String("redirect-to-https"),
			AllowedMethods:          pulumi.ToStringArray([]string{"GET", "HEAD", "OPTIONS"}),
			CachedMethods:           pulumi.ToStringArray([]string{"GET", "HEAD"}),
			Compress:                pulumi.Bool(true),
			CachePolicyId:           pulumi.String(CachingOptimized),
			ResponseHeadersPolicyId: pulumi.String(SecurityHeadersPolicy),
		},
		Restrictions: cloudfront.DistributionRestrictionsArgs{
			GeoRestriction: cloudfront.DistributionRestrictionsGeoRestrictionArgs{RestrictionType: pulumi.String("none")},
		},
		ViewerCertificate: cloudfront.DistributionViewerCertificateArgs{
			AcmCertificateArn:      args.CertificateArn,
			SslSupportMethod:       pulumi.String("sni-only"),
			MinimumProtocolVersion: pulumi.String(args.MinimumProtocolVersion),
		},
		Tags: tagging.Named(alias),
	}
	if rootObject != "" {
		d.DefaultRootObject = pulumi.String(rootObject)
	}
	dist, err := cloudfront.NewDistribution(ctx, key, d, child...)
	if err != nil {
		return Site{}, fmt.Errorf("cdn distribution %s: %w", alias, err)
	}
	for _, typ := range []string{"A", "AAAA"} {
		if _, err := route53.NewRecord(ctx, key+"-"+strings.ToLower(typ), &route53.RecordArgs{
			ZoneId: args.ZoneID,
			Name:   pulumi.String(alias),
			Type:   pulumi.String(typ),
			Aliases: route53.RecordAliasArray{route53.RecordAliasArgs{
				Name:                 dist.DomainName,
				ZoneId:               pulumi.String(HostedZoneID),
				EvaluateTargetHealth: pulumi.Bool(false),
			}},
		}, with(child, pulumi.Provider(args.DNSProvider))...); err != nil {
			return Site{}, fmt.Errorf("cdn %s record %s: %w", typ, alias, err)
		}
	}
	return Site{DistributionID: dist.ID().ToStringOutput(), DistributionArn: dist.Arn, DomainName: dist.DomainName, Alias: alias}, nil
}
