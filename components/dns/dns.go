// Package dns is GC Notify's "DNS and certificates": the environment's public hosted zone
// (created where the environment's account owns it, looked up otherwise), the role that lets
// another environment write its own records into that zone, the ACM certificates of the load
// balancer (ca-central-1) and of CloudFront (us-east-1) with their DNS validation, and the
// private zone notification.prv.
//
// DNS writes only the records of its own certificates. Other components write their records
// (SES, aliases to the load balancer and CloudFront) themselves: they take ZoneID and the DNS
// provider as Args, so no component reaches into another's children.
package dns

import (
	"cmp"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// DefaultPrivateZoneName is the private zone of internal names.
const DefaultPrivateZoneName = "notification.prv"

// DelegatedAccount is another environment allowed to write records for its own domain
// (<Environment>.<zone name>) into this environment's zone.
type DelegatedAccount struct {
	// Environment names the environment: it names the role (<env>_dns_manager_role) and the
	// domain the role may write under. Required.
	Environment string
	// AccountID is the environment's 12-digit AWS account, trusted to assume the role. Required.
	AccountID string
}

// Args configures DNS and certificates.
type Args struct {
	// NamePrefix names the tags, e.g. notification-canada-ca-dev. Required.
	NamePrefix string
	// Domain is the environment's domain, e.g. dev.notification.cdssandbox.xyz. Required.
	Domain string
	// ZoneName is the public zone holding Domain's records. Default Domain.
	ZoneName string
	// CreateZone creates the public zone (the environment's account owns it); otherwise the
	// zone is looked up by name through DNSProvider (route53.getZone: the zone's id is not in the
	// configuration, only its name). Default false.
	CreateZone bool
	// Protect protects the zones from deletion. Default false; the composition sets it outside
	// ephemeral stacks.
	Protect bool
	// DelegatedAccounts get a DNS manager role each; only allowed with CreateZone. Default none.
	DelegatedAccounts []DelegatedAccount
	// DNSProvider writes into the public zone: it assumes the zone owner's role where another
	// account owns the zone. Required.
	DNSProvider *aws.Provider
	// CloudFrontProvider is a us-east-1 provider, the only region CloudFront takes certificates
	// from (the composition's email-region provider). Required.
	CloudFrontProvider *aws.Provider
	// VpcID is the VPC the private zone is associated with. Required.
	VpcID pulumi.StringInput
	// PrivateZoneName is the private zone's name. Default DefaultPrivateZoneName.
	PrivateZoneName string
	// WaitForValidation waits (acm.CertificateValidation) until both certificates are issued,
	// so consumers of the ARNs get issued certificates. Default false; the composition passes
	// dns.waitForCertificates (default true).
	WaitForValidation bool
	// ExternalValidationRecords means the validation records are kept outside the program
	// (production's are pre-seeded in the DNS account): none are written. Default false.
	ExternalValidationRecords bool
}

// DNS is the environment's zones and certificates.
type DNS struct {
	pulumi.ResourceState

	// ZoneID and ZoneName are the public zone other components write their records into,
	// through the DNS provider.
	ZoneID   pulumi.StringOutput
	ZoneName string
	// NameServers are the public zone's name servers, to delegate to at the parent zone.
	NameServers pulumi.StringArrayOutput
	// AlbCertificateArn and CloudFrontCertificateArn are the certificates; when waiting for
	// validation they resolve only once the certificate is issued.
	AlbCertificateArn        pulumi.StringOutput
	CloudFrontCertificateArn pulumi.StringOutput
	// PrivateZoneID and PrivateZoneName are the private zone of internal names.
	PrivateZoneID   pulumi.StringOutput
	PrivateZoneName string
	// DNSManagerRoleArns are the delegated environments' roles, keyed by environment.
	DNSManagerRoleArns map[string]pulumi.StringOutput
}

func (a Args) withDefaults() Args {
	a.ZoneName = cmp.Or(a.ZoneName, a.Domain)
	a.PrivateZoneName = cmp.Or(a.PrivateZoneName, DefaultPrivateZoneName)
	return a
}

func (a Args) validate() error {
	found := problems.New("dns")
	bad := found.Bad
	if a.NamePrefix == "" {
		bad("NamePrefix", `""`, "a name prefix such as notification-canada-ca-dev")
	}
	if !awsrule.ValidDomain(a.Domain) {
		bad("Domain", fmt.Sprintf("%q", a.Domain), "a lower-case DNS name such as dev.notification.cdssandbox.xyz")
	}
	if !awsrule.ValidDomain(a.ZoneName) || !within(a.Domain, a.ZoneName) {
		bad("ZoneName", fmt.Sprintf("%q", a.ZoneName), "a lower-case DNS name equal to or above Domain "+a.Domain)
	}
	if !awsrule.ValidDomain(a.PrivateZoneName) {
		bad("PrivateZoneName", fmt.Sprintf("%q", a.PrivateZoneName), "a lower-case DNS name such as notification.prv")
	}
	if len(a.DelegatedAccounts) > 0 && !a.CreateZone {
		bad("DelegatedAccounts", len(a.DelegatedAccounts), "none unless CreateZone (only the zone's owner can delegate)")
	}
	seen := map[string]bool{}
	for _, d := range a.DelegatedAccounts {
		// A role name is at most 64 characters.
		if !labelRE.MatchString(d.Environment) || len(DNSManagerRoleName(d.Environment)) > 64 || seen[d.Environment] {
			bad("DelegatedAccounts.Environment", fmt.Sprintf("%q", d.Environment), "a unique DNS label of at most 47 characters")
		}
		seen[d.Environment] = true
		if !awsrule.AccountID.MatchString(d.AccountID) {
			bad("DelegatedAccounts["+d.Environment+"].AccountID", fmt.Sprintf("%q", d.AccountID), "a 12-digit AWS account id")
		}
	}
	if a.DNSProvider == nil {
		bad("DNSProvider", "nil", "the provider that writes into the public zone")
	}
	if a.CloudFrontProvider == nil {
		bad("CloudFrontProvider", "nil", "a us-east-1 provider")
	}
	if a.VpcID == nil {
		bad("VpcID", "nil", "the VPC id the private zone is associated with")
	}
	return found.Err()
}

// New creates DNS and certificates. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*DNS, error) {
	args = args.withDefaults()
	d := &DNS{ZoneName: args.ZoneName, PrivateZoneName: args.PrivateZoneName,
		DNSManagerRoleArns: map[string]pulumi.StringOutput{}}
	child, err := component.Register(ctx, "gcnotify:dns:DNS", name, d, args.validate, opts...)
	if err != nil {
		return nil, err
	}
	inZoneAccount := with(child, pulumi.Provider(args.DNSProvider))

	var zoneArn pulumi.StringOutput
	if args.CreateZone {
		zone, err := route53.NewZone(ctx, name+"-zone", &route53.ZoneArgs{
			Name:    pulumi.String(args.ZoneName),
			Comment: pulumi.String("GC Notify public zone"),
			Tags:    tagging.Named(args.ZoneName),
		}, with(inZoneAccount, pulumi.Protect(args.Protect))...)
		if err != nil {
			return nil, fmt.Errorf("dns zone: %w", err)
		}
		d.ZoneID, d.NameServers, zoneArn = zone.ZoneId, zone.NameServers, zone.Arn
	} else {
		zone := route53.LookupZoneOutput(ctx, route53.LookupZoneOutputArgs{
			Name:        pulumi.String(args.ZoneName),
			PrivateZone: pulumi.Bool(false),
		}, pulumi.Parent(d), pulumi.Provider(args.DNSProvider))
		d.ZoneID, d.NameServers = zone.ZoneId(), zone.NameServers()
	}
	for _, del := range args.DelegatedAccounts {
		arn, err := d.delegate(ctx, name, args, del, zoneArn, inZoneAccount)
		if err != nil {
			return nil, err
		}
		d.DNSManagerRoleArns[del.Environment] = arn
	}

	if d.AlbCertificateArn, err = d.certificate(ctx, name+"-alb", args, "alb", AlbCertificateNames(args.Domain), nil); err != nil {
		return nil, err
	}
	if d.CloudFrontCertificateArn, err = d.certificate(ctx, name+"-cloudfront", args, "cloudfront",
		CloudFrontCertificateNames(args.Domain), args.CloudFrontProvider); err != nil {
		return nil, err
	}

	private, err := route53.NewZone(ctx, name+"-private-zone", &route53.ZoneArgs{
		Name:    pulumi.String(args.PrivateZoneName),
		Comment: pulumi.String("GC Notify internal names"),
		Vpcs:    route53.ZoneVpcArray{route53.ZoneVpcArgs{VpcId: args.VpcID}},
		Tags:    tagging.Named(args.PrivateZoneName),
	}, with(child, pulumi.Protect(args.Protect))...)
	if err != nil {
		return nil, fmt.Errorf("dns private zone: %w", err)
	}
	d.PrivateZoneID = private.ZoneId

	roles := pulumi.StringMap{}
	for env, arn := range d.DNSManagerRoleArns {
		roles[env] = arn
	}
	return d, ctx.RegisterResourceOutputs(d, pulumi.Map{
		"zoneId":                   d.ZoneID,
		"zoneName":                 pulumi.String(d.ZoneName),
		"nameServers":              d.NameServers,
		"albCertificateArn":        d.AlbCertificateArn,
		"cloudFrontCertificateArn": d.CloudFrontCertificateArn,
		"privateZoneId":            d.PrivateZoneID,
		"dnsManagerRoleArns":       roles,
	})
}

// with returns base and more in a new slice, so option lists never share a backing array.
func with(base []pulumi.ResourceOption, more ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return append(append([]pulumi.ResourceOption{}, base...), more...)
}
