package functions

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// maxPrefixListEntries is EC2's limit on a managed prefix list's capacity.
const maxPrefixListEntries = 1000

func usesPrefixList(catalog []Spec) bool {
	for _, s := range catalog {
		if s.PrefixList {
			return true
		}
	}
	return false
}

// prefixList creates the managed prefix list of Google's CIDRs in the primary region when a
// catalog function rewrites it. It starts empty: google-cidr fills it on its first run, and the
// program never writes entries, so its daily changes are not drift.
func (f *Functions) prefixList(ctx *pulumi.Context, name string, args Args, catalog []Spec) error {
	if !usesPrefixList(catalog) {
		return nil
	}
	pl, err := ec2.NewManagedPrefixList(ctx, name+"-google-cidrs", &ec2.ManagedPrefixListArgs{
		Name:          pulumi.String(args.GooglePrefixList.Name),
		AddressFamily: pulumi.String("IPv4"),
		MaxEntries:    pulumi.Int(args.GooglePrefixList.MaxEntries),
		Tags:          tagging.Named(args.GooglePrefixList.Name),
	}, pulumi.Parent(f), pulumi.IgnoreChanges([]string{"entries"}))
	if err != nil {
		return fmt.Errorf("functions google prefix list: %w", err)
	}
	f.GooglePrefixListID, f.GooglePrefixListArn = pl.ID().ToStringOutput(), pl.Arn
	return nil
}

func (p PrefixList) validate(catalog []Spec) []error {
	if !usesPrefixList(catalog) {
		return nil
	}
	var errs []error
	if p.MaxEntries < 1 || p.MaxEntries > maxPrefixListEntries {
		errs = append(errs, fmt.Errorf("functions: GooglePrefixList.MaxEntries: got %d, want 1 to %d", p.MaxEntries, maxPrefixListEntries))
	}
	if len(p.Name) > 255 || strings.HasPrefix(strings.ToLower(p.Name), "com.amazonaws") {
		errs = append(errs, fmt.Errorf("functions: GooglePrefixList.Name: got %q, want at most 255 characters, not starting with com.amazonaws", p.Name))
	}
	return errs
}
