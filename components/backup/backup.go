// Package backup is GC Notify's AWS Backup plan: a daily backup of the database cluster into a
// vault encrypted with its own KMS key, copied to a vault in a second region, with the vaults
// optionally locked and their events sent to the alert topic.
//
// Only the Aurora cluster is selected by default. The buckets hold short-lived data (uploads
// and reports expire after 3 to 7 days, logs are copies) that is not versioned, which AWS
// Backup for S3 requires; the asset and organisation buckets are rebuilt from their sources;
// DynamoDB is not used; the caches are reconstructible and keep their own snapshots. The
// composition can add more through AdditionalResourceArns.
package backup

import (
	"cmp"
	"regexp"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
)

// DefaultVaultEvents are the vault events sent to the alert topic. AWS Backup no longer emits
// BACKUP_JOB_FAILED: a failed backup is a BACKUP_JOB_COMPLETED event whose state is FAILED or
// ABORTED (subscribers filter on it). RECOVERY_POINT_MODIFIED flags changed retention.
var DefaultVaultEvents = []string{"BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED", "RESTORE_JOB_COMPLETED", "RECOVERY_POINT_MODIFIED"}

// Args configures the backups.
type Args struct {
	// NamePrefix starts every physical name, e.g. notification-canada-ca-dev. Required.
	NamePrefix string
	// KmsKeyArn is the primary vault's own key (not the environment's main key). Required.
	KmsKeyArn pulumi.StringInput
	// SecondaryProvider is the provider of the copy region (ca-west-1). Required.
	SecondaryProvider *aws.Provider
	// SecondaryKmsKeyArn is the copy vault's key, in the copy region. Required.
	SecondaryKmsKeyArn pulumi.StringInput
	// DatabaseClusterArn is the Aurora cluster to back up. Required.
	DatabaseClusterArn pulumi.StringInput
	// AdditionalResourceArns are more resources to back up. Default none.
	AdditionalResourceArns pulumi.StringArrayInput
	// AlertTopicArn receives the primary vault's events; its policy must let
	// backup.amazonaws.com publish. Required.
	AlertTopicArn pulumi.StringInput
	// SecondaryAlertTopicArn receives the copy vault's events; it must be in the copy region.
	// Default none: the copy vault sends no events (copy failures are reported by the primary).
	SecondaryAlertTopicArn pulumi.StringInput
	// VaultEvents are the events sent to the topics. Default DefaultVaultEvents.
	VaultEvents []string
	// Schedule is the backup rule's cron expression, UTC. Default "cron(0 7 * * ? *)".
	Schedule string
	// RetentionDays is how long recovery points and their copies are kept. Default 8.
	RetentionDays int
	// StartWindowMinutes and CompletionWindowMinutes bound a job. Default 60 and 360.
	StartWindowMinutes      int
	CompletionWindowMinutes int
	// VaultLock locks both vaults (see Lock). Default false.
	VaultLock bool
	// Lock bounds the locked vaults. Default DefaultLock.
	Lock Lock
	// ForceDestroy lets a vault be deleted with its recovery points (ephemeral stacks). Default
	// false; refused with VaultLock.
	ForceDestroy bool
	// Protect sets Pulumi's protect flag on the vaults. Default false (the composition sets it
	// everywhere but in ephemeral stacks).
	Protect bool
}

// Lock is a vault lock. With ChangeableForDays set, the lock turns into compliance mode once
// that grace time (at least 3 days) has passed: from then on nobody, the account root
// included, can remove the lock, delete the vault or delete a recovery point before
// MinRetentionDays, and every recovery point must be kept between MinRetentionDays and
// MaxRetentionDays. During the grace time the lock can still be removed, so a mistaken
// rollout is recoverable. (Without ChangeableForDays it would be governance mode, removable by
// anyone with the IAM permission, which defeats protection against a compromised account.)
type Lock struct {
	MinRetentionDays  int
	MaxRetentionDays  int
	ChangeableForDays int
}

// DefaultLock keeps recovery points 7 to 35 days, with the 3-day minimum grace time.
var DefaultLock = Lock{MinRetentionDays: 7, MaxRetentionDays: 35, ChangeableForDays: 3}

// Backup is the vaults and the plan.
type Backup struct {
	pulumi.ResourceState

	// VaultName and VaultArn are the primary vault's.
	VaultName pulumi.StringOutput
	VaultArn  pulumi.StringOutput
	// SecondaryVaultName and SecondaryVaultArn are the copy vault's.
	SecondaryVaultName pulumi.StringOutput
	SecondaryVaultArn  pulumi.StringOutput
	// PlanID and PlanArn are the plan's.
	PlanID  pulumi.StringOutput
	PlanArn pulumi.StringOutput
	// RoleArn is the role AWS Backup runs jobs (and restores) as.
	RoleArn pulumi.StringOutput
}

func (a Args) withDefaults() Args {
	if a.VaultEvents == nil {
		a.VaultEvents = DefaultVaultEvents
	}
	a.Schedule = cmp.Or(a.Schedule, "cron(0 7 * * ? *)")
	a.RetentionDays = cmp.Or(a.RetentionDays, 8)
	a.StartWindowMinutes = cmp.Or(a.StartWindowMinutes, 60)
	a.CompletionWindowMinutes = cmp.Or(a.CompletionWindowMinutes, 360)
	if a.Lock == (Lock{}) {
		a.Lock = DefaultLock
	}
	return a
}

