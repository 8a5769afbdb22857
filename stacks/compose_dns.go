package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/dns"
	"github.com/cds-snc/notification-pulumi/components/network"
)

// composeDNS builds the zone (or finds it), the certificates and the private zone.
func composeDNS(ctx *pulumi.Context, cfg Config, p Providers, net *network.Network) (*dns.DNS, error) {
	delegated := make([]dns.DelegatedAccount, 0, len(cfg.DNS.DelegatedAccounts))
	for _, d := range cfg.DNS.DelegatedAccounts {
		delegated = append(delegated, dns.DelegatedAccount{Environment: d.Environment, AccountID: d.AccountID})
	}
	return dns.New(ctx, "dns", dns.Args{
		NamePrefix: cfg.Prefix(), Domain: cfg.Domain, ZoneName: cfg.DNS.ZoneName,
		CreateZone: cfg.DNS.CreateZone, Protect: cfg.Protect(), DelegatedAccounts: delegated,
		DNSProvider: p.DNS, CloudFrontProvider: p.Email, VpcID: net.VpcID,
		WaitForValidation:         cfg.DNS.WaitForValidation(),
		ExternalValidationRecords: cfg.DNS.ValidationRecordsPreSeeded,
	}, pulumi.Provider(p.Primary))
}
