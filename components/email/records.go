package email

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sesv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// dkimTokens is how many tokens Easy DKIM gives an identity: always three.
const dkimTokens = 3

// records writes the sending domain's records into the zone through the DNS provider: three
// DKIM CNAMEs, the MAIL FROM domain's MX and SPF, and DMARC. (The inbound MX and the receiving
// verification record are written by receiving.)
//
// The DKIM tokens are only known once the identity exists, but their number is not: Easy DKIM
// always returns exactly three. So the three records are ordinary resources, keyed by position
// (dkim-1..3, stable because SES fixes the count), whose name and value are outputs of
// tokens[i]. Nothing is created inside an apply, so preview shows every record, and a single
// deployment creates the identity and its records: no ordering hack, no separate stage.
func (e *Email) records(ctx *pulumi.Context, name string, args Args, id *sesv2.EmailIdentity, child []pulumi.ResourceOption) error {
	inZone := with(child, pulumi.Provider(args.DNSProvider))
	record := func(role, typ string, ttl int, recordName pulumi.StringInput, value pulumi.StringInput) (*route53.Record, error) {
		ra := &route53.RecordArgs{
			ZoneId:  args.ZoneID,
			Name:    recordName,
			Type:    pulumi.String(typ),
			Ttl:     pulumi.Int(ttl),
			Records: pulumi.StringArray{value},
		}
		// The MAIL FROM SPF record differs from today's production one: it is adopted, not
		// overwritten, so the difference shows in the preview (docs/design.md).
		if args.OverwriteRecords && role != "mail-from-spf" {
			ra.AllowOverwrite = pulumi.Bool(true)
		}
		r, err := route53.NewRecord(ctx, name+"-"+role, ra, inZone...)
		if err != nil {
			return nil, fmt.Errorf("email %s record: %w", role, err)
		}
		return r, nil
	}

	tokens := id.DkimSigningAttributes.Tokens()
	var names pulumi.StringArray
	for i := 0; i < dkimTokens; i++ {
		// Read without indexing: a targeted up that skips the identity leaves the list empty.
		token := tokens.ApplyT(func(ts []string) string {
			if i >= len(ts) {
				return ""
			}
			return ts[i]
		}).(pulumi.StringOutput)
		recordName := token.ApplyT(func(t string) string { n, _ := DkimRecord(t, args.Domain); return n }).(pulumi.StringOutput)
		value := token.ApplyT(func(t string) string { _, v := DkimRecord(t, args.Domain); return v }).(pulumi.StringOutput)
		if _, err := record(fmt.Sprintf("dkim-%d", i+1), "CNAME", 1800, recordName, value); err != nil {
			return err
		}
		names = append(names, recordName)
	}
	e.DkimRecordNames = names.ToStringArrayOutput()

	mailFrom := pulumi.String(MailFromDomain(args.Domain))
	if _, err := record("mail-from-mx", "MX", 1800, mailFrom, pulumi.String(BounceMX(args.Region))); err != nil {
		return err
	}
	if _, err := record("mail-from-spf", "TXT", 1800, mailFrom, pulumi.String(SPF)); err != nil {
		return err
	}
	if _, err := record("dmarc", "TXT", 1800, pulumi.String("_dmarc."+args.Domain), pulumi.String(args.DMARC)); err != nil {
		return err
	}
	return nil
}
