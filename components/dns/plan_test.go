package dns

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
)

func TestValidationRecordsDeduplicateWildcards(t *testing.T) {
	for name, tc := range map[string]struct {
		domain string
		names  []string
		want   []ValidationRecord
	}{
		"alb certificate": {"notification.canada.ca", AlbCertificateNames("notification.canada.ca"), []ValidationRecord{
			{"notification.canada.ca", "apex"}, {"api.notification.canada.ca", "api"},
			{"document.notification.canada.ca", "document"}}},
		"cloudfront certificate": {"dev.notification.cdssandbox.xyz", CloudFrontCertificateNames("dev.notification.cdssandbox.xyz"),
			[]ValidationRecord{{"assets.dev.notification.cdssandbox.xyz", "assets"}, {"status.dev.notification.cdssandbox.xyz", "status"}}},
		"wildcard before base": {"x.ca", []string{"*.a.x.ca", "a.x.ca", "*.x.ca"}, []ValidationRecord{{"a.x.ca", "a"}, {"x.ca", "apex"}}},
		"nested labels":        {"x.ca", []string{"*.b.a.x.ca"}, []ValidationRecord{{"b.a.x.ca", "b-a"}}},
		"case folded":          {"x.ca", []string{"API.x.ca", "*.api.x.ca"}, []ValidationRecord{{"api.x.ca", "api"}}},
		"nothing":              {"x.ca", nil, nil},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, ValidationRecords(tc.domain, tc.names))
		})
	}
}

func TestValidationOptionFindsTheRecordOfABaseOrItsWildcard(t *testing.T) {
	s := func(v string) *string { return &v }
	opts := []acm.CertificateDomainValidationOption{
		{DomainName: s("x.ca"), ResourceRecordName: s("_a.x.ca.")},
		{DomainName: s("*.document.x.ca"), ResourceRecordName: s("_d.document.x.ca.")},
	}
	o, err := validationOption(opts, "document.x.ca")
	require.NoError(t, err)
	assert.Equal(t, "_d.document.x.ca.", *o.ResourceRecordName)
	o, err = validationOption(opts, "x.ca")
	require.NoError(t, err)
	assert.Equal(t, "_a.x.ca.", *o.ResourceRecordName)
	_, err = validationOption(opts, "api.x.ca")
	assert.ErrorContains(t, err, "api.x.ca")
}

func TestDelegatedRecordNamesAreNormalized(t *testing.T) {
	assert.Equal(t, []string{"dev.notification.cdssandbox.xyz", "*.dev.notification.cdssandbox.xyz"},
		DelegatedRecordNames("Dev.Notification.cdssandbox.xyz."))
	assert.Equal(t, "dev_dns_manager_role", DNSManagerRoleName("dev"))
}

func TestValidDomain(t *testing.T) {
	for d, want := range map[string]bool{
		"notification.canada.ca": true, "dev.notification.cdssandbox.xyz": true, "notification.prv": true,
		"": false, "localhost": false, "Upper.ca": false, "trailing.dot.": false, "-bad.ca": false, "a..b": false,
	} {
		assert.Equal(t, want, awsrule.ValidDomain(d), d)
	}
	assert.True(t, within("dev.notification.cdssandbox.xyz", "notification.cdssandbox.xyz"))
	assert.True(t, within("notification.canada.ca", "notification.canada.ca"))
	assert.False(t, within("evilnotification.canada.ca", "notification.canada.ca"))
}
