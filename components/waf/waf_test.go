package waf

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

func run(t *testing.T, args Args, withProvider bool) (*pulumimock.Mocks, error) {
	return pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		if withProvider {
			args.CloudFrontProvider = componenttest.Provider(ctx, "us-east-1", "us-east-1", "")
		}
		_, err := New(ctx, "waf", args)
		return err
	})
}

func argsFor(env string, mode Mode, retention int) Args {
	return Args{
		NamePrefix:       "notification-canada-ca-" + env,
		LoadBalancerArn:  pulumi.String("arn:aws:elasticloadbalancing:ca-central-1:123456789012:loadbalancer/app/notification-" + env + "-alb/1"),
		NewRuleMode:      mode,
		BlockedIPv4Cidrs: []string{"203.0.113.0/24"},
		LogRetentionDays: retention,
		LogKmsKeyArn:     pulumi.String("arn:aws:kms:ca-central-1:123456789012:key/logs"),
	}
}

func rulesByName(t *testing.T, r pulumimock.Resource) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, x := range r.Input("rules").([]any) {
		rule := x.(map[string]any)
		out[rule["name"].(string)] = rule
	}
	return out
}

func TestWAFAcrossEnvironments(t *testing.T) {
	for _, tc := range []struct {
		env       string
		mode      Mode
		retention int
	}{{"dev", ModeBlock, 14}, {"staging", ModeBlock, 365}, {"production", ModeCount, 0}} {
		t.Run(tc.env, func(t *testing.T) {
			m, err := run(t, argsFor(tc.env, tc.mode, tc.retention), true)
			require.NoError(t, err)
			prefix := "notification-canada-ca-" + tc.env

			acl := m.Get(t, "aws:wafv2/webAcl:WebAcl", "waf-waf")
			assert.Equal(t, prefix+"-waf", acl.String("name"))
			assert.Equal(t, "REGIONAL", acl.String("scope"))
			rules := rulesByName(t, acl)
			assert.Len(t, rules, 13)

			sqliAction := "none"
			bodyAction := "block"
			if tc.mode == ModeCount {
				sqliAction, bodyAction = "count", "count"
			}
			assert.Contains(t, rules[GroupSQLi]["overrideAction"], sqliAction, "new managed group follows the mode")
			assert.Contains(t, rules[GroupLinux]["overrideAction"], "none", "established groups always block")
			assert.Contains(t, rules["BodySizeLimitNonApi"]["action"], bodyAction)
			assert.Contains(t, rules["BodySizeLimitApi"]["action"], bodyAction)
			assert.Contains(t, rules["ip_blocklist"]["action"], "block")
			assert.Contains(t, rules["ApiRateLimit"]["action"], "block")

			rate := func(name string) map[string]any {
				return rules[name]["statement"].(map[string]any)["rateBasedStatement"].(map[string]any)
			}
			assert.Equal(t, 750.0, rate("rate_limit_all_except_api")["limit"])
			assert.Equal(t, 30000.0, rate("ApiRateLimit")["limit"])
			assert.Equal(t, 100.0, rate("SigninRateLimitRule")["limit"])
			assert.Equal(t, "api.", rate("ApiRateLimit")["scopeDownStatement"].(map[string]any)["byteMatchStatement"].(map[string]any)["searchString"])
			assert.Len(t, rate("SigninRateLimitRule")["scopeDownStatement"].(map[string]any)["orStatement"].(map[string]any)["statements"], 4)

			geo := rules["CanadaUSOnlyGeoRestriction"]["statement"].(map[string]any)["andStatement"].(map[string]any)["statements"].([]any)
			notGeo := geo[1].(map[string]any)["notStatement"].(map[string]any)["statements"].([]any)[0].(map[string]any)
			assert.Equal(t, []any{"CA", "US"}, notGeo["geoMatchStatement"].(map[string]any)["countryCodes"])

			ipset := m.Get(t, "aws:wafv2/ipSet:IpSet", "waf-ip-blocklist")
			assert.Equal(t, []any{"203.0.113.0/24"}, ipset.Input("addresses"))
			assert.Equal(t, "REGIONAL", ipset.String("scope"))

			assoc := m.Get(t, "aws:wafv2/webAclAssociation:WebAclAssociation", "waf-waf-alb")
			assert.Contains(t, assoc.String("resourceArn"), "loadbalancer/app/notification-"+tc.env+"-alb")

			for _, lg := range m.ByType("aws:cloudwatch/logGroup:LogGroup") {
				assert.True(t, strings.HasPrefix(lg.String("name"), LogGroupPrefix), lg.String("name"))
				assert.Equal(t, float64(tc.retention), lg.Input("retentionInDays"))
			}
			assert.Equal(t, "arn:aws:kms:ca-central-1:123456789012:key/logs",
				m.Get(t, "aws:cloudwatch/logGroup:LogGroup", "waf-waf-logs").String("kmsKeyId"))
			for _, lc := range m.ByType("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration") {
				var headers []any
				for _, f := range lc.Input("redactedFields").([]any) {
					headers = append(headers, f.(map[string]any)["singleHeader"].(map[string]any)["name"])
				}
				assert.Equal(t, []any{"authorization", "cookie"}, headers, lc.Name)
			}

			cf := m.Get(t, "aws:wafv2/webAcl:WebAcl", "waf-cloudfront-waf")
			assert.Equal(t, "CLOUDFRONT", cf.String("scope"))
			assert.Contains(t, cf.Provider, "pulumi:providers:aws::us-east-1")
			assert.Contains(t, m.Get(t, "aws:cloudwatch/logGroup:LogGroup", "waf-cloudfront-waf-logs").Provider, "us-east-1")
			assert.Len(t, rulesByName(t, cf), 4)

			componenttest.AssertChildren(t, m, "gcnotify:waf:WAF")
		})
	}
}

func TestWAFEmptyBlocklistIsAllowed(t *testing.T) {
	args := argsFor("dev", ModeBlock, 14)
	args.BlockedIPv4Cidrs = nil
	m, err := run(t, args, true)
	require.NoError(t, err)
	assert.Equal(t, []any{}, m.Get(t, "aws:wafv2/ipSet:IpSet", "waf-ip-blocklist").Input("addresses"))
}

func TestWAFRefusesBadArgsBeforeRegistering(t *testing.T) {
	args := argsFor("dev", "maybe", 14)
	args.NamePrefix = ""
	args.LoadBalancerArn = nil
	args.BlockedIPv4Cidrs = []string{"10.0.0.1/8", "2001:db8::/32"}
	args.GeoAllowedCountries = []string{"Canada"}
	args.RateLimitAPI = 5
	args.NonAPIBodyLimitBytes = 65536
	m, err := run(t, args, false)
	require.Error(t, err)
	for _, want := range []string{"NamePrefix", "LoadBalancerArn: got nil", `NewRuleMode: got "maybe"`, `"10.0.0.1/8"`,
		`"2001:db8::/32"`, `GeoAllowedCountries: got "Canada"`, "RateLimitAPI: got 5", "NonAPIBodyLimitBytes: got 65536",
		"CloudFrontProvider: got nil"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}
