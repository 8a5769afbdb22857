// Package loadbalancer is GC Notify's front door: the public Application Load Balancer (HTTPS
// with a TLS 1.2+ policy, HTTP redirected to HTTPS, one host rule and IP target group per
// application) and the internal load balancer in front of the cluster's internal nginx ingress.
// Target groups are empty here: the Helm charts bind pods to them by ARN.
package loadbalancer

import (
	"cmp"
	"fmt"
	"maps"
	"net/netip"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
)

// DefaultSSLPolicy accepts TLS 1.2 and 1.3 with forward-secret ciphers only.
const DefaultSSLPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"

// Args configures the load balancers.
type Args struct {
	// NamePrefix names the security groups, e.g. notification-canada-ca-dev. Required.
	NamePrefix string
	// Environment names the load balancers and target groups (PlanNames). Required.
	Environment string
	// Domain is the environment's domain; the host rules are api.<domain>, <domain>, etc.
	// Required.
	Domain string
	// VpcID is the VPC of the target groups and security groups. Required.
	VpcID pulumi.StringInput
	// VpcCidr is the VPC's block: the only destination the load balancers may reach, and the
	// only source of the internal one. Required.
	VpcCidr string
	// PublicSubnetIDs hold the public load balancer; PrivateSubnetIDs the internal one. Required.
	PublicSubnetIDs  pulumi.StringArrayInput
	PrivateSubnetIDs pulumi.StringArrayInput
	// CertificateArn is the HTTPS listener's default (ACM) certificate. Required.
	CertificateArn pulumi.StringInput
	// AdditionalCertificateArns are further certificates on the HTTPS listener (SNI), keyed by
	// meaning (e.g. "api", "document"). Default none.
	AdditionalCertificateArns map[string]pulumi.StringInput
	// InternalCertificateArn is the internal listener's certificate. Default CertificateArn.
	InternalCertificateArn pulumi.StringInput
	// AccessLogsBucket is the alb-logs bucket's name, resolved only once the bucket's policy
	// lets the region's ELB account write (storage's PolicyReadyName): ELB refuses to turn
	// access logs on before ("InvalidConfigurationRequest: Access Denied for bucket"), and an
	// output carries that dependency to both load balancers. Required: access logs are always on.
	AccessLogsBucket pulumi.StringInput
	// AccessLogsPrefix and InternalAccessLogsPrefix are the key prefixes of each load balancer's
	// logs. Default "public-alb" and "internal-alb".
	AccessLogsPrefix         string
	InternalAccessLogsPrefix string
	// AllowDeletion turns deletion protection off (dev, drills). Default false: protected.
	AllowDeletion bool
	// DualStack gives the public load balancer IPv6 as well and opens its ports to ::/0; the
	// public subnets must then have IPv6 blocks. Default false (IPv4 only).
	DualStack bool
	// SSLPolicy is the HTTPS listeners' policy. Default DefaultSSLPolicy.
	SSLPolicy string
	// DesyncMitigationMode is how HTTP desync is handled: "strictest", "defensive" or
	// "monitor". Default "strictest": requests that are not RFC 7230 compliant are refused,
	// which is right for API clients and browsers; relax to "defensive" only if a known client
	// breaks.
	DesyncMitigationMode string
	// IdleTimeoutSeconds is the load balancers' idle timeout. Default 60.
	IdleTimeoutSeconds int
	// DeregistrationDelaySeconds is how long a departing pod keeps its in-flight requests.
	// Default 60 (AWS's 300 s makes every rollout slow; the pods stop within 60 s).
	DeregistrationDelaySeconds int
	// Exposure opens the targets to the load balancers and writes the hosts' aliases. Default
	// none of either.
	Exposure Exposure
}

// LoadBalancer is the two load balancers, their listeners and target groups.
type LoadBalancer struct {
	pulumi.ResourceState

	// Arn, ArnSuffix (the CloudWatch LoadBalancer dimension), DNSName and ZoneID describe the
	// public load balancer; the ZoneID and DNSName are what alias records point at.
	Arn       pulumi.StringOutput
	ArnSuffix pulumi.StringOutput
	DNSName   pulumi.StringOutput
	ZoneID    pulumi.StringOutput
	// HTTPSListenerArn and HTTPListenerArn are the public listeners.
	HTTPSListenerArn pulumi.StringOutput
	HTTPListenerArn  pulumi.StringOutput
	// TargetGroupArns and TargetGroupArnSuffixes are keyed by target (TargetAPI, ...,
	// TargetInternalNginx).
	TargetGroupArns        map[string]pulumi.StringOutput
	TargetGroupArnSuffixes map[string]pulumi.StringOutput
	// SecurityGroupID guards the public load balancer.
	SecurityGroupID pulumi.StringOutput
	// InternalArn, InternalArnSuffix, InternalDNSName, InternalZoneID and
	// InternalHTTPSListenerArn describe the internal load balancer.
	InternalArn              pulumi.StringOutput
	InternalArnSuffix        pulumi.StringOutput
	InternalDNSName          pulumi.StringOutput
	InternalZoneID           pulumi.StringOutput
	InternalHTTPSListenerArn pulumi.StringOutput
	// InternalSecurityGroupID guards the internal load balancer.
	InternalSecurityGroupID pulumi.StringOutput
	// Names are the physical names.
	Names Names
}

