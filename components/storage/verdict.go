package storage

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// ScanVerdict sends GuardDuty's verdict on each scanned template file to the API, as today: an
// EventBridge rule on the default bus matches the scan bucket's "GuardDuty Malware Protection
// Object Scan Result" events and an API destination POSTs a summary of each to the API, which
// marks the file clean or infected.
type ScanVerdict struct {
	// CallbackURL is the API's HTTPS endpoint
	// (https://api.<domain>/templates/scan-verdict-callback). Required.
	CallbackURL string
	// Token is sent in the VerdictTokenHeader header; the API refuses a verdict without it.
	// Required (a secret).
	Token pulumi.StringInput
	// KeyPrefix limits the rule to objects under it. Default "template/" (the API's uploads;
	// document-download's own files are not its business).
	KeyPrefix string
	// RateLimitPerSecond caps the calls to the API. Default 10.
	RateLimitPerSecond int
	// RetryAttempts and MaxEventAgeSeconds bound EventBridge's retries while the API is down.
	// Default 24 and 3600 (an hour).
	RetryAttempts      int
	MaxEventAgeSeconds int
}

// VerdictTokenHeader is the header the API reads the callback token from.
const VerdictTokenHeader = "X-Scan-Callback-Token"

// VerdictDetailType is the EventBridge detail-type of a GuardDuty S3 object scan result.
const VerdictDetailType = "GuardDuty Malware Protection Object Scan Result"

func (v ScanVerdict) withDefaults() ScanVerdict {
	if v.KeyPrefix == "" {
		v.KeyPrefix = "template/"
	}
	if v.RateLimitPerSecond == 0 {
		v.RateLimitPerSecond = 10
	}
	if v.RetryAttempts == 0 {
		v.RetryAttempts = 24
	}
	if v.MaxEventAgeSeconds == 0 {
		v.MaxEventAgeSeconds = 3600
	}
	return v
}

func (v ScanVerdict) validate() []error {
	var errs []error
	if u, err := url.Parse(v.CallbackURL); err != nil || u.Scheme != "https" || u.Host == "" {
		errs = append(errs, fmt.Errorf("storage: ScanVerdict.CallbackURL: got %q, want an https:// URL of the API", v.CallbackURL))
	}
	if v.Token == nil {
		errs = append(errs, fmt.Errorf("storage: ScanVerdict.Token: got nil, want the API's callback token"))
	}
	// EventBridge's bounds (PutTargets RetryPolicy, CreateApiDestination).
	if v.RetryAttempts < 0 || v.RetryAttempts > 185 {
		errs = append(errs, fmt.Errorf("storage: ScanVerdict.RetryAttempts: got %d, want 0 to 185", v.RetryAttempts))
	}
	if v.MaxEventAgeSeconds < 60 || v.MaxEventAgeSeconds > 86400 {
		errs = append(errs, fmt.Errorf("storage: ScanVerdict.MaxEventAgeSeconds: got %d, want 60 to 86400", v.MaxEventAgeSeconds))
	}
	if v.RateLimitPerSecond < 1 || v.RateLimitPerSecond > 300 {
		errs = append(errs, fmt.Errorf("storage: ScanVerdict.RateLimitPerSecond: got %d, want 1 to 300", v.RateLimitPerSecond))
	}
	return errs
}

// VerdictEventPattern matches the scan results of one bucket's objects under prefix, in this
// account and region only.
func VerdictEventPattern(account, region, bucket, prefix string) string {
	return mustJSON(map[string]any{
		"source":      []string{"aws.guardduty"},
		"detail-type": []string{VerdictDetailType},
		"account":     []string{account},
		"region":      []string{region},
		"detail": map[string]any{"s3ObjectDetails": map[string]any{
			"bucketName": []string{bucket},
			"objectKey":  []any{map[string]string{"prefix": prefix}},
		}},
	})
}

// VerdictInputPaths and VerdictInputTemplate reshape an event into the body the API's
// scan-verdict-callback endpoint validates.
var VerdictInputPaths = map[string]string{
	"event_id":           "$.id",
	"event_time":         "$.time",
	"account":            "$.account",
	"region":             "$.region",
	"bucket_name":        "$.detail.s3ObjectDetails.bucketName",
	"object_key":         "$.detail.s3ObjectDetails.objectKey",
	"scan_status":        "$.detail.scanStatus",
	"scan_result_status": "$.detail.scanResultDetails.scanResultStatus",
}

// VerdictInputTemplate places each path's value, JSON-quoted by EventBridge, under its name.
func VerdictInputTemplate() string {
	t := "{"
	for i, k := range slices.Sorted(maps.Keys(VerdictInputPaths)) {
		if i > 0 {
			t += ", "
		}
		t += fmt.Sprintf("%q: <%s>", k, k)
	}
	return t + "}"
}

