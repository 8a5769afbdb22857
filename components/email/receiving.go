package email

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ses"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// receiving sets up SES receiving in the receiving region: the domain's identity (verified by
// its _amazonses TXT record), the receipt rule set made active, and a rule that requires TLS,
// scans for spam and viruses and invokes the receiving function, which replies to people who
// answer a notification. The domain's MX points at SES receiving: the function reads mail
// addressed to @<Domain> (the sending domain itself), so the MX is on Domain, which is the
// zone's apex in production and a name under the sandbox zone elsewhere; the MAIL FROM domain
// has its own MX for bounces.
//
// The active receipt rule set is one per account and region: only one stack per account may
// own it, and where the account already has one (ReceiptRuleSetExists) the rule joins it.
func (e *Email) receiving(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	inRegion := with(child, pulumi.Provider(args.EmailProvider))
	id, err := ses.NewDomainIdentity(ctx, name+"-receiving-identity", &ses.DomainIdentityArgs{
		Domain: pulumi.String(args.Domain),
	}, inRegion...)
	if err != nil {
		return fmt.Errorf("email receiving identity: %w", err)
	}
	inZone := with(child, pulumi.Provider(args.DNSProvider))
	if _, err := route53.NewRecord(ctx, name+"-receiving-verification", &route53.RecordArgs{
		ZoneId:  args.ZoneID,
		Name:    pulumi.String("_amazonses." + args.Domain),
		Type:    pulumi.String("TXT"),
		Ttl:     pulumi.Int(1800),
		Records: pulumi.StringArray{id.VerificationToken},
	}, inZone...); err != nil {
		return fmt.Errorf("email receiving verification record: %w", err)
	}
	mx := &route53.RecordArgs{
		ZoneId:  args.ZoneID,
		Name:    pulumi.String(args.Domain),
		Type:    pulumi.String("MX"),
		Ttl:     pulumi.Int(1800),
		Records: pulumi.StringArray{pulumi.String(InboundMX(args.EmailRegion))},
	}
	if args.OverwriteRecords {
		mx.AllowOverwrite = pulumi.Bool(true)
	}
	if _, err := route53.NewRecord(ctx, name+"-inbound-mx", mx, inZone...); err != nil {
		return fmt.Errorf("email inbound mx record: %w", err)
	}

	ruleSet, err := e.ruleSet(ctx, name, args, inRegion)
	if err != nil {
		return err
	}
	// The permission belongs with the trigger: SES checks it can invoke the function when the
	// rule is created, and only this account's rule may invoke it.
	permission, err := lambda.NewPermission(ctx, name+"-receiving-invoke", &lambda.PermissionArgs{
		Action:        pulumi.String("lambda:InvokeFunction"),
		Function:      args.ReceivingFunctionArn,
		Principal:     pulumi.String("ses.amazonaws.com"),
		SourceAccount: pulumi.String(args.AccountID),
		SourceArn: pulumi.String(ReceiptRuleSourceArn(args.EmailRegion, args.AccountID, args.ReceiptRuleSet,
			args.receiptRuleName())),
	}, inRegion...)
	if err != nil {
		return fmt.Errorf("email receiving permission: %w", err)
	}
	if _, err := ses.NewReceiptRule(ctx, name+"-receiving-rule", &ses.ReceiptRuleArgs{
		Name:        pulumi.String(args.receiptRuleName()),
		RuleSetName: ruleSet,
		Recipients:  pulumi.StringArray{pulumi.String(args.Domain)},
		Enabled:     pulumi.Bool(true),
		ScanEnabled: pulumi.Bool(true),
		TlsPolicy:   pulumi.String("Require"),
		LambdaActions: ses.ReceiptRuleLambdaActionArray{ses.ReceiptRuleLambdaActionArgs{
			FunctionArn:    args.ReceivingFunctionArn,
			InvocationType: pulumi.String("Event"),
			Position:       pulumi.Int(1),
		}},
	}, with(inRegion, pulumi.DependsOn([]pulumi.Resource{permission}))...); err != nil {
		return fmt.Errorf("email receipt rule: %w", err)
	}
	return nil
}

// ruleSet creates the receipt rule set and makes it active, or names the account's active one
// when it already exists (one per account and region).
func (e *Email) ruleSet(ctx *pulumi.Context, name string, args Args, inRegion []pulumi.ResourceOption) (pulumi.StringInput, error) {
	if args.ReceiptRuleSetExists {
		return pulumi.String(args.ReceiptRuleSet), nil
	}
	set, err := ses.NewReceiptRuleSet(ctx, name+"-rule-set", &ses.ReceiptRuleSetArgs{
		RuleSetName: pulumi.String(args.ReceiptRuleSet),
	}, inRegion...)
	if err != nil {
		return nil, fmt.Errorf("email receipt rule set: %w", err)
	}
	if _, err := ses.NewActiveReceiptRuleSet(ctx, name+"-active-rule-set", &ses.ActiveReceiptRuleSetArgs{
		RuleSetName: set.RuleSetName,
	}, inRegion...); err != nil {
		return nil, fmt.Errorf("email active receipt rule set: %w", err)
	}
	return set.RuleSetName, nil
}
