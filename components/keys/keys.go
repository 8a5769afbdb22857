// Package keys is GC Notify's customer-managed KMS keys: the main key of the primary region,
// one key in each of the email (us-east-1) and SMS (us-west-2) regions, and the two backup vault
// keys (primary region and ca-west-1). Every key rotates yearly, has an alias
// alias/<NamePrefix>-<purpose>, and a policy that lets the account administer it and lets
// exactly the services that use it do so (see Plan).
package keys

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// Args configures the keys.
type Args struct {
	// NamePrefix starts every alias, e.g. notification-canada-ca-dev. Required.
	NamePrefix string
	// AccountID is the 12-digit account the keys belong to; policies are scoped to it. Required.
	AccountID string
	// PrimaryRegion is the region of the component's provider. Default ca-central-1.
	PrimaryRegion string
	// EmailRegion is EmailProvider's region. Default us-east-1.
	EmailRegion string
	// SMSRegion is SMSProvider's region. Default us-west-2.
	SMSRegion string
	// BackupRegion is BackupProvider's region (secondary backup vault). Default ca-west-1.
	BackupRegion string
	// EmailProvider, SMSProvider and BackupProvider create the keys of those regions. Required.
	EmailProvider  *aws.Provider
	SMSProvider    *aws.Provider
	BackupProvider *aws.Provider
	// DeletionWindowDays is the waiting period before a deleted key is destroyed, 7 to 30.
	// Default 30; ephemeral stacks pass 7.
	DeletionWindowDays int
	// Protect marks the keys protected (refused by `pulumi destroy`). Default false; the
	// composition sets it outside ephemeral stacks.
	Protect bool
	// RestoreAccounts are other accounts allowed to restore database snapshots encrypted with
	// the main key, once a snapshot is shared with them (Spec.RestoreAccounts). Default none.
	RestoreAccounts []string
}

// Keys are the estate's KMS keys.
type Keys struct {
	pulumi.ResourceState

	// MainKeyArn and MainKeyID are the primary region's key.
	MainKeyArn pulumi.StringOutput
	MainKeyID  pulumi.StringOutput
	// EmailRegionKeyArn and EmailRegionKeyID are the email region's (us-east-1) key.
	EmailRegionKeyArn pulumi.StringOutput
	EmailRegionKeyID  pulumi.StringOutput
	// SMSRegionKeyArn and SMSRegionKeyID are the SMS region's (us-west-2) key.
	SMSRegionKeyArn pulumi.StringOutput
	SMSRegionKeyID  pulumi.StringOutput
	// BackupKeyArn and BackupKeyID encrypt the primary backup vault.
	BackupKeyArn pulumi.StringOutput
	BackupKeyID  pulumi.StringOutput
	// BackupSecondaryKeyArn and BackupSecondaryKeyID encrypt the ca-west-1 backup vault.
	BackupSecondaryKeyArn pulumi.StringOutput
	BackupSecondaryKeyID  pulumi.StringOutput
	// Aliases are the alias names by purpose, e.g. alias/notification-canada-ca-dev-main.
	Aliases map[Purpose]string
}

func (a Args) withDefaults() Args {
	a.PrimaryRegion = cmp.Or(a.PrimaryRegion, "ca-central-1")
	a.EmailRegion = cmp.Or(a.EmailRegion, "us-east-1")
	a.SMSRegion = cmp.Or(a.SMSRegion, "us-west-2")
	a.BackupRegion = cmp.Or(a.BackupRegion, "ca-west-1")
	a.DeletionWindowDays = cmp.Or(a.DeletionWindowDays, 30)
	return a
}

var (
	// aliasRE is KMS's alias grammar; an alias is at most 256 characters.
	aliasRE = regexp.MustCompile(`^alias/[a-zA-Z0-9/_-]+$`)
)

