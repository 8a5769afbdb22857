package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/keys"
	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/components/queues"
	"github.com/cds-snc/notification-pulumi/components/storage"
	"github.com/cds-snc/notification-pulumi/components/topics"
)

// ephemeralKeyDeletionDays is the shortest window KMS allows, for stacks meant to be destroyed.
const ephemeralKeyDeletionDays = 7

// Core is what almost everything else consumes: keys, topics, buckets, queues.
type Core struct {
	Keys    *keys.Keys
	Topics  *topics.Topics
	Storage *storage.Storage
	Queues  *queues.Queues
}

// composeCore builds the keys, the alarm and callback topics, the buckets and the queues.
func composeCore(ctx *pulumi.Context, cfg Config, p Providers, place placement.Placement) (Core, error) {
	primary := pulumi.Provider(p.Primary)
	deletionWindow := 0
	if cfg.Ephemeral {
		deletionWindow = ephemeralKeyDeletionDays
	}
	var core Core
	var err error
	core.Keys, err = keys.New(ctx, "keys", keys.Args{
		Placement: place, BackupRegion: cfg.Regions.Backup, BackupProvider: p.Backup,
		DeletionWindowDays: deletionWindow, Protect: cfg.Protect(),
		RestoreAccounts: cfg.Database.SnapshotShareAccounts,
	}, primary)
	if err != nil {
		return core, err
	}

	opsGenie := cfg.Secrets.OpsGenieURL
	if cfg.Features.OpsGenie && !opsGenie.Set() {
		// A missing pager must be visible, but must not stop a rehearsal or a preview.
		_ = ctx.Log.Warn("features.opsGenie is on but the secret gcnotify:"+OpsGenieKey+
			" is not set: alarms will not page; set it with `pulumi config set --secret`", nil)
	}
	core.Topics, err = topics.New(ctx, "topics", topics.Args{
		Placement:  place,
		MainKeyArn: core.Keys.MainKeyArn, EmailRegionKeyArn: core.Keys.EmailRegionKeyArn,
		SMSRegionKeyArn: core.Keys.SMSRegionKeyArn,
		AlertEmails:     cfg.Alerts.Emails, SlackWebhookURL: cfg.Secrets.SlackWebhookURL.Input(),
		LogRetentionDays: cfg.LogRetentionDays,
		OpsGenie:         cfg.Features.OpsGenie && opsGenie.Set(), OpsGenieURL: opsGenie.Input(),
	}, primary)
	if err != nil {
		return core, err
	}

	core.Storage, err = storage.New(ctx, "storage", storage.Args{
		Placement:  place,
		MainKeyArn: core.Keys.MainKeyArn, SMSRegionKeyArn: core.Keys.SMSRegionKeyArn,
		CloudFrontAssetAccess: true, MalwareScan: cfg.Features.GuardDutyMalwareScan,
		ScanVerdict:  scanVerdict(ctx, cfg),
		ForceDestroy: cfg.ForceDestroy, Protect: cfg.Protect(),
	}, primary)
	if err != nil {
		return core, err
	}

	core.Queues, err = queues.New(ctx, "queues", queues.Args{
		Placement:  place,
		MainKeyArn: core.Keys.MainKeyArn, SMSRegionKeyArn: core.Keys.SMSRegionKeyArn,
		SesCallbackTopicArn: core.Topics.SesCallbackTopicArn,
	}, primary)
	return core, err
}

// ScanVerdictCallbackURL is the API endpoint GuardDuty's scan verdicts are posted to.
func (c Config) ScanVerdictCallbackURL() string {
	return "https://api." + c.Domain + "/templates/scan-verdict-callback"
}

// scanVerdict is how malware scan verdicts reach the API: only with the scan, and only once the
// API's callback token is set (the API refuses verdicts without it).
func scanVerdict(ctx *pulumi.Context, cfg Config) *storage.ScanVerdict {
	if !cfg.Features.GuardDutyMalwareScan {
		return nil
	}
	token := cfg.Secrets.ScanVerdictToken
	if !token.Set() {
		// Like a missing pager: visible, but not a reason to stop a rehearsal or a preview.
		_ = ctx.Log.Warn("features.guardDutyMalwareScan is on but the secret gcnotify:"+ScanVerdictTokenKey+
			" is not set: scan verdicts will not reach the API (uploaded files stay pending); set it with `pulumi config set --secret`", nil)
		return nil
	}
	return &storage.ScanVerdict{CallbackURL: cfg.ScanVerdictCallbackURL(), Token: token.Input()}
}
