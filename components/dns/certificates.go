package dns

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// certificate creates a DNS-validated certificate for names (the first is the domain name)
// in the region of region (nil: the component's provider), writes its distinct validation
// records into the public zone through the DNS provider, and waits for issue when asked. It
// returns the ARN consumers should use: the validated one when waiting.
//
// The records' names and values come from the certificate's outputs, but how many records
// there are and what they prove is known from the names alone (ValidationRecords), so every
// record is an ordinary resource visible in preview, never one created inside an apply.
func (d *DNS) certificate(ctx *pulumi.Context, name string, args Args, role string, names []string, region *aws.Provider) (pulumi.StringOutput, error) {
	opts := []pulumi.ResourceOption{pulumi.Parent(d)}
	if region != nil {
		opts = with(opts, pulumi.Provider(region))
	}
	cert, err := acm.NewCertificate(ctx, name+"-certificate", &acm.CertificateArgs{
		DomainName:              pulumi.String(names[0]),
		SubjectAlternativeNames: pulumi.ToStringArray(names[1:]),
		ValidationMethod:        pulumi.String("DNS"),
		KeyAlgorithm:            pulumi.String("RSA_2048"),
		Options: &acm.CertificateOptionsArgs{
			CertificateTransparencyLoggingPreference: pulumi.String("ENABLED"),
		},
		Tags: tagging.Named(args.NamePrefix + "-" + role),
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("dns %s certificate: %w", role, err)
	}

	var fqdns pulumi.StringArray
	if !args.ExternalValidationRecords {
		for _, r := range ValidationRecords(args.Domain, names) {
			base := r.Domain
			opt := cert.DomainValidationOptions.ApplyT(func(all []acm.CertificateDomainValidationOption) (acm.CertificateDomainValidationOption, error) {
				return validationOption(all, base)
			}).(acm.CertificateDomainValidationOptionOutput)
			rec, err := route53.NewRecord(ctx, name+"-validation-"+r.Label, &route53.RecordArgs{
				ZoneId:  d.ZoneID,
				Name:    opt.ResourceRecordName().Elem(),
				Type:    pulumi.String("CNAME"),
				Ttl:     pulumi.Int(300),
				Records: pulumi.StringArray{opt.ResourceRecordValue().Elem()},
				// ACM gives the same record to the same name in an account, so a rebuilt or
				// second certificate for a name finds its record already there.
				AllowOverwrite: pulumi.Bool(true),
			}, pulumi.Parent(d), pulumi.Provider(args.DNSProvider))
			if err != nil {
				return pulumi.StringOutput{}, fmt.Errorf("dns %s validation record %s: %w", role, r.Domain, err)
			}
			fqdns = append(fqdns, rec.Fqdn)
		}
	}
	if !args.WaitForValidation {
		return cert.Arn, nil
	}
	v, err := acm.NewCertificateValidation(ctx, name+"-certificate-validation", &acm.CertificateValidationArgs{
		CertificateArn:        cert.Arn,
		ValidationRecordFqdns: fqdns,
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("dns %s certificate validation: %w", role, err)
	}
	return v.CertificateArn, nil
}
