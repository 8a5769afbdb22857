package cloudsim

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// logsBucket seeds the alb-logs bucket and, when the policy is not empty, its policy.
func logsBucket(policy string) func(w *store) {
	return func(w *store) {
		seedRecord(w, testAccount, "ca-central-1", "aws:s3/bucketV2:BucketV2", "alb-logs", "alb-logs", map[string]any{"bucket": "alb-logs"})
		if policy != "" {
			seedRecord(w, testAccount, "ca-central-1", "aws:s3/bucketPolicy:BucketPolicy", "alb-logs", "",
				map[string]any{"bucket": "alb-logs", "policy": policy})
		}
	}
}

// elbPolicy is a bucket policy letting principal put the load balancers' logs.
func elbPolicy(principal string) string {
	return strings.NewReplacer("ACCOUNT", testAccount, "PRINCIPAL", principal).Replace(`{"Version":"2012-10-17","Statement":[
		{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":{"AWS":"*"},"Action":["s3:*"],
		 "Resource":["arn:aws:s3:::alb-logs","arn:aws:s3:::alb-logs/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}},
		{"Sid":"ELBLogDelivery","Effect":"Allow","Principal":PRINCIPAL,"Action":["s3:PutObject"],
		 "Resource":["arn:aws:s3:::alb-logs/*AWSLogs/ACCOUNT/*"]}]}`)
}

var accessLogsOn = map[string]any{"accessLogs": map[string]any{"bucket": "alb-logs", "enabled": true, "prefix": "public-alb"}}

var _ = addRuleCases(
	ruleCase{Rule: "elb.certificate-issued", Name: "issued certificate", Phase: OnCreate,
		Inputs: map[string]any{"protocol": "HTTPS", "certificateArn": certCentral}, World: seedCertificate(certCentral, "ca-central-1", "ISSUED")},
	ruleCase{Rule: "elb.certificate-issued", Name: "plain HTTP listener", Phase: OnCreate, Inputs: map[string]any{"protocol": "HTTP"}},
	ruleCase{Rule: "elb.certificate-issued", Name: "certificate pending validation", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"protocol": "HTTPS", "certificateArn": certCentral}, World: seedCertificate(certCentral, "ca-central-1", "PENDING_VALIDATION"),
		Contains: "The certificate '" + certCentral + "' must have a fully-qualified domain name"},

	ruleCase{Rule: "elb.added-certificate-issued", Name: "issued SNI certificate", Phase: OnCreate,
		Inputs: map[string]any{"listenerArn": "arn:l", "certificateArn": certCentral}, World: seedCertificate(certCentral, "ca-central-1", "ISSUED")},
	ruleCase{Rule: "elb.added-certificate-issued", Name: "SNI certificate pending validation", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"listenerArn": "arn:l", "certificateArn": certCentral}, World: seedCertificate(certCentral, "ca-central-1", "PENDING_VALIDATION")},

	ruleCase{Rule: "elb.access-logs-bucket-policy", Name: "policy allows the region's ELB account", Phase: OnCreate,
		Inputs: accessLogsOn, World: logsBucket(elbPolicy(`{"AWS":"arn:aws:iam::985666609251:root"}`))},
	ruleCase{Rule: "elb.access-logs-bucket-policy", Name: "policy allows the log delivery service", Phase: OnCreate,
		Inputs: accessLogsOn, World: logsBucket(elbPolicy(`{"Service":"logdelivery.elasticloadbalancing.amazonaws.com"}`))},
	ruleCase{Rule: "elb.access-logs-bucket-policy", Name: "access logs off", Phase: OnCreate,
		Inputs: map[string]any{"accessLogs": map[string]any{"bucket": "alb-logs", "enabled": false}}, World: logsBucket("")},
	ruleCase{Rule: "elb.access-logs-bucket-policy", Name: "bucket policy not there yet", Phase: OnCreate, Refused: true,
		Inputs: accessLogsOn, World: logsBucket(""), Contains: "Access Denied for bucket: alb-logs. Please check S3bucket permission"},
	ruleCase{Rule: "elb.access-logs-bucket-policy", Name: "policy allows another region's ELB account", Phase: OnCreate, Refused: true,
		Inputs: accessLogsOn, World: logsBucket(elbPolicy(`{"AWS":"arn:aws:iam::797873946194:root"}`))},
	ruleCase{Rule: "elb.access-logs-bucket-policy", Name: "logs turned on by an update", Phase: OnUpdate, Refused: true,
		Inputs: accessLogsOn, Olds: map[string]any{"accessLogs": map[string]any{"bucket": "alb-logs", "enabled": false}}, World: logsBucket("")},
)

// TestCertificateValidationIssuesTheCertificate checks the simulated ACM: a certificate is
// PENDING_VALIDATION until its validation is created (not previewed), then ISSUED, and an
// update of the certificate keeps it issued.
func TestCertificateValidationIssuesTheCertificate(t *testing.T) {
	w, err := newStore("")
	require.NoError(t, err)
	seedCertificate(certCentral, "ca-central-1", "PENDING_VALIDATION")(w)
	view := &scopeView{st: w, account: testAccount, region: "ca-central-1"}
	validation := func(preview bool) *object {
		return &object{Type: "aws:acm/certificateValidation:CertificateValidation", Region: "ca-central-1", Account: testAccount,
			Preview: preview, In: resource.NewPropertyMapFromMap(map[string]any{"certificateArn": certCentral}), state: view}
	}

	issueCertificate(validation(true))
	assert.Equal(t, "PENDING_VALIDATION", certificateStatusOf(w, certCentral), "a preview issues nothing")
	issueCertificate(validation(false))
	assert.Equal(t, "ISSUED", certificateStatusOf(w, certCentral))

	status := func(id string) string {
		o := &object{Type: acmCertificate, ID: id, Region: "ca-central-1", Account: testAccount, state: view,
			In: resource.NewPropertyMapFromMap(map[string]any{"domainName": "notification.canada.ca"})}
		computeOutputs(o)
		return o.outStr("status")
	}
	assert.Equal(t, "ISSUED", status(certCentral), "an update keeps the certificate issued")
	assert.Equal(t, "PENDING_VALIDATION", status(""), "a new certificate waits")
}
