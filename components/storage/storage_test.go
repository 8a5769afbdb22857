package storage

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const (
	bucketType = "aws:s3/bucketV2:BucketV2"
	mainKey    = "arn:aws:kms:ca-central-1:111122223333:key/main"
	smsKey     = "arn:aws:kms:us-west-2:111122223333:key/sms"
)

func run(t *testing.T, edit func(*Args)) (*pulumimock.Mocks, error) {
	m, _, err := componenttest.Run(t, "test", func(ctx *pulumi.Context) (*Storage, error) {
		args := Args{
			Placement:       componenttest.Placement(ctx, "dev", account),
			MainKeyArn:      pulumi.String(mainKey),
			SMSRegionKeyArn: pulumi.String(smsKey),
		}
		edit(&args)
		return New(ctx, "storage", args, pulumi.Provider(componenttest.Provider(ctx, "primary", "ca-central-1", account)))
	})
	return m, err
}

func TestStorageAcrossEnvironments(t *testing.T) {
	for _, tc := range []struct {
		env                     string
		forceDestroy, malware   bool
		protect, cloudFrontRead bool
	}{
		{"dev", true, false, true, true},
		{"staging", false, true, true, true},
		{"production", false, true, true, true},
	} {
		t.Run(tc.env, func(t *testing.T) {
			prefix := "notification-canada-ca-" + tc.env
			m, err := run(t, func(a *Args) {
				a.NamePrefix, a.ForceDestroy, a.MalwareScan = prefix, tc.forceDestroy, tc.malware
				a.Protect, a.CloudFrontAssetAccess = tc.protect, tc.cloudFrontRead
			})
			require.NoError(t, err)
			specs := Plan(prefix)
			require.Len(t, m.ByType(bucketType), len(specs))
			for _, spec := range specs {
				base := "storage-" + spec.Purpose
				b := m.Get(t, bucketType, base)
				assert.Equal(t, spec.Name, b.Input("bucket"))
				assert.Equal(t, tc.forceDestroy, b.Input("forceDestroy"), spec.Purpose)
				assert.Equal(t, tc.protect, b.Protect, spec.Purpose)
				assert.Contains(t, b.Parent, "gcnotify:storage:Storage")
				prov := "::primary::"
				if spec.SMSRegion {
					prov = "::sms::"
				}
				assert.Contains(t, b.Provider, prov, spec.Purpose)

				pab := m.Get(t, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", base+"-public-access-block")
				for _, flag := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
					assert.Equal(t, true, pab.Input(flag), "%s %s", spec.Purpose, flag)
				}
				own := m.Get(t, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", base+"-ownership")
				assert.Equal(t, "BucketOwnerEnforced", own.Input("rule").(map[string]any)["objectOwnership"])

				sse := m.Get(t, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", base+"-encryption")
				rule := sse.Input("rules").([]any)[0].(map[string]any)
				byDefault := rule["applyServerSideEncryptionByDefault"].(map[string]any)
				assert.Equal(t, string(spec.Encryption), byDefault["sseAlgorithm"], spec.Purpose)
				if spec.Encryption == KMS {
					key := mainKey
					if spec.SMSRegion {
						key = smsKey
					}
					assert.Equal(t, key, byDefault["kmsMasterKeyId"], "%s uses its region's key", spec.Purpose)
					assert.Equal(t, true, rule["bucketKeyEnabled"])
				} else {
					assert.Nil(t, byDefault["kmsMasterKeyId"])
				}

				_, versioned := m.Find("aws:s3/bucketVersioningV2:BucketVersioningV2", base+"-versioning")
				assert.Equal(t, spec.Versioned, versioned, spec.Purpose)
				_, logged := m.Find("aws:s3/bucketLoggingV2:BucketLoggingV2", base+"-logging")
				assert.Equal(t, spec.LogTo != "", logged, spec.Purpose)

				policies := 0
				for _, p := range m.ByType("aws:s3/bucketPolicy:BucketPolicy") {
					if p.Name == base+"-policy" {
						policies++
						doc, err := p.JSON("policy")
						require.NoError(t, err)
						assert.Equal(t, "DenyInsecureTransport", doc.(map[string]any)["Statement"].([]any)[0].(map[string]any)["Sid"])
						assert.Equal(t, b.Provider, p.Provider)
					}
				}
				assert.Equal(t, 1, policies, "%s has exactly one policy", spec.Purpose)
			}

			doc := m.Get(t, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "storage-document-download-lifecycle")
			days := map[string]float64{}
			for _, r := range doc.Input("rules").([]any) {
				rule := r.(map[string]any)
				if exp, ok := rule["expiration"].(map[string]any); ok {
					days[rule["filter"].(map[string]any)["prefix"].(string)] = exp["days"].(float64)
				}
			}
			assert.Equal(t, map[string]float64{"": 7, "tmp/": 3}, days)
			logs := m.Get(t, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "storage-csv-upload-logs-lifecycle")
			for _, r := range logs.Input("rules").([]any) {
				if rule := r.(map[string]any); rule["id"] == "expire" {
					assert.Equal(t, 90.0, rule["noncurrentVersionExpiration"].(map[string]any)["noncurrentDays"])
				}
			}
			logging := m.Get(t, "aws:s3/bucketLoggingV2:BucketLoggingV2", "storage-document-download-scan-files-logging")
			assert.Equal(t, "storage-document-download-logs-id", logging.Input("targetBucket"))

			plans := m.ByType("aws:guardduty/malwareProtectionPlan:MalwareProtectionPlan")
			if tc.malware {
				require.Len(t, plans, 1)
				bucket := plans[0].Input("protectedResource").(map[string]any)["s3Bucket"].(map[string]any)
				assert.Equal(t, prefix+"-document-download-scan-files", bucket["bucketName"])
				assert.Equal(t, prefix+"-guardduty-malware-scan", m.Get(t, "aws:iam/role:Role", "storage-malware-scan-role").Input("name"))
			} else {
				assert.Empty(t, plans)
				assert.Empty(t, m.ByType("aws:iam/role:Role"))
			}
		})
	}
}

func TestStorageOutputs(t *testing.T) {
	var got componenttest.Capture
	_, _, err := componenttest.Run(t, "test", func(ctx *pulumi.Context) (*Storage, error) {
		s, err := New(ctx, "storage", Args{Placement: componenttest.Placement(ctx, "dev", account),
			MainKeyArn: pulumi.String(mainKey), SMSRegionKeyArn: pulumi.String(smsKey),
			MalwareScan: true}, pulumi.Provider(componenttest.Provider(ctx, "primary", "ca-central-1", account)))
		if err != nil {
			return nil, err
		}
		got.String(ctx, "asset", s.AssetBucket.RegionalDomainName)
		got.String(ctx, "alb", s.AlbLogsBucket.Name)
		got.String(ctx, "scan", s.DocumentDownloadScanBucket.Arn)
		got.String(ctx, "west", s.SmsUsageWest2LogsBucket.RegionalDomainName)
		got.String(ctx, "plan", s.MalwareProtectionPlanArn)
		assert.Len(t, s.Buckets, 15)
		return s, nil
	})
	require.NoError(t, err)
	assert.Equal(t, "notification-canada-ca-dev-asset-upload.s3.ca-central-1.amazonaws.com", got.Get("asset"))
	assert.Equal(t, "notification-canada-ca-dev-alb-logs", got.Get("alb"))
	assert.Equal(t, "arn:aws:s3:::notification-canada-ca-dev-document-download-scan-files", got.Get("scan"))
	assert.Equal(t, "notification-canada-ca-dev-sms-usage-west-2-logs.s3.us-west-2.amazonaws.com", got.Get("west"))
	assert.Contains(t, got.Get("plan"), "arn:aws:guardduty:ca-central-1:")
}

func TestStorageRefusesBadArgsBeforeRegistering(t *testing.T) {
	m, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		args := Args{ELBAccountID: "elb"}
		args.NamePrefix, args.AccountID, args.SMSRegion = "notification-canada-ca-production-drill-2026", "1", "ca-central-1"
		_, err := New(ctx, "storage", args)
		return err
	})
	require.Error(t, err)
	for _, want := range []string{`NamePrefix "notification-canada-ca-production-drill-2026": bucket document-download-scan-files`,
		"S3 allows 63", "over IAM's 64 characters", `AccountID: got "1"`, `ELBAccountID: got "elb"`,
		`SMSRegion: got "ca-central-1", the same as Region`, "SMSProvider: got nil", "MainKeyArn: got nil",
		"SMSRegionKeyArn: got nil"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}

// TestBucketSettingsWaitForEachOther checks every bucket's settings form one chain: S3 refuses
// a change to a bucket while another is in progress (OperationAborted).
func TestBucketSettingsWaitForEachOther(t *testing.T) {
	m, err := run(t, func(a *Args) { a.NamePrefix = "notification-canada-ca-dev" })
	require.NoError(t, err)
	for _, spec := range Plan("notification-canada-ca-dev") {
		base := "storage-" + spec.Purpose
		chain := []struct{ typ, name string }{
			{"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", base + "-public-access-block"},
			{"aws:s3/bucketOwnershipControls:BucketOwnershipControls", base + "-ownership"},
			{"aws:s3/bucketPolicy:BucketPolicy", base + "-policy"},
			{"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", base + "-encryption"},
		}
		if spec.Versioned {
			chain = append(chain, struct{ typ, name string }{"aws:s3/bucketVersioningV2:BucketVersioningV2", base + "-versioning"})
		}
		chain = append(chain, struct{ typ, name string }{"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", base + "-lifecycle"})
		for i := 1; i < len(chain); i++ {
			prev, next := m.Get(t, chain[i-1].typ, chain[i-1].name), m.Get(t, chain[i].typ, chain[i].name)
			assert.Contains(t, next.Dependencies, prev.URN, "%s waits for %s", next.Name, prev.Name)
		}
		if logging, ok := m.Find("aws:s3/bucketLoggingV2:BucketLoggingV2", base+"-logging"); ok {
			lifecycle := m.Get(t, chain[len(chain)-1].typ, chain[len(chain)-1].name)
			assert.Contains(t, logging.Dependencies, lifecycle.URN, "%s waits for the bucket's other settings", logging.Name)
		}
	}
}

// TestPolicyReadyNameWaitsForThePolicy checks a resource given PolicyReadyName depends on the
// bucket's policy, as a load balancer writing access logs must.
func TestPolicyReadyNameWaitsForThePolicy(t *testing.T) {
	m, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		s, err := New(ctx, "storage", Args{Placement: componenttest.Placement(ctx, "dev", account),
			MainKeyArn: pulumi.String(mainKey), SMSRegionKeyArn: pulumi.String(smsKey)},
			pulumi.Provider(componenttest.Provider(ctx, "primary", "ca-central-1", account)))
		if err != nil {
			return err
		}
		_, err = s3.NewBucketV2(ctx, "consumer", &s3.BucketV2Args{Bucket: s.AlbLogsBucket.PolicyReadyName})
		return err
	})
	require.NoError(t, err)
	policy := m.Get(t, "aws:s3/bucketPolicy:BucketPolicy", "storage-alb-logs-policy")
	consumer := m.Get(t, bucketType, "consumer")
	assert.Contains(t, consumer.Dependencies, policy.URN)
	assert.Equal(t, "notification-canada-ca-dev-alb-logs", consumer.Input("bucket"))
}

