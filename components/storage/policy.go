package storage

import (
	"github.com/cds-snc/notification-pulumi/components/iampolicy"
)

// ELBAccounts are the Elastic Load Balancing accounts that deliver access logs in the regions
// opened before August 2022 (AWS ELB user guide, "Enable access logs"). Newer regions use the
// logdelivery.elasticloadbalancing.amazonaws.com service principal only.
var ELBAccounts = map[string]string{
	"ca-central-1": "985666609251",
	"us-east-1":    "127311923021",
	"us-east-2":    "033677994240",
	"us-west-1":    "027434742980",
	"us-west-2":    "797873946194",
}

// PolicyContext is what a bucket policy needs besides the bucket's own plan.
type PolicyContext struct {
	Account string
	// Region is the bucket's region.
	Region string
	// ELBAccount is the region's ELB log delivery account; empty where the region has none.
	ELBAccount string
	// CloudFrontAssets lets this account's CloudFront distributions read the asset bucket.
	CloudFrontAssets bool
	// Sources are the bucket names whose server access logs the bucket receives.
	Sources []string
}

func arnOf(bucket string) string { return "arn:aws:s3:::" + bucket }

// Policy renders a bucket's one policy: TLS only, plus the statements of the services that
// write into it (or, for the asset bucket, read from it).
func Policy(s Spec, c PolicyContext) iampolicy.Document {
	arn := arnOf(s.Name)
	account := map[string]any{"aws:SourceAccount": c.Account}
	service := func(p string) map[string]any { return map[string]any{"Service": p} }
	statements := []iampolicy.Statement{{
		Sid: "DenyInsecureTransport", Effect: "Deny", Principal: map[string]any{"AWS": "*"},
		Action: []string{"s3:*"}, Resource: []string{arn, arn + "/*"},
		Condition: map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
	}}
	for _, w := range s.Writers {
		switch w {
		case ServerAccessLogs:
			var sources []string
			for _, src := range c.Sources {
				sources = append(sources, arnOf(src))
			}
			statements = append(statements, iampolicy.Statement{
				Sid: "S3ServerAccessLogs", Effect: "Allow", Principal: service("logging.s3.amazonaws.com"),
				Action: []string{"s3:PutObject"}, Resource: []string{arn + "/*"},
				Condition: map[string]any{"StringEquals": account, "ArnLike": map[string]any{"aws:SourceArn": sources}},
			})
		case ELBLogs:
			logs := arn + "/*AWSLogs/" + c.Account + "/*"
			if c.ELBAccount != "" {
				statements = append(statements, iampolicy.Statement{
					Sid: "ELBLogDeliveryAccount", Effect: "Allow",
					Principal: map[string]any{"AWS": "arn:aws:iam::" + c.ELBAccount + ":root"},
					Action:    []string{"s3:PutObject"}, Resource: []string{logs},
				})
			}
			statements = append(statements, iampolicy.Statement{
				Sid: "ELBLogDeliveryService", Effect: "Allow",
				Principal: service("logdelivery.elasticloadbalancing.amazonaws.com"),
				Action:    []string{"s3:PutObject"}, Resource: []string{logs},
			})
		case SNSUsageReports:
			cond := map[string]any{"StringEquals": account,
				"ArnLike": map[string]any{"aws:SourceArn": "arn:aws:sns:" + c.Region + ":" + c.Account + ":*"}}
			statements = append(statements,
				iampolicy.Statement{Sid: "SNSUsageReportsPut", Effect: "Allow", Principal: service("sns.amazonaws.com"),
					Action: []string{"s3:PutObject"}, Resource: []string{arn + "/*"}, Condition: cond},
				iampolicy.Statement{Sid: "SNSUsageReportsBucket", Effect: "Allow", Principal: service("sns.amazonaws.com"),
					Action: []string{"s3:GetBucketLocation", "s3:ListBucket"}, Resource: []string{arn}, Condition: cond})
		}
	}
	if s.Purpose == AssetUpload && c.CloudFrontAssets {
		statements = append(statements, iampolicy.Statement{
			Sid: "CloudFrontReadsAssets", Effect: "Allow", Principal: service("cloudfront.amazonaws.com"),
			Action: []string{"s3:GetObject"}, Resource: []string{arn + "/*"},
			Condition: map[string]any{
				"StringEquals": account,
				"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:cloudfront::" + c.Account + ":distribution/*"},
			},
		})
	}
	return iampolicy.New(statements...)
}
