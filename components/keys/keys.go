// Package keys is GC Notify's customer-managed KMS keys: the main key of the primary region,
// one key in each of the email (us-east-1) and SMS (us-west-2) regions, and the two backup vault
// keys (primary region and ca-west-1). Every key rotates yearly, has an alias
// alias/<NamePrefix>-<purpose>, and a policy that lets the account administer it and lets
// exactly the services that use it do so (see Plan).
package keys

import (
	"cmp"
	"fmt"
	"regexp"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// Args configures the keys.
type Args struct {
	// Placement is the environment's name prefix, account and regions (see
	// placement.Placement for the defaults): NamePrefix starts every alias, policies are
	// scoped to AccountID, Region is the component's provider's, and EmailProvider and
	// SMSProvider create the keys of EmailRegion and SMSRegion. Required: NamePrefix,
	// AccountID, EmailProvider and SMSProvider.
	placement.Placement
	// BackupRegion is BackupProvider's region (secondary backup vault). Default ca-west-1.
	BackupRegion string
	// BackupProvider creates the secondary backup vault's key. Required.
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
	a.Placement = a.Placement.WithDefaults()
	a.BackupRegion = cmp.Or(a.BackupRegion, "ca-west-1")
	a.DeletionWindowDays = cmp.Or(a.DeletionWindowDays, 30)
	return a
}

var (
	// aliasRE is KMS's alias grammar; an alias is at most 256 characters.
	aliasRE = regexp.MustCompile(`^alias/[a-zA-Z0-9/_-]+$`)
)

func (a Args) validate() error {
	found := problems.New("keys")
	a.Placement.Check(found, placement.Uses{NamePrefix: true, SMS: true, Email: true})
	if alias := aliasName(a.NamePrefix, BackupSecondary); a.NamePrefix != "" && (!aliasRE.MatchString(alias) || len(alias) > 256) {
		found.Addf("NamePrefix: got %q, want letters, digits, '/', '_' and '-' making aliases of at most 256 characters", a.NamePrefix)
	}
	if !awsrule.SimpleRegion.MatchString(a.BackupRegion) {
		found.Addf("BackupRegion: got %q, want an AWS region such as ca-central-1", a.BackupRegion)
	} else if other, dup := map[string]string{a.Region: "Region", a.EmailRegion: "EmailRegion", a.SMSRegion: "SMSRegion"}[a.BackupRegion]; dup {
		found.Addf("BackupRegion: got %q, the same as %s; want distinct regions", a.BackupRegion, other)
	}
	if a.BackupProvider == nil {
		found.Addf("BackupProvider: got nil, want the provider of BackupRegion")
	}
	if a.DeletionWindowDays < 7 || a.DeletionWindowDays > 30 {
		found.Addf("DeletionWindowDays: got %d, want 7 to 30", a.DeletionWindowDays)
	}
	for _, acct := range a.RestoreAccounts {
		if !awsrule.AccountID.MatchString(acct) || acct == a.AccountID {
			found.Addf("RestoreAccounts: got %q, want the 12-digit id of another account", acct)
		}
	}
	return found.Err()
}

func aliasName(prefix string, p Purpose) string { return "alias/" + prefix + "-" + string(p) }

// New creates the keys. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Keys, error) {
	args = args.withDefaults()
	k := &Keys{Aliases: map[Purpose]string{}}
	if _, err := component.Register(ctx, "gcnotify:keys:Keys", name, k, args.validate, opts...); err != nil {
		return nil, err
	}
	providers := map[string]*aws.Provider{
		args.EmailRegion: args.EmailProvider, args.SMSRegion: args.SMSProvider, args.BackupRegion: args.BackupProvider,
	}
	type made struct{ arn, id pulumi.StringOutput }
	keys := map[Purpose]made{}
	for _, spec := range Plan(args.AccountID, args.Region, args.EmailRegion, args.SMSRegion, args.BackupRegion) {
		if spec.Purpose == Main {
			spec.RestoreAccounts = args.RestoreAccounts
		}
		// Keys of the primary region inherit the component's provider through their parent.
		child := []pulumi.ResourceOption{pulumi.Parent(k)}
		if spec.Region != args.Region {
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
