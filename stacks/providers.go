package stacks

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// Providers are the explicit AWS providers of an environment, created once and passed to the
// components that need them. Default providers are disabled in Pulumi.yaml, so a resource that
// forgets its provider fails instead of landing in the shell's region.
type Providers struct {
	// Primary is the environment's main region (ca-central-1).
	Primary *aws.Provider
	// Email is us-east-1: SES receiving, CloudFront's certificate and WAF.
	Email *aws.Provider
	// SMS is us-west-2: SNS/Pinpoint SMS.
	SMS *aws.Provider
	// Backup is ca-west-1: the secondary backup vault.
	Backup *aws.Provider
	// DNS writes records into the environment's public zone; it assumes dns.roleArn where the
	// zone belongs to another account, and is Primary otherwise.
	DNS *aws.Provider
}

// NewProviders creates the providers, each pinned to the environment's account (the DNS one to
// the zone owner's) and carrying the default tags.
func NewProviders(ctx *pulumi.Context, cfg Config) (Providers, error) {
	tags := &aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(tagging.Defaults(cfg.Environment, cfg.Tags))}
	mk := func(name, region, account string, assume *aws.ProviderAssumeRoleArgs) (*aws.Provider, error) {
		args := &aws.ProviderArgs{
			Region:            pulumi.String(region),
			AllowedAccountIds: pulumi.ToStringArray([]string{account}),
			DefaultTags:       tags,
		}
		if assume != nil {
			args.AssumeRole = assume
		}
		p, err := aws.NewProvider(ctx, name, args)
		if err != nil {
			return nil, fmt.Errorf("provider %s: %w", name, err)
		}
		return p, nil
	}
	var p Providers
	var err error
	if p.Primary, err = mk("aws-"+cfg.Regions.Primary, cfg.Regions.Primary, cfg.AccountID, nil); err != nil {
		return p, err
	}
	if p.Email, err = mk("aws-"+cfg.Regions.Email, cfg.Regions.Email, cfg.AccountID, nil); err != nil {
		return p, err
	}
	if p.SMS, err = mk("aws-"+cfg.Regions.SMS, cfg.Regions.SMS, cfg.AccountID, nil); err != nil {
		return p, err
	}
	if p.Backup, err = mk("aws-"+cfg.Regions.Backup, cfg.Regions.Backup, cfg.AccountID, nil); err != nil {
		return p, err
	}
	p.DNS = p.Primary
	if !cfg.DNS.CreateZone {
		owner := strings.Split(cfg.DNS.RoleArn, ":")[4]
		p.DNS, err = mk("aws-dns", cfg.Regions.Primary, owner, &aws.ProviderAssumeRoleArgs{
			RoleArn:     pulumi.String(cfg.DNS.RoleArn),
			SessionName: pulumi.String("gcnotify-" + cfg.Environment),
		})
		if err != nil {
			return p, err
		}
	}
	return p, nil
}

// Placement is the environment's name prefix, account and regions with their providers, built
// once and handed to every component that is placed by it.
func Placement(cfg Config, p Providers) placement.Placement {
	return placement.Placement{
		NamePrefix: cfg.Prefix(), AccountID: cfg.AccountID, Region: cfg.Regions.Primary,
		SMSRegion: cfg.Regions.SMS, SMSProvider: p.SMS,
		EmailRegion: cfg.Regions.Email, EmailProvider: p.Email,
	}
}