// TestScanVerdictGoesToTheAPI: GuardDuty's verdict on each scanned template file reaches the
// API through an EventBridge rule and API destination, as today, and only with MalwareScan.
func TestScanVerdictGoesToTheAPI(t *testing.T) {
	const url = "https://api.notification.canada.ca/templates/scan-verdict-callback"
	prefix := "notification-canada-ca-production"
	m, err := run(t, func(a *Args) {
		a.NamePrefix, a.MalwareScan = prefix, true
		a.ScanVerdict = &ScanVerdict{CallbackURL: url, Token: pulumi.String("s3cret")}
	})
	require.NoError(t, err)
	scanBucket := prefix + "-document-download-scan-files"

	rule := m.Get(t, "aws:cloudwatch/eventRule:EventRule", "storage-scan-verdict")
	assert.Equal(t, prefix+"-scan-verdict", rule.String("name"))
	pattern, err := rule.JSON("eventPattern")
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"source": []any{"aws.guardduty"}, "detail-type": []any{"GuardDuty Malware Protection Object Scan Result"},
		"account": []any{account}, "region": []any{"ca-central-1"},
		"detail": map[string]any{"s3ObjectDetails": map[string]any{
			"bucketName": []any{scanBucket}, "objectKey": []any{map[string]any{"prefix": "template/"}}}},
	}, pattern)

	conn := m.Get(t, "aws:cloudwatch/eventConnection:EventConnection", "storage-scan-verdict")
	assert.Equal(t, "API_KEY", conn.String("authorizationType"))
	assert.Equal(t, map[string]any{"key": "X-Scan-Callback-Token", "value": "s3cret"},
		conn.Input("authParameters").(map[string]any)["apiKey"])
	dest := m.Get(t, "aws:cloudwatch/eventApiDestination:EventApiDestination", "storage-scan-verdict")
	assert.Equal(t, url, dest.String("invocationEndpoint"))
	assert.Equal(t, "POST", dest.String("httpMethod"))

	target := m.Get(t, "aws:cloudwatch/eventTarget:EventTarget", "storage-scan-verdict")
	assert.Equal(t, prefix+"-scan-verdict", target.String("rule"))
	assert.Equal(t, dest.Outputs["arn"].StringValue(), target.String("arn"))
	assert.Equal(t, map[string]any{"maximumRetryAttempts": float64(24), "maximumEventAgeInSeconds": float64(3600)},
		target.Input("retryPolicy"))
	transformer := target.Input("inputTransformer").(map[string]any)
	assert.Equal(t, "$.detail.s3ObjectDetails.objectKey", transformer["inputPaths"].(map[string]any)["object_key"])
	var body map[string]any
	filled := strings.NewReplacer("<", `"`, ">", `"`).Replace(transformer["inputTemplate"].(string))
	require.NoError(t, json.Unmarshal([]byte(filled), &body), "the template is JSON once EventBridge fills it")
	for _, field := range []string{"object_key", "scan_status", "scan_result_status", "bucket_name"} {
		assert.Contains(t, body, field, "the API reads %s", field)
	}

	role := m.Get(t, "aws:iam/role:Role", "storage-scan-verdict-role")
	assert.Equal(t, role.Outputs["arn"].StringValue(), target.String("roleArn"))
	trust, err := role.JSON("assumeRolePolicy")
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"Service": []any{"events.amazonaws.com"}},
		trust.(map[string]any)["Statement"].([]any)[0].(map[string]any)["Principal"])
	policy, err := m.Get(t, "aws:iam/rolePolicy:RolePolicy", "storage-scan-verdict-role").JSON("policy")
	require.NoError(t, err)
	st := policy.(map[string]any)["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, []any{"events:InvokeApiDestination"}, st["Action"])
	assert.Equal(t, []any{dest.Outputs["arn"].StringValue()}, st["Resource"])

	m, err = run(t, func(a *Args) { a.NamePrefix, a.MalwareScan = prefix, true })
	require.NoError(t, err)
	assert.Empty(t, m.ByType("aws:cloudwatch/eventRule:EventRule"), "no verdict rule without a callback")

	m, err = run(t, func(a *Args) {
		a.NamePrefix = prefix
		a.ScanVerdict = &ScanVerdict{CallbackURL: "http://api.example.ca/x"}
	})
	require.Error(t, err)
	for _, want := range []string{"ScanVerdict: got a verdict callback without MalwareScan", `ScanVerdict.CallbackURL: got "http://api.example.ca/x"`,
		"ScanVerdict.Token: got nil"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.ByType(bucketType))
}
