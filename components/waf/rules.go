package waf

// Mode is what a rule does when it matches.
type Mode string

// The modes a new rule can run in: blocking, or only counting (to watch its effect on real
// traffic before it blocks).
const (
	ModeBlock Mode = "block"
	ModeCount Mode = "count"
)

// Kind is the kind of statement a rule is built from.
type Kind string

// The statement kinds of the catalogue.
const (
	KindIPBlocklist   Kind = "ip-blocklist"
	KindManaged       Kind = "managed"
	KindRateLimit     Kind = "rate-limit"
	KindBodySize      Kind = "body-size"
	KindContentLength Kind = "content-length"
	KindGeo           Kind = "geo"
)

// Scope narrows the requests a rule looks at, by host or path.
type Scope string

// The scopes: every request, the API hosts (host starting with "api.", which includes
// api.document.<domain>, as today), every other host, or the sign-in family of paths.
const (
	ScopeAll     Scope = "all"
	ScopeAPI     Scope = "api"
	ScopeNonAPI  Scope = "non-api"
	ScopeSignIn  Scope = "sign-in"
	apiHostStart       = "api."
)

// SignInPaths are the admin paths the sign-in rate limit covers (as today).
var SignInPaths = []string{"/sign-in", "/register", "/forgot-password", "/forced-password-reset"}

// Rule is one entry of a web ACL's catalogue.
type Rule struct {
	// Name is the rule's and its metric's name.
	Name string
	// Priority orders evaluation; fixed per rule so that adding one never renumbers others.
	Priority int
	// Kind is the statement kind.
	Kind Kind
	// New marks a rule added by this project rather than running today: it follows the
	// environment's NewRuleMode (block outside production, count in production) until it is
	// promoted by flipping this flag.
	New bool
	// ManagedGroup is the AWS managed rule group (KindManaged).
	ManagedGroup string
	// CountRules are rules inside the managed group that only count (known false positives).
	CountRules []string
	// Limit is the requests per 5 minutes per IP (KindRateLimit), or the size in bytes above
	// which a request matches (KindBodySize, KindContentLength).
	Limit int
	// Scope narrows the rule to some requests.
	Scope Scope
	// Countries are the allowed country codes (KindGeo): other countries are blocked.
	Countries []string
	// StatusCode is the custom response code of a block (0: WAF's 403).
	StatusCode int
}

// Counts reports whether the rule only counts under an environment's new-rule mode.
func (r Rule) Counts(mode Mode) bool { return r.New && mode == ModeCount }

// Params are the numbers the regional catalogue is built from.
type Params struct {
	RateLimitNonAPI      int
	RateLimitAPI         int
	RateLimitSignIn      int
	NonAPIBodyLimitBytes int
	APIBodyLimitBytes    int
	GeoAllowedCountries  []string
}

// Managed rule groups of the inventory.
const (
	GroupIPReputation   = "AWSManagedRulesAmazonIpReputationList"
	GroupCommon         = "AWSManagedRulesCommonRuleSet"
	GroupKnownBadInputs = "AWSManagedRulesKnownBadInputsRuleSet"
	GroupLinux          = "AWSManagedRulesLinuxRuleSet"
	GroupAnonymousIP    = "AWSManagedRulesAnonymousIpList"
	GroupSQLi           = "AWSManagedRulesSQLiRuleSet"
)

// RegionalRules is the catalogue of the load balancer's web ACL. Names and priorities of the
// rules that run today are kept (priority 6 was Bot Control, not in the inventory: SQLi takes
// it); the managed groups' counted rules are today's known false positives (large bodies,
// rich-text and URLs in templates, clients without a User-Agent, hosting-provider IPs that
// API clients run on). The new rules (SQLi and the two size limits) follow NewRuleMode.
func RegionalRules(p Params) []Rule {
	return []Rule{
		{Name: GroupIPReputation, Priority: 1, Kind: KindManaged, ManagedGroup: GroupIPReputation},
		{Name: GroupCommon, Priority: 2, Kind: KindManaged, ManagedGroup: GroupCommon, CountRules: []string{
			"CrossSiteScripting_BODY", "EC2MetaDataSSRF_BODY", "NoUserAgent_HEADER", "SizeRestrictions_BODY",
			"GenericLFI_BODY", "GenericRFI_BODY"}},
		{Name: GroupKnownBadInputs, Priority: 3, Kind: KindManaged, ManagedGroup: GroupKnownBadInputs},
		{Name: GroupLinux, Priority: 4, Kind: KindManaged, ManagedGroup: GroupLinux},
		{Name: GroupAnonymousIP, Priority: 5, Kind: KindManaged, ManagedGroup: GroupAnonymousIP,
			CountRules: []string{"HostingProviderIPList"}},
		{Name: GroupSQLi, Priority: 6, Kind: KindManaged, ManagedGroup: GroupSQLi, New: true},
		{Name: "SigninRateLimitRule", Priority: 7, Kind: KindRateLimit, Limit: p.RateLimitSignIn, Scope: ScopeSignIn, StatusCode: 429},
		{Name: "ip_blocklist", Priority: 8, Kind: KindIPBlocklist, Scope: ScopeAll},
		{Name: "BodySizeLimitNonApi", Priority: 12, Kind: KindBodySize, Limit: p.NonAPIBodyLimitBytes, Scope: ScopeNonAPI,
			New: true, StatusCode: 413},
		{Name: "BodySizeLimitApi", Priority: 13, Kind: KindContentLength, Limit: p.APIBodyLimitBytes, Scope: ScopeAPI,
			New: true, StatusCode: 413},
		{Name: "CanadaUSOnlyGeoRestriction", Priority: 20, Kind: KindGeo, Countries: p.GeoAllowedCountries, Scope: ScopeAPI},
		{Name: "rate_limit_all_except_api", Priority: 200, Kind: KindRateLimit, Limit: p.RateLimitNonAPI, Scope: ScopeNonAPI, StatusCode: 429},
		{Name: "ApiRateLimit", Priority: 210, Kind: KindRateLimit, Limit: p.RateLimitAPI, Scope: ScopeAPI, StatusCode: 429},
	}
}

// CloudFrontRules is the catalogue of the asset distribution's web ACL: reputation, known bad
// inputs and the common rule set (static assets take no bodies, so nothing is counted), and a
// per-IP rate limit.
func CloudFrontRules(rateLimit int) []Rule {
	return []Rule{
		{Name: GroupIPReputation, Priority: 1, Kind: KindManaged, ManagedGroup: GroupIPReputation},
		{Name: GroupCommon, Priority: 2, Kind: KindManaged, ManagedGroup: GroupCommon},
		{Name: GroupKnownBadInputs, Priority: 3, Kind: KindManaged, ManagedGroup: GroupKnownBadInputs},
		{Name: "AssetsRateLimit", Priority: 100, Kind: KindRateLimit, Limit: rateLimit, Scope: ScopeAll, StatusCode: 429},
	}
}
