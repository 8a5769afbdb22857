package cdn

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

type env struct {
	name, account, domain string
	forceDestroy          bool
}

var environments = []env{
	{name: "dev", account: "800095993820", domain: "dev.notification.cdssandbox.xyz", forceDestroy: true},
	{name: "staging", account: "239043911459", domain: "staging.notification.cdssandbox.xyz"},
	{name: "production", account: "296255494825", domain: "notification.canada.ca"},
}

const (
	cert   = "arn:aws:acm:us-east-1:123456789012:certificate/cf"
	webACL = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/cloudfront/1"
)

// run builds the CDN of environment e, with mutate applied to its args, and captures the
// distributions' ARNs and domain, the asset bucket's policy statement and the status bucket's name.
func run(t *testing.T, e env, mutate func(*Args)) (*pulumimock.Mocks, *componenttest.Capture, error) {
	o := &componenttest.Capture{}
	m, err := pulumimock.Run(t, e.name, nil, func(ctx *pulumi.Context) error {
		primary := componenttest.Provider(ctx, "aws-ca-central-1", "ca-central-1", e.account)
		dns := componenttest.Provider(ctx, "aws-dns", "ca-central-1", "111122223333")
		prefix := "notification-canada-ca-" + e.name
		args := Args{
			NamePrefix: prefix, Domain: e.domain,
			AssetBucketArn:                pulumi.String("arn:aws:s3:::" + prefix + "-asset-upload"),
			AssetBucketRegionalDomainName: pulumi.String(prefix + "-asset-upload.s3.ca-central-1.amazonaws.com"),
			CertificateArn:                pulumi.String(cert), WebAclArn: pulumi.String(webACL),
			ZoneID: pulumi.String("ZONE" + e.name), DNSProvider: dns, ForceDestroy: e.forceDestroy, Protect: true,
		}
		if mutate != nil {
			mutate(&args)
		}
		c, err := New(ctx, "cdn", args, pulumi.Provider(primary))
		if err != nil {
			return err
		}
		o.String(ctx, "assetsArn", c.Assets.DistributionArn)
		o.String(ctx, "assetsDomain", c.Assets.DomainName)
		o.String(ctx, "statusArn", c.Status.DistributionArn)
		o.String(ctx, "statement", c.AssetBucketPolicyStatement)
		o.String(ctx, "statusBucket", c.StatusBucketName)
		return nil
	})
	return m, o, err
}

