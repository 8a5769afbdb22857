package storage

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const account = "111122223333"

func TestPlanHasTheInventorysBucketsAndRules(t *testing.T) {
	type rule struct {
		encryption Encryption
		expiry     string
		versioned  bool
		logTo      string
		smsRegion  bool
	}
	got := map[string]rule{}
	for _, s := range Plan("notification-canada-ca-staging") {
		assert.Equal(t, "notification-canada-ca-staging-"+s.Purpose, s.Name)
		var exp []string
		for _, e := range s.Expiry {
			exp = append(exp, fmt.Sprintf("%s*=%d", e.Prefix, e.Days))
		}
		got[s.Purpose] = rule{s.Encryption, strings.Join(exp, ","), s.Versioned, s.LogTo, s.SMSRegion}
	}
	assert.Equal(t, map[string]rule{
		CsvUpload:                  {KMS, "*=7", false, CsvUploadLogs, false},
		CsvUploadLogs:              {SSES3, "*=90", true, "", false},
		AssetUpload:                {SSES3, "", true, "", false},
		DocumentDownload:           {KMS, "*=7,tmp/*=3", false, DocumentDownloadLogs, false},
		DocumentDownloadLogs:       {SSES3, "*=90", true, "", false},
		DocumentDownloadScanFiles:  {KMS, "*=7", false, DocumentDownloadLogs, false},
		AlbLogs:                    {SSES3, "*=90", false, "", false},
		Athena:                     {KMS, "*=7", false, AthenaLogs, false},
		AthenaLogs:                 {SSES3, "*=90", true, "", false},
		SmsUsageLogs:               {KMS, "*=7", false, "", false},
		SmsUsageLogsSanitized:      {KMS, "*=7", false, "", false},
		SmsUsageWest2Logs:          {KMS, "*=7", false, "", true},
		SmsUsageWest2LogsSanitized: {KMS, "*=7", false, "", true},
		GcOrganisations:            {KMS, "", true, "", false},
		Reports:                    {KMS, "*=3", false, "", false},
	}, got)
}

func TestPlanLogSourcesMatchLogTargets(t *testing.T) {
	specs := Plan("p")
	index := byPurpose(specs)
	for _, s := range specs {
		if s.LogTo != "" {
			assert.Contains(t, index[s.LogTo].LogSources, s.Purpose, "%s logs to %s", s.Purpose, s.LogTo)
		}
		for _, src := range s.LogSources {
			assert.Equal(t, s.Purpose, index[src].LogTo)
		}
	}
}

func TestCheckNamesHoldsS3Limits(t *testing.T) {
	assert.Empty(t, CheckNames(Plan("notification-canada-ca-production")), "the longest real name fits in 63")
	errs := CheckNames(Plan("notification-canada-ca-production-drill"))
	require.NotEmpty(t, errs)
	assert.Contains(t, errs[0].Error()+errs[len(errs)-1].Error(), "S3 allows 63")
	assert.NotEmpty(t, CheckNames(Plan("Notification_Canada")))
}

func decode(t *testing.T, d interface{ JSON() string }) map[string]map[string]any {
	t.Helper()
	var doc struct{ Statement []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(d.JSON()), &doc))
	out := map[string]map[string]any{}
	for _, st := range doc.Statement {
		out[st["Sid"].(string)] = st
	}
	return out
}

func TestPolicyEveryBucketRefusesPlainHTTP(t *testing.T) {
	for _, s := range Plan("p") {
		deny := decode(t, Policy(s, PolicyContext{Account: account}))["DenyInsecureTransport"]
		require.NotNil(t, deny, s.Purpose)
		assert.Equal(t, "Deny", deny["Effect"])
		assert.Equal(t, []any{"arn:aws:s3:::" + s.Name, "arn:aws:s3:::" + s.Name + "/*"}, deny["Resource"])
	}
}

func TestPolicyServiceStatements(t *testing.T) {
	specs := byPurpose(Plan("p"))

	alb := decode(t, Policy(specs[AlbLogs], PolicyContext{Account: account, Region: "ca-central-1", ELBAccount: "985666609251"}))
	assert.Equal(t, "arn:aws:iam::985666609251:root", alb["ELBLogDeliveryAccount"]["Principal"].(map[string]any)["AWS"])
	assert.Equal(t, []any{"arn:aws:s3:::p-alb-logs/*AWSLogs/" + account + "/*"}, alb["ELBLogDeliveryService"]["Resource"])
	noLegacy := decode(t, Policy(specs[AlbLogs], PolicyContext{Account: account, Region: "ca-west-1"}))
	assert.NotContains(t, noLegacy, "ELBLogDeliveryAccount", "new regions have no ELB account")
	assert.Contains(t, noLegacy, "ELBLogDeliveryService")

	sms := decode(t, Policy(specs[SmsUsageWest2Logs], PolicyContext{Account: account, Region: "us-west-2"}))
	put := sms["SNSUsageReportsPut"]
	assert.Equal(t, []any{"s3:PutObject"}, put["Action"])
	assert.Equal(t, "arn:aws:sns:us-west-2:"+account+":*", put["Condition"].(map[string]any)["ArnLike"].(map[string]any)["aws:SourceArn"])
	assert.Contains(t, sms, "SNSUsageReportsBucket")
	assert.Len(t, decode(t, Policy(specs[SmsUsageWest2LogsSanitized], PolicyContext{Account: account})), 1, "the sanitized copy has no writer")

	logs := decode(t, Policy(specs[DocumentDownloadLogs], PolicyContext{Account: account,
		Sources: []string{"p-document-download", "p-document-download-scan-files"}}))["S3ServerAccessLogs"]
	assert.Equal(t, []any{"arn:aws:s3:::p-document-download", "arn:aws:s3:::p-document-download-scan-files"},
		logs["Condition"].(map[string]any)["ArnLike"].(map[string]any)["aws:SourceArn"])

	assert.NotContains(t, decode(t, Policy(specs[AssetUpload], PolicyContext{Account: account})), "CloudFrontReadsAssets")
	cf := decode(t, Policy(specs[AssetUpload], PolicyContext{Account: account, CloudFrontAssets: true}))["CloudFrontReadsAssets"]
	assert.Equal(t, []any{"s3:GetObject"}, cf["Action"])
	assert.Equal(t, "arn:aws:cloudfront::"+account+":distribution/*", cf["Condition"].(map[string]any)["ArnLike"].(map[string]any)["aws:SourceArn"])
	assert.Len(t, decode(t, Policy(specs[Reports], PolicyContext{Account: account, CloudFrontAssets: true})), 1,
		"only the asset bucket is readable by CloudFront")
}

func TestMalwareRolePolicyIsScopedToTheBucket(t *testing.T) {
	sts := decode(t, MalwareRolePolicy(account, "ca-central-1", "arn:aws:s3:::scan", "arn:aws:kms:ca-central-1:1:key/k"))
	assert.Equal(t, []any{"arn:aws:s3:::scan/*"}, sts["ScanAndTagObjects"]["Resource"])
	assert.Equal(t, []any{"arn:aws:kms:ca-central-1:1:key/k"}, sts["DecryptThroughS3"]["Resource"])
	assert.Equal(t, []any{"arn:aws:events:ca-central-1:" + account + ":rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*"},
		sts["ManageItsEventBridgeRule"]["Resource"])
}
