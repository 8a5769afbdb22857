package waf

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// webACLRules turns a catalogue into web ACL rules. ipSetArn is the blocklist (KindIPBlocklist).
func webACLRules(rules []Rule, mode Mode, ipSetArn pulumi.StringInput) (wafv2.WebAclRuleArray, error) {
	out := wafv2.WebAclRuleArray{}
	for _, r := range rules {
		stmt, err := statement(r, ipSetArn)
		if err != nil {
			return nil, err
		}
		rule := wafv2.WebAclRuleArgs{
			Name:      pulumi.String(r.Name),
			Priority:  pulumi.Int(r.Priority),
			Statement: stmt,
			VisibilityConfig: wafv2.WebAclRuleVisibilityConfigArgs{CloudwatchMetricsEnabled: pulumi.Bool(true),
				MetricName: pulumi.String(r.Name), SampledRequestsEnabled: pulumi.Bool(true)},
		}
		switch {
		case r.Kind == KindManaged && r.Counts(mode):
			rule.OverrideAction = &wafv2.WebAclRuleOverrideActionArgs{Count: &wafv2.WebAclRuleOverrideActionCountArgs{}}
		case r.Kind == KindManaged:
			rule.OverrideAction = &wafv2.WebAclRuleOverrideActionArgs{None: &wafv2.WebAclRuleOverrideActionNoneArgs{}}
		case r.Counts(mode):
			rule.Action = &wafv2.WebAclRuleActionArgs{Count: &wafv2.WebAclRuleActionCountArgs{}}
		default:
			block := &wafv2.WebAclRuleActionBlockArgs{}
			if r.StatusCode != 0 {
				block.CustomResponse = &wafv2.WebAclRuleActionBlockCustomResponseArgs{ResponseCode: pulumi.Int(r.StatusCode),
					ResponseHeaders: wafv2.WebAclRuleActionBlockCustomResponseResponseHeaderArray{
						wafv2.WebAclRuleActionBlockCustomResponseResponseHeaderArgs{Name: pulumi.String("waf-block"), Value: pulumi.String(r.Name)}}}
			}
			rule.Action = &wafv2.WebAclRuleActionArgs{Block: block}
		}
		out = append(out, rule)
	}
	return out, nil
}

func statement(r Rule, ipSetArn pulumi.StringInput) (wafv2.WebAclRuleStatementArgs, error) {
	switch r.Kind {
	case KindManaged:
		var overrides wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArray
		for _, name := range r.CountRules {
			overrides = append(overrides, wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArgs{
				Name: pulumi.String(name),
				ActionToUse: wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseArgs{
					Count: &wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseCountArgs{}},
			})
		}
		return wafv2.WebAclRuleStatementArgs{ManagedRuleGroupStatement: &wafv2.WebAclRuleStatementManagedRuleGroupStatementArgs{
			Name: pulumi.String(r.ManagedGroup), VendorName: pulumi.String("AWS"), RuleActionOverrides: overrides}}, nil
	case KindIPBlocklist:
		return wafv2.WebAclRuleStatementArgs{IpSetReferenceStatement: &wafv2.WebAclRuleStatementIpSetReferenceStatementArgs{Arn: ipSetArn}}, nil
	case KindRateLimit:
		rate := &wafv2.WebAclRuleStatementRateBasedStatementArgs{Limit: pulumi.Int(r.Limit),
			AggregateKeyType: pulumi.String("IP"), EvaluationWindowSec: pulumi.Int(300)}
		switch r.Scope {
		case ScopeAll:
		case ScopeAPI:
			rate.ScopeDownStatement = &wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementArgs{
				ByteMatchStatement: &wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementByteMatchStatementArgs{
					FieldToMatch: &wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementByteMatchStatementFieldToMatchArgs{
						SingleHeader: &wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementByteMatchStatementFieldToMatchSingleHeaderArgs{
							Name: pulumi.String("host")}},
					PositionalConstraint: pulumi.String("STARTS_WITH"), SearchString: pulumi.String(apiHostStart),
					TextTransformations: wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementByteMatchStatementTextTransformationArray{
						wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementByteMatchStatementTextTransformationArgs{
							Priority: pulumi.Int(0), Type: pulumi.String("COMPRESS_WHITE_SPACE")},
						wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementByteMatchStatementTextTransformationArgs{
							Priority: pulumi.Int(1), Type: pulumi.String("LOWERCASE")},
					}}}
		case ScopeNonAPI:
			rate.ScopeDownStatement = &wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementArgs{
				NotStatement: &wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementNotStatementArgs{
					Statements: wafv2.WebAclRuleStatementArray{apiHost()}}}
		case ScopeSignIn:
			var paths wafv2.WebAclRuleStatementArray
			for _, p := range SignInPaths {
				paths = append(paths, pathStartsWith(p))
			}
			rate.ScopeDownStatement = &wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementArgs{
				OrStatement: &wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementOrStatementArgs{Statements: paths}}
		default:
			return wafv2.WebAclRuleStatementArgs{}, fmt.Errorf("waf rule %s: scope %q is not supported for rate limits", r.Name, r.Scope)
		}
		return wafv2.WebAclRuleStatementArgs{RateBasedStatement: rate}, nil
	case KindBodySize:
		// Bodies over the limit (or over the 8 KB a load balancer forwards: oversize MATCH),
		// outside the API, except multipart file uploads (the admin's CSV and logo uploads, which
		// the application limits itself).
		size := wafv2.WebAclRuleStatementArgs{SizeConstraintStatement: &wafv2.WebAclRuleStatementSizeConstraintStatementArgs{
			ComparisonOperator: pulumi.String("GT"), Size: pulumi.Int(r.Limit),
			FieldToMatch: &wafv2.WebAclRuleStatementSizeConstraintStatementFieldToMatchArgs{
				Body: &wafv2.WebAclRuleStatementSizeConstraintStatementFieldToMatchBodyArgs{OversizeHandling: pulumi.String("MATCH")}},
			TextTransformations: wafv2.WebAclRuleStatementSizeConstraintStatementTextTransformationArray{
				wafv2.WebAclRuleStatementSizeConstraintStatementTextTransformationArgs{Priority: pulumi.Int(0), Type: pulumi.String("NONE")}},
		}}
		multipart := headerContains("content-type", "multipart/form-data")
		return and(size, not(apiHost()), not(multipart)), nil
	case KindContentLength:
		// The declared length, since WAF sees only the first 8 KB of a body behind a load
		// balancer. Chunked requests carry no Content-Length; the application's own limit
		// applies to them.
		length := wafv2.WebAclRuleStatementArgs{RegexMatchStatement: &wafv2.WebAclRuleStatementRegexMatchStatementArgs{
			RegexString: pulumi.String(AtLeastRegex(r.Limit + 1)),
			FieldToMatch: &wafv2.WebAclRuleStatementRegexMatchStatementFieldToMatchArgs{
				SingleHeader: &wafv2.WebAclRuleStatementRegexMatchStatementFieldToMatchSingleHeaderArgs{Name: pulumi.String("content-length")}},
			TextTransformations: wafv2.WebAclRuleStatementRegexMatchStatementTextTransformationArray{
				wafv2.WebAclRuleStatementRegexMatchStatementTextTransformationArgs{Priority: pulumi.Int(0), Type: pulumi.String("COMPRESS_WHITE_SPACE")}},
		}}
		return and(apiHost(), length), nil
	case KindGeo:
		geo := wafv2.WebAclRuleStatementArgs{GeoMatchStatement: &wafv2.WebAclRuleStatementGeoMatchStatementArgs{
			CountryCodes: pulumi.ToStringArray(r.Countries)}}
		if r.Scope == ScopeAPI {
			return and(apiHost(), not(geo)), nil
		}
		return not(geo), nil
	}
	return wafv2.WebAclRuleStatementArgs{}, fmt.Errorf("waf rule %s: kind %q is not supported", r.Name, r.Kind)
}

