package backup

import (
	"fmt"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/backup"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// ManagedPolicies are the AWS managed policies of the AWS Backup role.
var ManagedPolicies = map[string]string{
	"backup":   "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
	"restores": "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
}

// vaults creates the primary vault and its copy in the second region (same name, the region
// tells them apart, and the copy takes SecondaryProvider), each with its lock and notifications.
func (b *Backup) vaults(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	secondary := append(slices.Clip(child), pulumi.Provider(args.SecondaryProvider))
	for _, v := range []struct {
		role  string
		key   pulumi.StringInput
		topic pulumi.StringInput
		opts  []pulumi.ResourceOption
		name  *pulumi.StringOutput
		arn   *pulumi.StringOutput
	}{
		{"vault", args.KmsKeyArn, args.AlertTopicArn, child, &b.VaultName, &b.VaultArn},
		{"secondary-vault", args.SecondaryKmsKeyArn, args.SecondaryAlertTopicArn, secondary, &b.SecondaryVaultName, &b.SecondaryVaultArn},
	} {
		vault, err := backup.NewVault(ctx, name+"-"+v.role, &backup.VaultArgs{
			Name:         pulumi.String(args.vaultName()),
			KmsKeyArn:    v.key,
			ForceDestroy: pulumi.Bool(args.ForceDestroy),
			Tags:         tagging.Named(args.vaultName()),
		}, append([]pulumi.ResourceOption{pulumi.Protect(args.Protect)}, v.opts...)...)
		if err != nil {
			return fmt.Errorf("backup %s: %w", v.role, err)
		}
		*v.name, *v.arn = vault.Name, vault.Arn
		if args.VaultLock {
			if _, err := backup.NewVaultLockConfiguration(ctx, name+"-"+v.role+"-lock", &backup.VaultLockConfigurationArgs{
				BackupVaultName:   vault.Name,
				MinRetentionDays:  pulumi.Int(args.Lock.MinRetentionDays),
				MaxRetentionDays:  pulumi.Int(args.Lock.MaxRetentionDays),
				ChangeableForDays: pulumi.Int(args.Lock.ChangeableForDays),
			}, v.opts...); err != nil {
				return fmt.Errorf("backup %s lock: %w", v.role, err)
			}
		}
		if v.topic != nil {
			if _, err := backup.NewVaultNotifications(ctx, name+"-"+v.role+"-notifications", &backup.VaultNotificationsArgs{
				BackupVaultName:   vault.Name,
				SnsTopicArn:       v.topic,
				BackupVaultEvents: pulumi.ToStringArray(args.VaultEvents),
			}, v.opts...); err != nil {
				return fmt.Errorf("backup %s notifications: %w", v.role, err)
			}
		}
	}
	return nil
}

// plan creates the service role, the daily plan with its copy to the second region, and the
// selection of resources.
func (b *Backup) plan(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) error {
	physical := args.NamePrefix + "-backup"
	role, err := iam.NewRole(ctx, name+"-role",
		iampolicy.ServiceRole(physical, "AWS Backup jobs and restores", "backup.amazonaws.com"), child...)
	if err != nil {
		return fmt.Errorf("backup role: %w", err)
	}
	b.RoleArn = role.Arn
	var attachments []pulumi.Resource
	for _, purpose := range []string{"backup", "restores"} {
		a, err := iam.NewRolePolicyAttachment(ctx, name+"-role-"+purpose, &iam.RolePolicyAttachmentArgs{
			Role:      role.Name,
			PolicyArn: pulumi.String(ManagedPolicies[purpose]),
		}, child...)
		if err != nil {
			return fmt.Errorf("backup role %s policy: %w", purpose, err)
		}
		attachments = append(attachments, a)
	}

	keep := pulumi.Int(args.RetentionDays)
	plan, err := backup.NewPlan(ctx, name+"-plan", &backup.PlanArgs{
		Name: pulumi.String(args.planName()),
		Rules: backup.PlanRuleArray{backup.PlanRuleArgs{
			RuleName:          pulumi.String("daily"),
			TargetVaultName:   b.VaultName,
			Schedule:          pulumi.String(args.Schedule),
			StartWindow:       pulumi.Int(args.StartWindowMinutes),
			CompletionWindow:  pulumi.Int(args.CompletionWindowMinutes),
			Lifecycle:         backup.PlanRuleLifecycleArgs{DeleteAfter: keep},
			RecoveryPointTags: tagging.Named(args.planName()),
			CopyActions: backup.PlanRuleCopyActionArray{backup.PlanRuleCopyActionArgs{
				DestinationVaultArn: b.SecondaryVaultArn,
				Lifecycle:           backup.PlanRuleCopyActionLifecycleArgs{DeleteAfter: keep},
			}},
		}},
		Tags: tagging.Named(args.planName()),
	}, child...)
	if err != nil {
		return fmt.Errorf("backup plan: %w", err)
	}
	b.PlanID, b.PlanArn = plan.ID().ToStringOutput(), plan.Arn

	resources := pulumi.StringArray{args.DatabaseClusterArn}.ToStringArrayOutput()
	if args.AdditionalResourceArns != nil {
		resources = pulumi.All(resources, args.AdditionalResourceArns).ApplyT(func(v []any) []string {
			return append(append([]string{}, v[0].([]string)...), v[1].([]string)...)
		}).(pulumi.StringArrayOutput)
	}
	if _, err := backup.NewSelection(ctx, name+"-selection", &backup.SelectionArgs{
		Name:       pulumi.String(args.selectionName()),
		PlanId:     plan.ID(),
		IamRoleArn: role.Arn,
		Resources:  resources,
	}, append([]pulumi.ResourceOption{pulumi.DependsOn(attachments)}, child...)...); err != nil {
		return fmt.Errorf("backup selection: %w", err)
	}
	return nil
}