func (a Args) validate() error {
	var errs []error
	if a.NamePrefix == "" {
		errs = append(errs, errors.New("keys: NamePrefix: got empty, want a name prefix such as notification-canada-ca-dev"))
	} else if alias := aliasName(a.NamePrefix, BackupSecondary); !aliasRE.MatchString(alias) || len(alias) > 256 {
		errs = append(errs, fmt.Errorf("keys: NamePrefix: got %q, want letters, digits, '/', '_' and '-' making aliases of at most 256 characters", a.NamePrefix))
	}
	if !awsrule.AccountID.MatchString(a.AccountID) {
		errs = append(errs, fmt.Errorf("keys: AccountID: got %q, want a 12-digit AWS account id", a.AccountID))
	}
	regions := []struct{ field, value string }{{"PrimaryRegion", a.PrimaryRegion}, {"EmailRegion", a.EmailRegion},
		{"SMSRegion", a.SMSRegion}, {"BackupRegion", a.BackupRegion}}
	seen := map[string]string{}
	for _, r := range regions {
		if !awsrule.SimpleRegion.MatchString(r.value) {
			errs = append(errs, fmt.Errorf("keys: %s: got %q, want an AWS region such as ca-central-1", r.field, r.value))
		} else if other, dup := seen[r.value]; dup {
			errs = append(errs, fmt.Errorf("keys: %s: got %q, the same as %s; want four distinct regions", r.field, r.value, other))
		} else {
			seen[r.value] = r.field
		}
	}
	providers := []struct {
		field string
		p     *aws.Provider
	}{{"EmailProvider", a.EmailProvider}, {"SMSProvider", a.SMSProvider}, {"BackupProvider", a.BackupProvider}}
	for _, p := range providers {
		if p.p == nil {
			errs = append(errs, fmt.Errorf("keys: %s: got nil, want the provider of that region", p.field))
		}
	}
	if a.DeletionWindowDays < 7 || a.DeletionWindowDays > 30 {
		errs = append(errs, fmt.Errorf("keys: DeletionWindowDays: got %d, want 7 to 30", a.DeletionWindowDays))
	}
	for _, acct := range a.RestoreAccounts {
		if !awsrule.AccountID.MatchString(acct) || acct == a.AccountID {
			errs = append(errs, fmt.Errorf("keys: RestoreAccounts: got %q, want the 12-digit id of another account", acct))
		}
	}
	return errors.Join(errs...)
}

func aliasName(prefix string, p Purpose) string { return "alias/" + prefix + "-" + string(p) }

// New creates the keys. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Keys, error) {
	args = args.withDefaults()
	if err := args.validate(); err != nil {
		return nil, err
	}
	k := &Keys{Aliases: map[Purpose]string{}}
	if err := ctx.RegisterComponentResource("gcnotify:keys:Keys", name, k, opts...); err != nil {
		return nil, err
	}
	providers := map[string]*aws.Provider{
		args.EmailRegion: args.EmailProvider, args.SMSRegion: args.SMSProvider, args.BackupRegion: args.BackupProvider,
	}
	type made struct{ arn, id pulumi.StringOutput }
	keys := map[Purpose]made{}
	for _, spec := range Plan(args.AccountID, args.PrimaryRegion, args.EmailRegion, args.SMSRegion, args.BackupRegion) {
		if spec.Purpose == Main {
			spec.RestoreAccounts = args.RestoreAccounts
		}
		// Keys of the primary region inherit the component's provider through their parent.
		child := []pulumi.ResourceOption{pulumi.Parent(k)}
		if spec.Region != args.PrimaryRegion {
			child = append(child, pulumi.Provider(providers[spec.Region]))
		}
		alias := aliasName(args.NamePrefix, spec.Purpose)
		key, err := kms.NewKey(ctx, name+"-"+string(spec.Purpose), &kms.KeyArgs{
			Description:          pulumi.String(spec.Description),
			EnableKeyRotation:    pulumi.Bool(true),
			DeletionWindowInDays: pulumi.Int(args.DeletionWindowDays),
			Policy:               Policy(spec, args.AccountID).String(),
			Tags:                 tagging.Named(args.NamePrefix + "-" + string(spec.Purpose)),
		}, append(child, pulumi.Protect(args.Protect))...)
		if err != nil {
			return nil, fmt.Errorf("keys %s key: %w", spec.Purpose, err)
		}
		if _, err := kms.NewAlias(ctx, name+"-"+string(spec.Purpose), &kms.AliasArgs{
			Name:        pulumi.String(alias),
			TargetKeyId: key.KeyId,
		}, child...); err != nil {
			return nil, fmt.Errorf("keys %s alias: %w", spec.Purpose, err)
		}
		keys[spec.Purpose] = made{key.Arn, key.KeyId}
		k.Aliases[spec.Purpose] = alias
	}
	k.MainKeyArn, k.MainKeyID = keys[Main].arn, keys[Main].id
	k.EmailRegionKeyArn, k.EmailRegionKeyID = keys[EmailRegion].arn, keys[EmailRegion].id
	k.SMSRegionKeyArn, k.SMSRegionKeyID = keys[SMSRegion].arn, keys[SMSRegion].id
	k.BackupKeyArn, k.BackupKeyID = keys[Backup].arn, keys[Backup].id
	k.BackupSecondaryKeyArn, k.BackupSecondaryKeyID = keys[BackupSecondary].arn, keys[BackupSecondary].id
	return k, ctx.RegisterResourceOutputs(k, pulumi.Map{
		"mainKeyArn":            k.MainKeyArn,
		"emailRegionKeyArn":     k.EmailRegionKeyArn,
		"smsRegionKeyArn":       k.SMSRegionKeyArn,
		"backupKeyArn":          k.BackupKeyArn,
		"backupSecondaryKeyArn": k.BackupSecondaryKeyArn,
	})
}