func (a Args) withDefaults() Args {
	if a.InternalCertificateArn == nil {
		a.InternalCertificateArn = a.CertificateArn
	}
	a.AccessLogsPrefix = cmp.Or(a.AccessLogsPrefix, "public-alb")
	a.InternalAccessLogsPrefix = cmp.Or(a.InternalAccessLogsPrefix, "internal-alb")
	a.SSLPolicy = cmp.Or(a.SSLPolicy, DefaultSSLPolicy)
	a.DesyncMitigationMode = cmp.Or(a.DesyncMitigationMode, "strictest")
	a.IdleTimeoutSeconds = cmp.Or(a.IdleTimeoutSeconds, 60)
	a.DeregistrationDelaySeconds = cmp.Or(a.DeregistrationDelaySeconds, 60)
	return a
}

func (a Args) validate() error {
	found := problems.New("loadbalancer")
	found.Add(a.Exposure.validate()...)
	bad := found.Bad
	if a.NamePrefix == "" {
		bad("NamePrefix", `""`, "a name prefix such as notification-canada-ca-dev")
	}
	if a.Environment == "" {
		bad("Environment", `""`, "the environment name, e.g. dev")
	} else {
		for _, err := range PlanNames(a.Environment).Validate() {
			found.Addf("Environment %q: %w", a.Environment, err)
		}
	}
	if a.Domain == "" {
		bad("Domain", `""`, "the environment's domain, e.g. notification.canada.ca")
	}
	if p, err := netip.ParsePrefix(a.VpcCidr); err != nil || !p.Addr().Is4() {
		bad("VpcCidr", fmt.Sprintf("%q", a.VpcCidr), "the VPC's IPv4 CIDR block")
	}
	missing := map[string]bool{"VpcID": a.VpcID == nil, "PublicSubnetIDs": a.PublicSubnetIDs == nil,
		"PrivateSubnetIDs": a.PrivateSubnetIDs == nil, "CertificateArn": a.CertificateArn == nil,
		"AccessLogsBucket": a.AccessLogsBucket == nil}
	for _, field := range slices.Sorted(maps.Keys(missing)) {
		if missing[field] {
			bad(field, "nil", "a value (from the network, edge or storage component)")
		}
	}
	for _, k := range slices.Sorted(maps.Keys(a.AdditionalCertificateArns)) {
		if a.AdditionalCertificateArns[k] == nil || !elbName.MatchString(k) {
			bad("AdditionalCertificateArns["+k+"]", "nil or a key that is not a DNS-safe label", "a certificate ARN under a key such as api")
		}
	}
	switch a.DesyncMitigationMode {
	case "strictest", "defensive", "monitor":
	default:
		bad("DesyncMitigationMode", fmt.Sprintf("%q", a.DesyncMitigationMode), `"strictest", "defensive" or "monitor"`)
	}
	if a.IdleTimeoutSeconds < 1 || a.IdleTimeoutSeconds > 4000 {
		bad("IdleTimeoutSeconds", a.IdleTimeoutSeconds, "1 to 4000")
	}
	if a.DeregistrationDelaySeconds < 0 || a.DeregistrationDelaySeconds > 3600 {
		bad("DeregistrationDelaySeconds", a.DeregistrationDelaySeconds, "0 to 3600")
	}
	return found.Err()
}

// New creates the load balancers. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*LoadBalancer, error) {
	args = args.withDefaults()
	lb := &LoadBalancer{Names: PlanNames(args.Environment),
		TargetGroupArns: map[string]pulumi.StringOutput{}, TargetGroupArnSuffixes: map[string]pulumi.StringOutput{}}
	child, err := component.Register(ctx, "gcnotify:loadbalancer:LoadBalancer", name, lb, args.validate, opts...)
	if err != nil {
		return nil, err
	}
	if err := component.Steps(ctx, name, args, child, lb.public, lb.internal, lb.expose); err != nil {
		return nil, err
	}
	arns, suffixes := pulumi.StringMap{}, pulumi.StringMap{}
	for k, v := range lb.TargetGroupArns {
		arns[k] = v
		suffixes[k] = lb.TargetGroupArnSuffixes[k]
	}
	return lb, ctx.RegisterResourceOutputs(lb, pulumi.Map{
		"arn":                      lb.Arn,
		"arnSuffix":                lb.ArnSuffix,
		"dnsName":                  lb.DNSName,
		"zoneId":                   lb.ZoneID,
		"httpsListenerArn":         lb.HTTPSListenerArn,
		"httpListenerArn":          lb.HTTPListenerArn,
		"targetGroupArns":          arns,
		"targetGroupArnSuffixes":   suffixes,
		"securityGroupId":          lb.SecurityGroupID,
		"internalArn":              lb.InternalArn,
		"internalDnsName":          lb.InternalDNSName,
		"internalHttpsListenerArn": lb.InternalHTTPSListenerArn,
		"internalSecurityGroupId":  lb.InternalSecurityGroupID,
	})
}
