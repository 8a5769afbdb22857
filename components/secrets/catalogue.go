package secrets

import (
	"net/url"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Source says where a secret's value comes from.
type Source string

const (
	// Derived values are written by the program from other components' outputs.
	Derived Source = "derived"
	// Seeded values are written outside the program (by an operator, from the password
	// manager); the program only creates the container and never touches the value.
	Seeded Source = "seeded"
)

// Entry is one Secrets Manager secret the Helm charts read.
type Entry struct {
	// Name is the secret's name, the contract with the charts' SecretProviderClass objects.
	Name string
	// Description says what the value is.
	Description string
	// Source says who writes the value.
	Source Source
}

// Names of the derived secrets, for the composition to fill Args.Values.
const (
	SQLAlchemyDatabaseURI       = "MANIFEST_SQLALCHEMY_DATABASE_URI"
	SQLAlchemyDatabaseReaderURI = "MANIFEST_SQLALCHEMY_DATABASE_READER_URI"
	PostgresSQL                 = "MANIFEST_POSTGRES_SQL"
	PostgresHost                = "MANIFEST_POSTGRES_HOST"
	RedisURL                    = "MANIFEST_REDIS_URL"
	RedisPublishURL             = "MANIFEST_REDIS_PUBLISH_URL"
	APITargetGroupArn           = "MANIFEST_API_TARGET_GROUP_ARN"
	AdminTargetGroupArn         = "MANIFEST_ADMIN_TARGET_GROUP_ARN"
	DocumentAPITargetGroupArn   = "MANIFEST_DOCUMENT_API_TARGET_GROUP_ARN"
	DocumentTargetGroupArn      = "MANIFEST_DOCUMENT_TARGET_GROUP_ARN"
	DocumentationTargetGroupArn = "MANIFEST_DOCUMENTATION_TARGET_GROUP_ARN"
)

// derived describes the derived secrets. The database and Redis names are those the charts
// and Terraform use today; the target group names follow the same MANIFEST_<NAME> scheme (the
// charts take target group ARNs from Helm values today, so these are new names).
var derived = map[string]string{
	SQLAlchemyDatabaseURI:       "PostgreSQL URI of the application user through the RDS Proxy's read-write endpoint",
	SQLAlchemyDatabaseReaderURI: "PostgreSQL URI of the application user through the RDS Proxy's read-only endpoint",
	PostgresSQL:                 "PostgreSQL URI of the application user through the RDS Proxy's read-write endpoint (tools)",
	PostgresHost:                "Writer endpoint of the Aurora cluster",
	RedisURL:                    "rediss:// URL of the main Valkey cache, with the application user's credentials",
	RedisPublishURL:             "rediss:// URL of the Valkey cache the application publishes to",
	APITargetGroupArn:           "ARN of the API target group (port 6011)",
	AdminTargetGroupArn:         "ARN of the admin target group (port 6012)",
	DocumentAPITargetGroupArn:   "ARN of the document download API target group (port 7000)",
	DocumentTargetGroupArn:      "ARN of the document download frontend target group (port 7001)",
	DocumentationTargetGroupArn: "ARN of the documentation target group (port 80)",
}

// seeded describes the seeded secrets: application keys and third-party credentials, and the
// Pinpoint SMS pool ids (pools are not a resource of the pinned provider).
var seeded = map[string]string{
	"MANIFEST_ADMIN_CLIENT_SECRET":                         "Shared secret between admin and API",
	"MANIFEST_AUTH_TOKENS":                                 "Tokens accepted by the document download API",
	"MANIFEST_AWS_PINPOINT_DEFAULT_POOL_ID":                "Pinpoint SMS default pool id",
	"MANIFEST_AWS_PINPOINT_SC_POOL_ID":                     "Pinpoint SMS short code pool id",
	"MANIFEST_AWS_PINPOINT_SC_TEMPLATE_IDS":                "Templates sent through the short code pool",
	"MANIFEST_AWS_ROUTE53_ZONE":                            "Route 53 zone id the application writes custom sending domain records to",
	"MANIFEST_AWS_SES_ACCESS_KEY":                          "SES SMTP access key",
	"MANIFEST_AWS_SES_SECRET_KEY":                          "SES SMTP secret key",
	"MANIFEST_CACHE_CLEAR_CLIENT_SECRET":                   "Secret of the cache-clear client",
	"MANIFEST_CRM_GITHUB_PERSONAL_ACCESS_TOKEN":            "GitHub token of the CRM integration",
	"MANIFEST_CYPRESS_AUTH_CLIENT_SECRET":                  "Secret of the end-to-end test client",
	"MANIFEST_CYPRESS_USER_PW_SECRET":                      "Password of the end-to-end test users",
	"MANIFEST_DANGEROUS_SALT":                              "Salt of signed tokens",
	"MANIFEST_DEBUG_KEY":                                   "Key of the debug endpoints",
	"MANIFEST_DOCUMENT_DOWNLOAD_API_KEY":                   "API key of the document download API",
	"MANIFEST_FRESH_DESK_API_KEY":                          "Freshdesk API key",
	"MANIFEST_FRESH_DESK_PRODUCT_ID":                       "Freshdesk product id",
	"MANIFEST_GC_ARTICLES_API_AUTH_PASSWORD":               "GC Articles API password",
	"MANIFEST_GC_ARTICLES_API_AUTH_USERNAME":               "GC Articles API user",
	"MANIFEST_MIXPANEL_PROJECT_TOKEN":                      "Mixpanel project token",
	"MANIFEST_NEW_RELIC_LICENSE_KEY":                       "New Relic license key",
	"MANIFEST_SALESFORCE_CLIENT_PRIVATEKEY":                "Salesforce client private key",
	"MANIFEST_SALESFORCE_ENGAGEMENT_PRODUCT_ID":            "Salesforce engagement product id",
	"MANIFEST_SALESFORCE_ENGAGEMENT_RECORD_TYPE":           "Salesforce engagement record type",
	"MANIFEST_SALESFORCE_ENGAGEMENT_STANDARD_PRICEBOOK_ID": "Salesforce standard pricebook id",
	"MANIFEST_SALESFORCE_GENERIC_ACCOUNT_ID":               "Salesforce generic account id",
	"MANIFEST_SALESFORCE_PASSWORD":                         "Salesforce password",
	"MANIFEST_SALESFORCE_SECURITY_TOKEN":                   "Salesforce security token",
	"MANIFEST_SALESFORCE_USERNAME":                         "Salesforce user",
	"MANIFEST_SECRET_KEY":                                  "Flask secret key",
	"MANIFEST_SENDGRID_API_KEY":                            "SendGrid API key",
	"MANIFEST_SRE_CLIENT_SECRET":                           "Secret of the SRE client",
	"MANIFEST_WAF_SECRET":                                  "Header secret the WAF expects from CloudFront",
	"MANIFEST_ZENDESK_API_KEY":                             "Zendesk API key",
	"MANIFEST_ZENDESK_SELL_API_KEY":                        "Zendesk Sell API key",
}

// Catalogue returns every secret the Helm charts read, sorted by name.
func Catalogue() []Entry {
	var out []Entry
	for name, description := range derived {
		out = append(out, Entry{Name: name, Description: description, Source: Derived})
	}
	for name, description := range seeded {
		out = append(out, Entry{Name: name, Description: description, Source: Seeded})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// PostgresURI is the URI of a PostgreSQL database for a user, TLS required (the proxy refuses
// clear-text connections anyway), as a secret output. The application reads one URI string,
// so the password has to be in it.
func PostgresURI(user string, password, host pulumi.StringInput, database string) pulumi.StringOutput {
	return pulumi.ToSecret(pulumi.All(password, host).ApplyT(func(v []any) string {
		u := url.URL{Scheme: "postgresql", User: url.UserPassword(user, v[0].(string)), Host: v[1].(string),
			Path: "/" + database, RawQuery: "sslmode=require"}
		return u.String()
	})).(pulumi.StringOutput)
}