func (a Args) vaultName() string     { return a.NamePrefix + "-backup-vault" }
func (a Args) planName() string      { return a.NamePrefix + "-backup-plan" }
func (a Args) selectionName() string { return a.NamePrefix + "-backup" }

// backupName is AWS Backup's rule for vault, plan and selection names.
var backupName = regexp.MustCompile(`^[a-zA-Z0-9_.-]{2,50}$`)

var supportedEvents = map[string]bool{"BACKUP_JOB_STARTED": true, "BACKUP_JOB_COMPLETED": true, "COPY_JOB_STARTED": true,
	"COPY_JOB_SUCCESSFUL": true, "COPY_JOB_FAILED": true, "RESTORE_JOB_STARTED": true, "RESTORE_JOB_COMPLETED": true,
	"RECOVERY_POINT_MODIFIED": true, "S3_BACKUP_OBJECT_FAILED": true, "S3_RESTORE_OBJECT_FAILED": true}

func (a Args) validate() error {
	found := problems.New("backup")
	add := found.Addf
	if a.NamePrefix == "" {
		add("NamePrefix: got empty, want a name prefix such as notification-canada-ca-dev")
	} else {
		for _, n := range [][2]string{{"vault", a.vaultName()}, {"plan", a.planName()}, {"selection", a.selectionName()}} {
			if !backupName.MatchString(n[1]) {
				add("NamePrefix: gives %s name %q (%d characters), want at most 50 letters, digits, hyphens, underscores and dots", n[0], n[1], len(n[1]))
			}
		}
	}
	found.Missing("an ARN", map[string]bool{
		"KmsKeyArn": a.KmsKeyArn == nil, "SecondaryKmsKeyArn": a.SecondaryKmsKeyArn == nil,
		"DatabaseClusterArn": a.DatabaseClusterArn == nil, "AlertTopicArn": a.AlertTopicArn == nil,
	})
	if a.SecondaryProvider == nil {
		add("SecondaryProvider: got nil, want the provider of the copy region (ca-west-1)")
	}
	for _, e := range a.VaultEvents {
		if !supportedEvents[e] {
			add("VaultEvents: got %q, want an event AWS Backup still emits (BACKUP_JOB_COMPLETED, COPY_JOB_FAILED, ...)", e)
		}
	}
	if !regexp.MustCompile(`^cron\(.+\)$|^rate\(.+\)$`).MatchString(a.Schedule) {
		add("Schedule: got %q, want a cron(...) or rate(...) expression", a.Schedule)
	}
	if a.RetentionDays < 1 {
		add("RetentionDays: got %d, want 1 or more", a.RetentionDays)
	}
	if a.StartWindowMinutes < 60 {
		add("StartWindowMinutes: got %d, want 60 or more (AWS Backup's minimum)", a.StartWindowMinutes)
	}
	if a.CompletionWindowMinutes < a.StartWindowMinutes+60 {
		add("CompletionWindowMinutes: got %d, want at least StartWindowMinutes + 60 (%d)", a.CompletionWindowMinutes, a.StartWindowMinutes+60)
	}
	if a.VaultLock {
		l := a.Lock
		if l.MinRetentionDays < 1 || l.MaxRetentionDays > 36500 || l.MinRetentionDays > l.MaxRetentionDays {
			add("Lock: got %d-%d retention days, want 1 <= MinRetentionDays <= MaxRetentionDays <= 36500", l.MinRetentionDays, l.MaxRetentionDays)
		}
		if l.ChangeableForDays < 3 {
			add("Lock.ChangeableForDays: got %d, want 3 or more (compliance mode; AWS's minimum grace time)", l.ChangeableForDays)
		}
		if a.RetentionDays < l.MinRetentionDays || a.RetentionDays > l.MaxRetentionDays {
			add("RetentionDays: got %d, want within the lock's %d-%d days, or backups into the locked vault fail", a.RetentionDays, l.MinRetentionDays, l.MaxRetentionDays)
		}
		if a.ForceDestroy {
			add("ForceDestroy: got true with VaultLock, want false (a locked vault cannot be emptied)")
		}
	}
	return found.Err()
}

// New creates the backups. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Backup, error) {
	args = args.withDefaults()
	b := &Backup{}
	child, err := component.Register(ctx, "gcnotify:backup:Backup", name, b, args.validate, opts...)
	if err != nil {
		return nil, err
	}
	if err := component.Steps(ctx, name, args, child, b.vaults, b.plan); err != nil {
		return nil, err
	}
	return b, ctx.RegisterResourceOutputs(b, pulumi.Map{
		"vaultName":          b.VaultName,
		"vaultArn":           b.VaultArn,
		"secondaryVaultName": b.SecondaryVaultName,
		"secondaryVaultArn":  b.SecondaryVaultArn,
		"planId":             b.PlanID,
		"roleArn":            b.RoleArn,
	})
}
