// Package storage is GC Notify's S3 buckets, notification-canada-ca-<env>-<purpose>: CSV
// uploads, assets, documents and their scan bucket, load balancer logs, Athena results, SMS
// usage reports, organisations and reports. Every bucket blocks public access, enforces bucket
// ownership, is encrypted by default, refuses non-TLS requests in its one bucket policy, and
// expires its objects as the inventory says. The document scan bucket gets a GuardDuty malware
// protection plan when MalwareScan is on, and the EventBridge rule that sends its verdicts to
// the API when ScanVerdict is given.
//
// CloudFront and the asset bucket: the distribution's ARN exists only after the distribution,
// which needs this bucket first, so this component cannot take the ARN without a cycle. Instead
// CloudFrontAssetAccess adds, to the asset bucket's one policy, a statement letting CloudFront
// distributions of this account (origin access control, aws:SourceAccount and
// arn:aws:cloudfront::<account>:distribution/*) read the objects. The cdn component needs only
// AssetBucket's name and regional domain name, and never writes a policy of its own.
package storage

import (
	"cmp"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
	"github.com/cds-snc/notification-pulumi/components/placement"
)

// Args configures the buckets.
type Args struct {
	// Placement is the environment's name prefix, account and regions (see
	// placement.Placement for the defaults): NamePrefix starts every bucket name, service
	// statements are scoped to AccountID, and SMSProvider creates the SMS usage buckets of
	// SMSRegion. Required: NamePrefix, AccountID and SMSProvider.
	placement.Placement
	// MainKeyArn encrypts the primary region's SSE-KMS buckets (keys.MainKeyArn). Required.
	MainKeyArn pulumi.StringInput
	// SMSRegionKeyArn encrypts the SMS region's buckets (keys.SMSRegionKeyArn). Required.
	SMSRegionKeyArn pulumi.StringInput
	// ELBAccountID is the account Elastic Load Balancing delivers access logs from.
	// Default ELBAccounts[Region]; none in regions that only use the service principal.
	ELBAccountID string
	// CloudFrontAssetAccess lets this account's CloudFront distributions read asset-upload
	// (see the package comment). Default false: nothing reads the asset bucket.
	CloudFrontAssetAccess bool
	// MalwareScan protects document-download-scan-files with GuardDuty malware scanning.
	// Default false.
	MalwareScan bool
	// ScanVerdict sends each scan's verdict to the API (only with MalwareScan). Default none:
	// nothing is told of the verdicts but the objects' tags.
	ScanVerdict *ScanVerdict
	// ForceDestroy lets the buckets be deleted with their objects. Default false.
	ForceDestroy bool
	// Protect marks the buckets protected. Default false; the composition sets it outside
	// ephemeral stacks.
	Protect bool
}

// Bucket is one bucket's outputs.
type Bucket struct {
	Name pulumi.StringOutput
	Arn  pulumi.StringOutput
	// RegionalDomainName is the origin domain CloudFront uses.
	RegionalDomainName pulumi.StringOutput
	// PolicyReadyName is Name, known only once the bucket's policy is in place. Services that
	// check their write access when they are configured take it, so they wait for the policy
	// that grants it: Elastic Load Balancing refuses access logs to a bucket whose policy does
	// not let it write yet ("Access Denied for bucket: ... Please check S3bucket permission").
	PolicyReadyName pulumi.StringOutput
}

// Storage is the buckets.
type Storage struct {
	pulumi.ResourceState

	// Buckets are every bucket by purpose (the constants of this package).
	Buckets map[string]Bucket
	// The buckets other components consume.
	CsvUploadBucket            Bucket
	AssetBucket                Bucket
	DocumentDownloadBucket     Bucket
	DocumentDownloadScanBucket Bucket
	AlbLogsBucket              Bucket
	AthenaBucket               Bucket
	ReportsBucket              Bucket
	GcOrganisationsBucket      Bucket
	SmsUsageLogsBucket         Bucket
	SmsUsageWest2LogsBucket    Bucket
	// MalwareProtectionPlanArn is the scan bucket's GuardDuty plan, whose "GuardDuty Malware
	// Protection Object Scan Result" events the verdict rule matches; empty when MalwareScan
	// is off.
	MalwareProtectionPlanArn pulumi.StringOutput
}

