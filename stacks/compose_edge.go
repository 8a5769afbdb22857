package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/cdn"
	"github.com/cds-snc/notification-pulumi/components/dns"
	"github.com/cds-snc/notification-pulumi/components/eks"
	"github.com/cds-snc/notification-pulumi/components/loadbalancer"
	"github.com/cds-snc/notification-pulumi/components/network"
	"github.com/cds-snc/notification-pulumi/components/waf"
)

// Edge is what the public reaches: the load balancers, their web ACLs and the CDN.
type Edge struct {
	LoadBalancer *loadbalancer.LoadBalancer
	WAF          *waf.WAF
	CDN          *cdn.CDN
}

// composeEdge builds the load balancers, their web ACLs and the CDN.
func composeEdge(ctx *pulumi.Context, cfg Config, p Providers, core Core, net *network.Network,
	k8s *eks.Cluster, zone *dns.DNS) (Edge, error) {
	primary := pulumi.Provider(p.Primary)
	var e Edge
	var err error
	e.LoadBalancer, err = loadbalancer.New(ctx, "loadbalancer", loadbalancer.Args{
		NamePrefix: cfg.Prefix(), Environment: cfg.Environment, Domain: cfg.Domain,
		VpcID: net.VpcID, VpcCidr: cfg.Network.VpcCidr,
		PublicSubnetIDs: net.PublicSubnetIDs, PrivateSubnetIDs: net.PrivateSubnetIDs,
		CertificateArn:   zone.AlbCertificateArn,
		AccessLogsBucket: core.Storage.AlbLogsBucket.PolicyReadyName,
		AllowDeletion:    !cfg.DeletionProtection,
		Exposure: loadbalancer.Exposure{TargetSecurityGroupID: k8s.NodeSecurityGroupID,
			ZoneID: zone.ZoneID, DNSProvider: p.DNS, OverwriteApex: cfg.Existing.DNSRecords,
			PrivateZoneID: zone.PrivateZoneID, PrivateZoneName: zone.PrivateZoneName},
	}, primary)
	if err != nil {
		return e, err
	}
	e.WAF, err = waf.New(ctx, "waf", waf.Args{
		NamePrefix: cfg.Prefix(), LoadBalancerArn: e.LoadBalancer.Arn,
		NewRuleMode: waf.Mode(cfg.WAFNewRuleMode), BlockedIPv4Cidrs: cfg.WAF.BlockedCidrs,
		LogRetentionDays: cfg.LogRetentionDays, LogKmsKeyArn: core.Keys.MainKeyArn,
		CloudFrontProvider: p.Email, CloudFrontLogKmsKeyArn: core.Keys.EmailRegionKeyArn,
	}, primary)
	if err != nil {
		return e, err
	}
	e.CDN, err = cdn.New(ctx, "cdn", cdn.Args{
		NamePrefix: cfg.Prefix(), Domain: cfg.Domain,
		AssetBucketArn: core.Storage.AssetBucket.Arn, AssetBucketRegionalDomainName: core.Storage.AssetBucket.RegionalDomainName,
		CertificateArn: zone.CloudFrontCertificateArn, WebAclArn: e.WAF.CloudFrontWebACLArn,
		ZoneID: zone.ZoneID, DNSProvider: p.DNS, ForceDestroy: cfg.ForceDestroy, Protect: cfg.Protect(),
	}, primary)
	return e, err
}