func and(s ...wafv2.WebAclRuleStatementArgs) wafv2.WebAclRuleStatementArgs {
	arr := wafv2.WebAclRuleStatementArray{}
	for _, x := range s {
		arr = append(arr, x)
	}
	return wafv2.WebAclRuleStatementArgs{AndStatement: &wafv2.WebAclRuleStatementAndStatementArgs{Statements: arr}}
}

func not(s wafv2.WebAclRuleStatementArgs) wafv2.WebAclRuleStatementArgs {
	return wafv2.WebAclRuleStatementArgs{NotStatement: &wafv2.WebAclRuleStatementNotStatementArgs{
		Statements: wafv2.WebAclRuleStatementArray{s}}}
}

func byteMatch(field *wafv2.WebAclRuleStatementByteMatchStatementFieldToMatchArgs, constraint, search string) wafv2.WebAclRuleStatementArgs {
	return wafv2.WebAclRuleStatementArgs{ByteMatchStatement: &wafv2.WebAclRuleStatementByteMatchStatementArgs{
		FieldToMatch: field, PositionalConstraint: pulumi.String(constraint), SearchString: pulumi.String(search),
		TextTransformations: wafv2.WebAclRuleStatementByteMatchStatementTextTransformationArray{
			wafv2.WebAclRuleStatementByteMatchStatementTextTransformationArgs{Priority: pulumi.Int(0), Type: pulumi.String("COMPRESS_WHITE_SPACE")},
			wafv2.WebAclRuleStatementByteMatchStatementTextTransformationArgs{Priority: pulumi.Int(1), Type: pulumi.String("LOWERCASE")},
		}}}
}

func headerContains(header, search string) wafv2.WebAclRuleStatementArgs {
	return byteMatch(&wafv2.WebAclRuleStatementByteMatchStatementFieldToMatchArgs{
		SingleHeader: &wafv2.WebAclRuleStatementByteMatchStatementFieldToMatchSingleHeaderArgs{Name: pulumi.String(header)}},
		"CONTAINS", search)
}

// apiHost matches requests whose Host starts with "api." (api.<domain>, api.document.<domain>).
func apiHost() wafv2.WebAclRuleStatementArgs {
	return byteMatch(&wafv2.WebAclRuleStatementByteMatchStatementFieldToMatchArgs{
		SingleHeader: &wafv2.WebAclRuleStatementByteMatchStatementFieldToMatchSingleHeaderArgs{Name: pulumi.String("host")}},
		"STARTS_WITH", apiHostStart)
}

func pathStartsWith(path string) wafv2.WebAclRuleStatementArgs {
	return byteMatch(&wafv2.WebAclRuleStatementByteMatchStatementFieldToMatchArgs{
		UriPath: &wafv2.WebAclRuleStatementByteMatchStatementFieldToMatchUriPathArgs{}}, "STARTS_WITH", path)
}
