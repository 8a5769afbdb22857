package waf

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// RedactedHeaders are kept out of the WAF logs: API keys and session cookies.
var RedactedHeaders = []string{"authorization", "cookie"}

// WAF is the two web ACLs and their logging.
type WAF struct {
	pulumi.ResourceState

	// WebACLArn is the regional web ACL on the load balancer.
	WebACLArn pulumi.StringOutput
	// IPBlocklistArn is the blocklist's IP set.
	IPBlocklistArn pulumi.StringOutput
	// LogGroupName is the regional ACL's log group.
	LogGroupName pulumi.StringOutput
	// CloudFrontWebACLArn is the CloudFront-scope web ACL, for the asset distribution's
	// webAclId.
	CloudFrontWebACLArn pulumi.StringOutput
	// Rules is the regional catalogue as built.
	Rules []Rule
}

// New creates the web ACLs. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*WAF, error) {
	args = args.withDefaults()
	w := &WAF{}
	child, err := component.Register(ctx, "gcnotify:waf:WAF", name, w, args.validate, opts...)
	if err != nil {
		return nil, err
	}
	w.Rules = RegionalRules(Params{
		RateLimitNonAPI: args.RateLimitNonAPI, RateLimitAPI: args.RateLimitAPI, RateLimitSignIn: args.RateLimitSignIn,
		NonAPIBodyLimitBytes: args.NonAPIBodyLimitBytes, APIBodyLimitBytes: args.APIBodyLimitBytes,
		GeoAllowedCountries: args.GeoAllowedCountries,
	})

	blocklist, err := wafv2.NewIpSet(ctx, name+"-ip-blocklist", &wafv2.IpSetArgs{
		Name:             pulumi.String(args.NamePrefix + "-ip-blocklist"),
		Description:      pulumi.String("Addresses refused outright by the load balancer's web ACL"),
		Scope:            pulumi.String("REGIONAL"),
		IpAddressVersion: pulumi.String("IPV4"),
		Addresses:        pulumi.ToStringArray(append([]string{}, args.BlockedIPv4Cidrs...)),
		Tags:             tagging.Named(args.NamePrefix + "-ip-blocklist"),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("waf ip blocklist: %w", err)
	}
	w.IPBlocklistArn = blocklist.Arn

	acl, logs, err := webACL(ctx, name, "waf", "REGIONAL", args.NamePrefix+"-waf", w.Rules, args.NewRuleMode,
		blocklist.Arn, args.LogRetentionDays, args.LogKmsKeyArn, child)
	if err != nil {
		return nil, err
	}
	w.WebACLArn, w.LogGroupName = acl.Arn, logs.Name
	if _, err := wafv2.NewWebAclAssociation(ctx, name+"-waf-alb", &wafv2.WebAclAssociationArgs{
		ResourceArn: args.LoadBalancerArn,
		WebAclArn:   acl.Arn,
	}, child...); err != nil {
		return nil, fmt.Errorf("waf association: %w", err)
	}

	east := append(append([]pulumi.ResourceOption{}, child...), pulumi.Provider(args.CloudFrontProvider))
	cf, _, err := webACL(ctx, name, "cloudfront-waf", "CLOUDFRONT", args.NamePrefix+"-cloudfront-waf",
		CloudFrontRules(args.CloudFrontRateLimit), args.NewRuleMode, nil, args.LogRetentionDays, args.CloudFrontLogKmsKeyArn, east)
	if err != nil {
		return nil, err
	}
	w.CloudFrontWebACLArn = cf.Arn

	return w, ctx.RegisterResourceOutputs(w, pulumi.Map{
		"webAclArn":           w.WebACLArn,
		"ipBlocklistArn":      w.IPBlocklistArn,
		"logGroupName":        w.LogGroupName,
		"cloudFrontWebAclArn": w.CloudFrontWebACLArn,
	})
}

// webACL creates a web ACL (default allow), its log group (named with the prefix WAF
// requires) and its logging configuration.
func webACL(ctx *pulumi.Context, name, role, scope, aclName string, rules []Rule, mode Mode, ipSetArn pulumi.StringInput,
	retention int, kmsKeyArn pulumi.StringInput, opts []pulumi.ResourceOption) (*wafv2.WebAcl, *cloudwatch.LogGroup, error) {
	ruleArgs, err := webACLRules(rules, mode, ipSetArn)
	if err != nil {
		return nil, nil, err
	}
	acl, err := wafv2.NewWebAcl(ctx, name+"-"+role, &wafv2.WebAclArgs{
		Name:          pulumi.String(aclName),
		Description:   pulumi.String("GC Notify " + aclName),
		Scope:         pulumi.String(scope),
		DefaultAction: wafv2.WebAclDefaultActionArgs{Allow: &wafv2.WebAclDefaultActionAllowArgs{}},
		Rules:         ruleArgs,
		VisibilityConfig: wafv2.WebAclVisibilityConfigArgs{CloudwatchMetricsEnabled: pulumi.Bool(true),
			MetricName: pulumi.String(aclName), SampledRequestsEnabled: pulumi.Bool(true)},
		Tags: tagging.Named(aclName),
	}, opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("waf %s: %w", role, err)
	}
	logName := LogGroupPrefix + aclName
	logs, err := cloudwatch.NewLogGroup(ctx, name+"-"+role+"-logs", &cloudwatch.LogGroupArgs{
		Name:            pulumi.String(logName),
		RetentionInDays: pulumi.Int(retention),
		KmsKeyId:        kmsKeyArn,
		Tags:            tagging.Named(logName),
	}, opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("waf %s log group: %w", role, err)
	}
	var redacted wafv2.WebAclLoggingConfigurationRedactedFieldArray
	for _, h := range RedactedHeaders {
		redacted = append(redacted, wafv2.WebAclLoggingConfigurationRedactedFieldArgs{
			SingleHeader: &wafv2.WebAclLoggingConfigurationRedactedFieldSingleHeaderArgs{Name: pulumi.String(h)}})
	}
	if _, err := wafv2.NewWebAclLoggingConfiguration(ctx, name+"-"+role+"-logging", &wafv2.WebAclLoggingConfigurationArgs{
		ResourceArn:           acl.Arn,
		LogDestinationConfigs: pulumi.StringArray{logs.Arn},
		RedactedFields:        redacted,
	}, opts...); err != nil {
		return nil, nil, fmt.Errorf("waf %s logging: %w", role, err)
	}
	return acl, logs, nil
}