func TestCDNAcrossEnvironments(t *testing.T) {
	for _, e := range environments {
		t.Run(e.name, func(t *testing.T) {
			m, o, err := run(t, e, nil)
			require.NoError(t, err)
			prefix := "notification-canada-ca-" + e.name

			oac := m.Get(t, "aws:cloudfront/originAccessControl:OriginAccessControl", "cdn-s3-oac")
			assert.Equal(t, "s3", oac.String("originAccessControlOriginType"))
			assert.Equal(t, "always", oac.String("signingBehavior"))
			assert.Equal(t, "sigv4", oac.String("signingProtocol"))
			assert.Empty(t, m.ByType("aws:cloudfront/originAccessIdentity:OriginAccessIdentity"), "no legacy OAI")

			for _, tc := range []struct{ key, alias, origin, root string }{
				{"cdn-assets", "assets." + e.domain, prefix + "-asset-upload.s3.ca-central-1.amazonaws.com", ""},
				{"cdn-status", "status." + e.domain, prefix + "-status.s3.ca-central-1.amazonaws.com", "index.html"},
			} {
				d := m.Get(t, "aws:cloudfront/distribution:Distribution", tc.key)
				assert.Equal(t, []any{tc.alias}, d.Input("aliases"))
				assert.Equal(t, "PriceClass_100", d.String("priceClass"))
				assert.Equal(t, webACL, d.String("webAclId"))
				assert.Equal(t, true, d.Input("isIpv6Enabled"))
				assert.Equal(t, tc.root, d.String("defaultRootObject"))
				assert.Equal(t, map[string]any{"acmCertificateArn": cert, "sslSupportMethod": "sni-only",
					"minimumProtocolVersion": "TLSv1.2_2021"}, d.Input("viewerCertificate"))
				origins := d.Input("origins").([]any)
				require.Len(t, origins, 1)
				origin := origins[0].(map[string]any)
				assert.Equal(t, tc.origin, origin["domainName"])
				assert.Equal(t, oac.ID, origin["originAccessControlId"])
				assert.Nil(t, origin["s3OriginConfig"], "origin access control, not an identity")
				behaviour := d.Input("defaultCacheBehavior").(map[string]any)
				assert.Equal(t, "redirect-to-https", behaviour["viewerProtocolPolicy"])
				assert.Equal(t, true, behaviour["compress"])
				assert.Equal(t, CachingOptimized, behaviour["cachePolicyId"])
				assert.Equal(t, "s3", behaviour["targetOriginId"])

				for _, typ := range []string{"a", "aaaa"} {
					r := m.Get(t, "aws:route53/record:Record", tc.key+"-"+typ)
					assert.Equal(t, tc.alias, r.String("name"))
					assert.Equal(t, strings.ToUpper(typ), r.String("type"))
					assert.Equal(t, "ZONE"+e.name, r.String("zoneId"))
					assert.Contains(t, r.Provider, "aws-dns")
					assert.Equal(t, []any{map[string]any{"name": d.Outputs["domainName"].StringValue(),
						"zoneId": "Z2FDTNDATAQYW2", "evaluateTargetHealth": false}}, r.Input("aliases"))
				}
			}
			assert.Len(t, m.ByType("aws:route53/record:Record"), 4)

			bucket := m.Get(t, "aws:s3/bucketV2:BucketV2", "cdn-status-bucket")
			assert.Equal(t, prefix+"-status", bucket.String("bucket"))
			assert.Equal(t, prefix+"-status", o.Get("statusBucket"))
			assert.True(t, bucket.Protect)
			assert.Equal(t, e.forceDestroy, bucket.Input("forceDestroy"))
			pab := m.Get(t, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "cdn-status-bucket-public-access-block")
			for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
				assert.Equal(t, true, pab.Input(k), k)
			}
			enc := m.Get(t, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
				"cdn-status-bucket-encryption")
			assert.Equal(t, "AES256", enc.Input("rules").([]any)[0].(map[string]any)["applyServerSideEncryptionByDefault"].(map[string]any)["sseAlgorithm"])
			own := m.Get(t, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "cdn-status-bucket-ownership")
			assert.Equal(t, map[string]any{"objectOwnership": "BucketOwnerEnforced"}, own.Input("rule"))

			policy, err := m.Get(t, "aws:s3/bucketPolicy:BucketPolicy", "cdn-status-bucket-policy").JSON("policy")
			require.NoError(t, err)
			stmts := policy.(map[string]any)["Statement"].([]any)
			require.Len(t, stmts, 2)
			assert.Equal(t, "Deny", stmts[0].(map[string]any)["Effect"])
			read := stmts[1].(map[string]any)
			assert.Equal(t, map[string]any{"Service": "cloudfront.amazonaws.com"}, read["Principal"])
			assert.Equal(t, []any{"arn:aws:s3:::" + prefix + "-status/*"}, read["Resource"])
			assert.Equal(t, map[string]any{"StringEquals": map[string]any{"AWS:SourceArn": o.Get("statusArn")}}, read["Condition"],
				"only the status distribution reads the status bucket")
			assert.Len(t, m.ByType("aws:s3/bucketPolicy:BucketPolicy"), 1, "the asset bucket's policy is storage's")

			var stmt map[string]any
			require.NoError(t, json.Unmarshal([]byte(o.Get("statement")), &stmt))
			asset := stmt["Statement"].([]any)[0].(map[string]any)
			assert.Equal(t, []any{"arn:aws:s3:::" + prefix + "-asset-upload/*"}, asset["Resource"])
			assert.Equal(t, map[string]any{"StringEquals": map[string]any{"AWS:SourceArn": o.Get("assetsArn")}}, asset["Condition"])
			assert.Contains(t, o.Get("assetsArn"), "arn:aws:cloudfront::"+e.account+":distribution/")
			assert.True(t, strings.HasSuffix(o.Get("assetsDomain"), ".cloudfront.net"))

			componenttest.AssertChildren(t, m, "gcnotify:cdn:CDN")
		})
	}
}

func TestCDNRefusesBadArgsBeforeRegistering(t *testing.T) {
	m, _, err := run(t, environments[0], func(a *Args) {
		a.NamePrefix = "Bad_Prefix"
		a.Domain = "nodot"
		a.PriceClass = "PriceClass_Cheap"
		a.MinimumProtocolVersion = "TLSv1"
		a.CertificateArn = nil
		a.WebAclArn = nil
		a.DNSProvider = nil
	})
	require.Error(t, err)
	for _, want := range []string{`NamePrefix: got "Bad_Prefix"`, `Domain: got "nodot"`, `PriceClass: got "PriceClass_Cheap"`,
		`MinimumProtocolVersion: got "TLSv1"`, "CertificateArn: got nil", "WebAclArn: got nil", "DNSProvider: got nil"} {
		assert.Contains(t, err.Error(), want)
	}
	componenttest.AssertOnlyProviders(t, m, 2, "the primary and DNS providers")
}

// TestStatusBucketSettingsWaitForEachOther checks the status bucket's settings form one chain:
// S3 refuses a change to a bucket while another is in progress (OperationAborted).
func TestStatusBucketSettingsWaitForEachOther(t *testing.T) {
	m, _, err := run(t, environments[0], nil)
	require.NoError(t, err)
	base := "cdn-status-bucket"
	chain := []struct{ typ, name string }{
		{"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", base + "-public-access-block"},
		{"aws:s3/bucketOwnershipControls:BucketOwnershipControls", base + "-ownership"},
		{"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", base + "-encryption"},
		{"aws:s3/bucketVersioningV2:BucketVersioningV2", base + "-versioning"},
		{"aws:s3/bucketPolicy:BucketPolicy", base + "-policy"},
	}
	for i := 1; i < len(chain); i++ {
		prev, next := m.Get(t, chain[i-1].typ, chain[i-1].name), m.Get(t, chain[i].typ, chain[i].name)
		assert.Contains(t, next.Dependencies, prev.URN, "%s waits for %s", next.Name, prev.Name)
	}
}
