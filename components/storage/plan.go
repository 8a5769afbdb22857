package storage

import (
	"fmt"
	"regexp"
)

// Bucket purposes: the last part of notification-canada-ca-<env>-<purpose>, the key of
// Storage.Buckets and of logical names.
const (
	CsvUpload                  = "csv-upload"
	CsvUploadLogs              = "csv-upload-logs"
	AssetUpload                = "asset-upload"
	DocumentDownload           = "document-download"
	DocumentDownloadLogs       = "document-download-logs"
	DocumentDownloadScanFiles  = "document-download-scan-files"
	AlbLogs                    = "alb-logs"
	Athena                     = "athena"
	AthenaLogs                 = "athena-logs"
	SmsUsageLogs               = "sms-usage-logs"
	SmsUsageLogsSanitized      = "sms-usage-logs-san"
	SmsUsageWest2Logs          = "sms-usage-west-2-logs"
	SmsUsageWest2LogsSanitized = "sms-usage-west-2-logs-san"
	GcOrganisations            = "gc-organisations"
	Reports                    = "reports"
)

// Encryption is a bucket's default encryption.
type Encryption string

const (
	// KMS is SSE-KMS with the region's customer-managed key and an S3 bucket key.
	KMS Encryption = "aws:kms"
	// SSES3 is SSE-S3 (AES256), for buckets whose writer cannot use SSE-KMS or whose
	// content is public.
	SSES3 Encryption = "AES256"
)

// Writer is an AWS service that writes into a bucket, granted in the bucket's policy.
type Writer string

const (
	// ELBLogs is Elastic Load Balancing's access log delivery.
	ELBLogs Writer = "elb-logs"
	// SNSUsageReports is SNS's daily SMS usage report.
	SNSUsageReports Writer = "sns-usage-reports"
	// ServerAccessLogs is S3 server access logging (logging.s3.amazonaws.com).
	ServerAccessLogs Writer = "s3-server-access-logs"
)

// ExpiryRule expires the objects under a prefix ("" for all) after Days.
type ExpiryRule struct {
	ID     string
	Prefix string
	Days   int
}

// Spec is the plan of one bucket.
type Spec struct {
	Purpose string
	// Name is the bucket's physical name.
	Name string
	// SMSRegion places the bucket in the SMS region (us-west-2) instead of the primary one.
	SMSRegion  bool
	Encryption Encryption
	// Expiry are the lifecycle expirations; versioned buckets expire noncurrent versions after
	// the same number of days.
	Expiry    []ExpiryRule
	Versioned bool
	// LogTo is the purpose of the bucket receiving this bucket's server access logs.
	LogTo string
	// LogSources are the purposes whose server access logs this bucket receives.
	LogSources []string
	// Writers are the AWS services the bucket's policy lets write.
	Writers []Writer
}

// Plan lists the inventory's buckets. Access-log buckets keep 90 days and are versioned (the
// inventory's csv-upload-logs is; the other two come from the same log-bucket module).
//
// Default encryption is SSE-KMS with the region's key, except:
//   - alb-logs: Elastic Load Balancing access logs support only SSE-S3 (AWS ELB user guide,
//     "Bucket requirements": "The only server-side encryption option that's supported is
//     Amazon S3-managed keys (SSE-S3)").
//   - the three server access-log buckets: S3 log delivery writes as logging.s3.amazonaws.com,
//     which the key policies do not (and need not) trust; the logs hold no customer content.
//   - asset-upload: its objects are public email branding served by CloudFront; SSE-KMS would
//     require giving CloudFront decrypt rights on the main key for no confidentiality gain.
func Plan(prefix string) []Spec {
	days := func(d int) []ExpiryRule { return []ExpiryRule{{ID: "expire", Days: d}} }
	logBucket := func(purpose string, sources ...string) Spec {
		return Spec{Purpose: purpose, Encryption: SSES3, Expiry: days(90), Versioned: true,
			LogSources: sources, Writers: []Writer{ServerAccessLogs}}
	}
	specs := []Spec{
		{Purpose: CsvUpload, Encryption: KMS, Expiry: days(7), LogTo: CsvUploadLogs},
		logBucket(CsvUploadLogs, CsvUpload),
		// asset-upload and gc-organisations hold content that never expires (email branding,
		// the organisation list): versions let an overwrite or a deletion be undone.
		{Purpose: AssetUpload, Encryption: SSES3, Versioned: true},
		{Purpose: DocumentDownload, Encryption: KMS, LogTo: DocumentDownloadLogs, Expiry: []ExpiryRule{
			{ID: "expire-linked-files", Days: 7},
			// Files attached directly to emails live under tmp/ (notification-document-download-api).
			{ID: "expire-attached-files", Prefix: "tmp/", Days: 3},
		}},
		logBucket(DocumentDownloadLogs, DocumentDownload, DocumentDownloadScanFiles),
		{Purpose: DocumentDownloadScanFiles, Encryption: KMS, Expiry: days(7), LogTo: DocumentDownloadLogs},
		{Purpose: AlbLogs, Encryption: SSES3, Expiry: days(90), Writers: []Writer{ELBLogs}},
		{Purpose: Athena, Encryption: KMS, Expiry: days(7), LogTo: AthenaLogs},
		logBucket(AthenaLogs, Athena),
		{Purpose: SmsUsageLogs, Encryption: KMS, Expiry: days(7), Writers: []Writer{SNSUsageReports}},
		{Purpose: SmsUsageLogsSanitized, Encryption: KMS, Expiry: days(7)},
		{Purpose: SmsUsageWest2Logs, SMSRegion: true, Encryption: KMS, Expiry: days(7), Writers: []Writer{SNSUsageReports}},
		{Purpose: SmsUsageWest2LogsSanitized, SMSRegion: true, Encryption: KMS, Expiry: days(7)},
		{Purpose: GcOrganisations, Encryption: KMS, Versioned: true},
		{Purpose: Reports, Encryption: KMS, Expiry: days(3)},
	}
	for i := range specs {
		specs[i].Name = prefix + "-" + specs[i].Purpose
	}
	return specs
}

// bucketNameRE is S3's general purpose bucket naming rule without dots (dots break TLS
// wildcard certificates on virtual-hosted URLs).
var bucketNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`)

// CheckNames reports every bucket name of the plan that S3 would refuse.
func CheckNames(specs []Spec) []error {
	var errs []error
	for _, s := range specs {
		if len(s.Name) > 63 {
			errs = append(errs, fmt.Errorf("bucket %s: name %q is %d characters, S3 allows 63", s.Purpose, s.Name, len(s.Name)))
		} else if !bucketNameRE.MatchString(s.Name) {
			errs = append(errs, fmt.Errorf("bucket %s: name %q must be lowercase letters, digits and hyphens, starting and ending with a letter or digit", s.Purpose, s.Name))
		}
	}
	return errs
}

// byPurpose indexes a plan.
func byPurpose(specs []Spec) map[string]Spec {
	out := map[string]Spec{}
	for _, s := range specs {
		out[s.Purpose] = s
	}
	return out
}
