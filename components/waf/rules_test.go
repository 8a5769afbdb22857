package waf

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func params() Params {
	return Params{RateLimitNonAPI: 750, RateLimitAPI: 30000, RateLimitSignIn: 100, NonAPIBodyLimitBytes: 8192,
		APIBodyLimitBytes: 20_000_000, GeoAllowedCountries: []string{"CA", "US"}}
}

func TestRegionalCatalogue(t *testing.T) {
	type want struct {
		priority int
		kind     Kind
		isNew    bool
		limit    int
		scope    Scope
	}
	expected := map[string]want{
		GroupIPReputation:            {1, KindManaged, false, 0, ""},
		GroupCommon:                  {2, KindManaged, false, 0, ""},
		GroupKnownBadInputs:          {3, KindManaged, false, 0, ""},
		GroupLinux:                   {4, KindManaged, false, 0, ""},
		GroupAnonymousIP:             {5, KindManaged, false, 0, ""},
		GroupSQLi:                    {6, KindManaged, true, 0, ""},
		"SigninRateLimitRule":        {7, KindRateLimit, false, 100, ScopeSignIn},
		"ip_blocklist":               {8, KindIPBlocklist, false, 0, ScopeAll},
		"BodySizeLimitNonApi":        {12, KindBodySize, true, 8192, ScopeNonAPI},
		"BodySizeLimitApi":           {13, KindContentLength, true, 20_000_000, ScopeAPI},
		"CanadaUSOnlyGeoRestriction": {20, KindGeo, false, 0, ScopeAPI},
		"rate_limit_all_except_api":  {200, KindRateLimit, false, 750, ScopeNonAPI},
		"ApiRateLimit":               {210, KindRateLimit, false, 30000, ScopeAPI},
	}
	rules := RegionalRules(params())
	assert.Len(t, rules, len(expected))
	priorities := map[int]string{}
	for _, r := range rules {
		w, ok := expected[r.Name]
		if !assert.True(t, ok, "unexpected rule %s", r.Name) {
			continue
		}
		assert.Equal(t, w.priority, r.Priority, "%s: priorities are stable", r.Name)
		assert.Equal(t, w.kind, r.Kind, r.Name)
		assert.Equal(t, w.isNew, r.New, r.Name)
		assert.Equal(t, w.limit, r.Limit, r.Name)
		assert.Equal(t, w.scope, r.Scope, r.Name)
		if r.Kind == KindManaged {
			assert.Equal(t, r.Name, r.ManagedGroup)
		}
		if other, dup := priorities[r.Priority]; dup {
			t.Errorf("priority %d shared by %s and %s", r.Priority, other, r.Name)
		}
		priorities[r.Priority] = r.Name
	}
	common := rules[1]
	assert.Contains(t, common.CountRules, "SizeRestrictions_BODY", "the API's large bodies are judged by our own size rule")
}

func TestNewRulesFollowTheMode(t *testing.T) {
	for _, tc := range []struct {
		mode      Mode
		newCounts bool
	}{{ModeBlock, false}, {ModeCount, true}} {
		for _, r := range RegionalRules(params()) {
			assert.Equal(t, r.New && tc.newCounts, r.Counts(tc.mode), "%s in mode %s", r.Name, tc.mode)
		}
	}
}

func TestCloudFrontCatalogue(t *testing.T) {
	rules := CloudFrontRules(10000)
	var names []string
	for _, r := range rules {
		names = append(names, r.Name)
		assert.False(t, r.New, r.Name)
	}
	assert.Equal(t, []string{GroupIPReputation, GroupCommon, GroupKnownBadInputs, "AssetsRateLimit"}, names)
	assert.Equal(t, 10000, rules[3].Limit)
}
