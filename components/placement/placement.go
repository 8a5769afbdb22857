// Package placement is where a component goes: the environment's name prefix, its account, its
// primary region, and the SMS and email regions with their providers. The composition builds
// one Placement per environment and hands the same value to every component that needs it, so
// the components agree on it and validate it by one rule.
package placement

import (
	"cmp"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
)

// Default regions, applied by WithDefaults.
const (
	DefaultRegion      = "ca-central-1"
	DefaultSMSRegion   = "us-west-2"
	DefaultEmailRegion = "us-east-1"
)

// Placement is an environment's account and regions.
type Placement struct {
	// NamePrefix starts physical names, e.g. notification-canada-ca-dev. Required by the
	// components that name resources with it (Uses.NamePrefix).
	NamePrefix string
	// AccountID is the environment's 12-digit AWS account. Required.
	AccountID string
	// Region is the primary region, that of the component's own provider. Default
	// ca-central-1.
	Region string
	// SMSRegion is SMSProvider's region, home of SNS SMS's second region and Pinpoint SMS v2.
	// Default us-west-2.
	SMSRegion string
	// SMSProvider creates resources in SMSRegion. Required by the components that work there
	// (Uses.SMS).
	SMSProvider *aws.Provider
	// EmailRegion is EmailProvider's region, home of SES receiving and of CloudFront's
	// certificates. Default us-east-1.
	EmailRegion string
	// EmailProvider creates resources in EmailRegion. Required by the components that work
	// there (Uses.Email).
	EmailProvider *aws.Provider
}

// Uses says which parts of a Placement a component needs beyond AccountID and Region, which
// every component needs.
type Uses struct {
	NamePrefix bool
	SMS        bool
	Email      bool
}

// WithDefaults fills the regions left empty.
func (p Placement) WithDefaults() Placement {
	p.Region = cmp.Or(p.Region, DefaultRegion)
	p.SMSRegion = cmp.Or(p.SMSRegion, DefaultSMSRegion)
	p.EmailRegion = cmp.Or(p.EmailRegion, DefaultEmailRegion)
	return p
}

// Check records in found what is wrong with the parts of p the component uses: NamePrefix
// empty, AccountID not a 12-digit account id, a region not an AWS region's name or the same as
// another used region, a used region's provider missing.
func (p Placement) Check(found *problems.List, uses Uses) {
	if uses.NamePrefix && p.NamePrefix == "" {
		found.Addf("NamePrefix: got \"\", want the environment's prefix, e.g. notification-canada-ca-dev")
	}
	if !awsrule.AccountID.MatchString(p.AccountID) {
		found.Addf("AccountID: got %q, want %s", p.AccountID, awsrule.AccountIDRule)
	}
	regions := []struct {
		field, value, providerField string
		provider                    *aws.Provider
		used                        bool
	}{
		{"Region", p.Region, "", nil, true},
		{"SMSRegion", p.SMSRegion, "SMSProvider", p.SMSProvider, uses.SMS},
		{"EmailRegion", p.EmailRegion, "EmailProvider", p.EmailProvider, uses.Email},
	}
	seen := map[string]string{}
	for _, r := range regions {
		if !r.used {
			continue
		}
		if !awsrule.SimpleRegion.MatchString(r.value) {
			found.Addf("%s: got %q, want an AWS region such as ca-central-1", r.field, r.value)
		} else if other, dup := seen[r.value]; dup {
			found.Addf("%s: got %q, the same as %s; want distinct regions", r.field, r.value, other)
		} else {
			seen[r.value] = r.field
		}
		if r.providerField != "" && r.provider == nil {
			found.Addf("%s: got nil, want the provider of %s", r.providerField, r.field)
		}
	}
}
