// Package email is GC Notify's email with SES: the environment's sending identity in the
// primary region (Easy DKIM, MAIL FROM bounce.<domain>, bounce/complaint/delivery
// notifications to the ses-callback topic, a configuration set with the delivery TLS policy
// asked for), any custom
// sending domains, receiving in us-east-1 (identity, active receipt rule set, a scanning rule
// that invokes the receiving Lambda), and the DNS records SES needs in the environment's zone.
package email

import (
	"cmp"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sesv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// Args configures email.
type Args struct {
	// Placement is the environment's name prefix, account and regions (see
	// placement.Placement for the defaults): NamePrefix starts physical names, only SES in
	// AccountID may invoke the receiving function, Region is the sending region (the
	// component's provider; it names the bounce MX host), and EmailProvider receives mail in
	// EmailRegion (it names the inbound MX host and the rule's ARN). Required: NamePrefix,
	// AccountID and EmailProvider.
	placement.Placement
	// Domain is the environment's sending and receiving domain, e.g. notification.canada.ca.
	// Required.
	Domain string
	// CallbackTopicArn is the ses-callback topic that receives bounce, complaint and delivery
	// notifications; its policy must let ses.amazonaws.com publish. Required.
	CallbackTopicArn pulumi.StringInput
	// ZoneID is the public zone the SES records are written into, through DNSProvider.
	// Required.
	ZoneID pulumi.StringInput
	// DNSProvider writes into the public zone. Required.
	DNSProvider *aws.Provider
	// CustomDomains are further sending domains (owned by client departments): each gets its
	// identity, DKIM, MAIL FROM and notifications; their owners publish the DNS records from
	// CustomDomainDkimTokens. Default none.
	CustomDomains []string
	// TLSPolicy is the configuration set's delivery TLS policy: REQUIRE (mail to a server
	// without STARTTLS bounces) or OPTIONAL (SES's opportunistic TLS: encrypted whenever the
	// receiving server offers it). Default REQUIRE.
	TLSPolicy string
	// DMARC is the DMARC record published at _dmarc.<Domain>. Default DefaultDMARC.
	DMARC string
	// Protect protects the sending identities: deleting one loses its DKIM verification, which
	// takes up to 72 hours to regain. Default false; the composition sets it outside ephemeral
	// stacks.
	Protect bool
	// ReceivingFunctionArn is the ses_receiving_emails function (in EmailRegion) the
	// receipt rule invokes. Required.
	ReceivingFunctionArn pulumi.StringInput
	// ReceiptRuleSet names the receipt rule set made active. Default DefaultReceiptRuleSet.
	ReceiptRuleSet string
	// ReceiptRuleSetExists says ReceiptRuleSet already exists and is the active set of
	// EmailRegion (an account today's Terraform built): the rule is added to it, and it
	// is neither created nor activated. Default false.
	ReceiptRuleSetExists bool
	// OverwriteRecords writes the records the zone already holds with the same values (the
	// inbound MX, the MAIL FROM MX, DMARC and the DKIM CNAMEs of an adopted identity) with
	// allowOverwrite. The _amazonses and MAIL FROM SPF records never overwrite: where they
	// exist they are adopted with `pulumi import` (docs/design.md). Default false.
	OverwriteRecords bool
}

// Email is SES sending and receiving for the environment.
type Email struct {
	pulumi.ResourceState

	// IdentityArn is the sending domain's identity.
	IdentityArn pulumi.StringOutput
	// ConfigurationSetName is the identity's default configuration set.
	ConfigurationSetName pulumi.StringOutput
	// DkimRecordNames are the three DKIM CNAMEs written into the zone.
	DkimRecordNames pulumi.StringArrayOutput
	// MailFromDomain is the MAIL FROM domain of the sending domain.
	MailFromDomain string
	// CustomDomainIdentityArns and CustomDomainDkimTokens describe each custom domain; its
	// owner publishes <token>._domainkey.<domain> CNAME <token>.dkim.amazonses.com.
	CustomDomainIdentityArns map[string]pulumi.StringOutput
	CustomDomainDkimTokens   map[string]pulumi.StringArrayOutput
	// ReceiptRuleName is the receipt rule that invokes the receiving function.
	ReceiptRuleName string
}

func (a Args) withDefaults() Args {
	a.Placement = a.Placement.WithDefaults()
	a.TLSPolicy = cmp.Or(a.TLSPolicy, "REQUIRE")
	a.DMARC = cmp.Or(a.DMARC, DefaultDMARC)
	a.ReceiptRuleSet = cmp.Or(a.ReceiptRuleSet, DefaultReceiptRuleSet)
	return a
}

func (a Args) configurationSetName() string { return ConfigurationSetName(a.NamePrefix) }
func (a Args) receiptRuleName() string      { return a.NamePrefix + "-receiving-emails" }

func (a Args) validate() error {
	found := problems.New("email")
	bad := found.Bad
	a.Placement.Check(found, placement.Uses{NamePrefix: true, Email: true})
	if a.NamePrefix != "" && (!configSetRE.MatchString(a.configurationSetName()) || !ruleNameRE.MatchString(a.receiptRuleName())) {
		bad("NamePrefix", fmt.Sprintf("%q", a.NamePrefix), "letters, digits and dashes, at most 47 characters (SES name limits)")
	}
	if !awsrule.ValidDomain(a.Domain) {
		bad("Domain", fmt.Sprintf("%q", a.Domain), "a lower-case DNS name such as notification.canada.ca")
	}
	seen := map[string]bool{a.Domain: true}
	for _, d := range a.CustomDomains {
		if !awsrule.ValidDomain(d) || seen[d] {
			bad("CustomDomains", fmt.Sprintf("%q", d), "a lower-case DNS name, listed once and not Domain")
		}
		seen[d] = true
	}
	if a.TLSPolicy != "REQUIRE" && a.TLSPolicy != "OPTIONAL" {
		bad("TLSPolicy", fmt.Sprintf("%q", a.TLSPolicy), "REQUIRE or OPTIONAL")
	}
	if !ruleNameRE.MatchString(a.ReceiptRuleSet) {
		bad("ReceiptRuleSet", fmt.Sprintf("%q", a.ReceiptRuleSet), "letters, digits, '.', '_' or '-', at most 64 characters")
	}
	found.Missing("a value (see its doc comment)", map[string]bool{
		"CallbackTopicArn": a.CallbackTopicArn == nil, "ZoneID": a.ZoneID == nil,
		"DNSProvider": a.DNSProvider == nil, "ReceivingFunctionArn": a.ReceivingFunctionArn == nil,
	})
	return found.Err()
}

// New creates email. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Email, error) {
	args = args.withDefaults()
	e := &Email{MailFromDomain: MailFromDomain(args.Domain), ReceiptRuleName: args.receiptRuleName(),
		CustomDomainIdentityArns: map[string]pulumi.StringOutput{}, CustomDomainDkimTokens: map[string]pulumi.StringArrayOutput{}}
	child, err := component.Register(ctx, "gcnotify:email:Email", name, e, args.validate, opts...)
	if err != nil {
		return nil, err
	}

	set, err := sesv2.NewConfigurationSet(ctx, name+"-configuration-set", &sesv2.ConfigurationSetArgs{
		ConfigurationSetName: pulumi.String(args.configurationSetName()),
		DeliveryOptions:      &sesv2.ConfigurationSetDeliveryOptionsArgs{TlsPolicy: pulumi.String(args.TLSPolicy)},
		ReputationOptions:    &sesv2.ConfigurationSetReputationOptionsArgs{ReputationMetricsEnabled: pulumi.Bool(true)},
		SendingOptions:       &sesv2.ConfigurationSetSendingOptionsArgs{SendingEnabled: pulumi.Bool(true)},
		Tags:                 tagging.Named(args.configurationSetName()),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("email configuration set: %w", err)
	}
	e.ConfigurationSetName = set.ConfigurationSetName

	main, err := e.identity(ctx, name, args.Domain, args, set, child)
	if err != nil {
		return nil, err
	}
	e.IdentityArn = main.Arn
	if err := e.records(ctx, name, args, main, child); err != nil {
		return nil, err
	}
	for _, d := range args.CustomDomains {
		id, err := e.identity(ctx, name+"-"+Slug(d), d, args, set, child)
		if err != nil {
			return nil, err
		}
		e.CustomDomainIdentityArns[d] = id.Arn
		e.CustomDomainDkimTokens[d] = id.DkimSigningAttributes.Tokens()
	}
	if err := e.receiving(ctx, name, args, child); err != nil {
		return nil, err
	}

	custom := pulumi.Map{}
	for d, arn := range e.CustomDomainIdentityArns {
		custom[d] = pulumi.Map{"identityArn": arn, "dkimTokens": e.CustomDomainDkimTokens[d]}
	}
	return e, ctx.RegisterResourceOutputs(e, pulumi.Map{
		"identityArn":          e.IdentityArn,
		"configurationSetName": e.ConfigurationSetName,
		"dkimRecordNames":      e.DkimRecordNames,
		"mailFromDomain":       pulumi.String(e.MailFromDomain),
		"customDomains":        custom,
		"receiptRuleName":      pulumi.String(e.ReceiptRuleName),
	})
}

// with returns base and more in a new slice, so option lists never share a backing array.
func with(base []pulumi.ResourceOption, more ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return append(append([]pulumi.ResourceOption{}, base...), more...)
}