func verdictName(prefix string) string { return prefix + "-scan-verdict" }

// scanVerdict creates the connection (the token), the API destination, the role EventBridge
// invokes it with, the rule and its target.
func (s *Storage) scanVerdict(ctx *pulumi.Context, name string, args Args, scan made) error {
	v := args.ScanVerdict.withDefaults()
	opts := []pulumi.ResourceOption{pulumi.Parent(s)}
	n := verdictName(args.NamePrefix)
	conn, err := cloudwatch.NewEventConnection(ctx, name+"-scan-verdict", &cloudwatch.EventConnectionArgs{
		Name:              pulumi.String(n),
		Description:       pulumi.String("GuardDuty scan verdicts to the API"),
		AuthorizationType: pulumi.String("API_KEY"),
		AuthParameters: &cloudwatch.EventConnectionAuthParametersArgs{
			ApiKey: &cloudwatch.EventConnectionAuthParametersApiKeyArgs{
				Key: pulumi.String(VerdictTokenHeader), Value: pulumi.ToSecret(v.Token.ToStringOutput()).(pulumi.StringOutput),
			},
		},
	}, opts...)
	if err != nil {
		return fmt.Errorf("storage scan verdict connection: %w", err)
	}
	dest, err := cloudwatch.NewEventApiDestination(ctx, name+"-scan-verdict", &cloudwatch.EventApiDestinationArgs{
		Name:                         pulumi.String(n),
		Description:                  pulumi.String("The API's scan verdict callback"),
		InvocationEndpoint:           pulumi.String(v.CallbackURL),
		HttpMethod:                   pulumi.String("POST"),
		InvocationRateLimitPerSecond: pulumi.Int(v.RateLimitPerSecond),
		ConnectionArn:                conn.Arn,
	}, opts...)
	if err != nil {
		return fmt.Errorf("storage scan verdict destination: %w", err)
	}
	trust := iampolicy.AssumeRole("events.amazonaws.com")
	trust.Statement[0].Condition = map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": args.AccountID}}
	role, err := iam.NewRole(ctx, name+"-scan-verdict-role", &iam.RoleArgs{
		Name:             pulumi.String(n),
		Description:      pulumi.String("EventBridge posts GuardDuty scan verdicts to the API"),
		AssumeRolePolicy: trust.String(),
		Tags:             tagging.Named(n),
	}, opts...)
	if err != nil {
		return fmt.Errorf("storage scan verdict role: %w", err)
	}
	policy, err := iam.NewRolePolicy(ctx, name+"-scan-verdict-role", &iam.RolePolicyArgs{
		Role: role.ID(),
		Policy: iampolicy.Output(func(a []string) iampolicy.Document {
			return iampolicy.New(iampolicy.Allow([]string{"events:InvokeApiDestination"}, a[0]))
		}, dest.Arn),
	}, opts...)
	if err != nil {
		return fmt.Errorf("storage scan verdict policy: %w", err)
	}
	rule, err := cloudwatch.NewEventRule(ctx, name+"-scan-verdict", &cloudwatch.EventRuleArgs{
		Name:        pulumi.String(n),
		Description: pulumi.String("GuardDuty malware scan results of the document-download scan bucket, to the API"),
		EventPattern: scan.bucket.Bucket.ApplyT(func(b string) string {
			return VerdictEventPattern(args.AccountID, args.Region, b, v.KeyPrefix)
		}).(pulumi.StringOutput),
		Tags: tagging.Named(n),
	}, opts...)
	if err != nil {
		return fmt.Errorf("storage scan verdict rule: %w", err)
	}
	if _, err := cloudwatch.NewEventTarget(ctx, name+"-scan-verdict", &cloudwatch.EventTargetArgs{
		Rule:     rule.Name,
		TargetId: pulumi.String("scan-verdict-api"),
		Arn:      dest.Arn,
		RoleArn:  role.Arn,
		RetryPolicy: &cloudwatch.EventTargetRetryPolicyArgs{
			MaximumRetryAttempts:     pulumi.Int(v.RetryAttempts),
			MaximumEventAgeInSeconds: pulumi.Int(v.MaxEventAgeSeconds),
		},
		InputTransformer: &cloudwatch.EventTargetInputTransformerArgs{
			InputPaths:    pulumi.ToStringMap(VerdictInputPaths),
			InputTemplate: pulumi.String(VerdictInputTemplate()),
		},
	}, append(opts, pulumi.DependsOn([]pulumi.Resource{policy}))...); err != nil {
		return fmt.Errorf("storage scan verdict target: %w", err)
	}
	return nil
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil { // maps of strings and slices: cannot fail
		panic(err)
	}
	return string(b)
}