func (a Args) withDefaults() Args {
	a.Placement = a.Placement.WithDefaults()
	a.ELBAccountID = cmp.Or(a.ELBAccountID, ELBAccounts[a.Region])
	return a
}

func (a Args) validate() error {
	found := problems.New("storage")
	a.Placement.Check(found, placement.Uses{NamePrefix: true, SMS: true})
	if a.NamePrefix != "" {
		for _, err := range CheckNames(Plan(a.NamePrefix)) {
			found.Addf("NamePrefix %q: %w", a.NamePrefix, err)
		}
		if len(malwareRoleName(a.NamePrefix)) > 64 {
			found.Addf("NamePrefix %q: malware scan role name %q is over IAM's 64 characters",
				a.NamePrefix, malwareRoleName(a.NamePrefix))
		}
	}
	if a.ELBAccountID != "" && !awsrule.AccountID.MatchString(a.ELBAccountID) {
		found.Addf("ELBAccountID: got %q, want a 12-digit AWS account id or empty", a.ELBAccountID)
	}
	if a.ScanVerdict != nil {
		if !a.MalwareScan {
			found.Addf("ScanVerdict: got a verdict callback without MalwareScan, want MalwareScan on (no scan, no verdict)")
		}
		found.Add(a.ScanVerdict.withDefaults().validate()...)
		if a.NamePrefix != "" && len(verdictName(a.NamePrefix)) > 64 {
			found.Addf("NamePrefix %q: scan verdict rule and role name %q is over 64 characters",
				a.NamePrefix, verdictName(a.NamePrefix))
		}
	}
	if a.MainKeyArn == nil {
		found.Addf("MainKeyArn: got nil, want the keys component's MainKeyArn")
	}
	if a.SMSRegionKeyArn == nil {
		found.Addf("SMSRegionKeyArn: got nil, want the keys component's SMSRegionKeyArn")
	}
	return found.Err()
}

// New creates the buckets. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Storage, error) {
	args = args.withDefaults()
	s := &Storage{Buckets: map[string]Bucket{}, MalwareProtectionPlanArn: pulumi.String("").ToStringOutput()}
	if _, err := component.Register(ctx, "gcnotify:storage:Storage", name, s, args.validate, opts...); err != nil {
		return nil, err
	}
	specs := Plan(args.NamePrefix)
	made, err := s.buckets(ctx, name, args, specs)
	if err != nil {
		return nil, err
	}
	if args.MalwareScan {
		if s.MalwareProtectionPlanArn, err = s.malwareScan(ctx, name, args, made[DocumentDownloadScanFiles]); err != nil {
			return nil, err
		}
		if args.ScanVerdict != nil {
			if err := s.scanVerdict(ctx, name, args, made[DocumentDownloadScanFiles]); err != nil {
				return nil, err
			}
		}
	}
	s.CsvUploadBucket, s.AssetBucket = s.Buckets[CsvUpload], s.Buckets[AssetUpload]
	s.DocumentDownloadBucket, s.DocumentDownloadScanBucket = s.Buckets[DocumentDownload], s.Buckets[DocumentDownloadScanFiles]
	s.AlbLogsBucket, s.AthenaBucket, s.ReportsBucket = s.Buckets[AlbLogs], s.Buckets[Athena], s.Buckets[Reports]
	s.GcOrganisationsBucket = s.Buckets[GcOrganisations]
	s.SmsUsageLogsBucket, s.SmsUsageWest2LogsBucket = s.Buckets[SmsUsageLogs], s.Buckets[SmsUsageWest2Logs]
	names := pulumi.StringMap{}
	for purpose, b := range s.Buckets {
		names[purpose] = b.Name
	}
	return s, ctx.RegisterResourceOutputs(s, pulumi.Map{
		"bucketNames":              names,
		"malwareProtectionPlanArn": s.MalwareProtectionPlanArn,
	})
}
