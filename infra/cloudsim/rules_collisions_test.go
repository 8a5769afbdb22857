package cloudsim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// collisionInputs are a request's inputs for each collision rule.
var collisionInputs = map[string]map[string]any{
	"sqs.queue-exists":                     {"name": "eks-notification-canada-ca-priority-database-tasks.fifo"},
	"s3.bucket-exists":                     {"bucket": "notification-canada-ca-dev-csv-upload"},
	"iam.role-exists":                      {"name": "sns-delivery-role"},
	"iam.policy-exists":                    {"name": "notify-deploy"},
	"iam.oidc-provider-exists":             {"url": "https://token.actions.githubusercontent.com"},
	"logs.log-group-exists":                {"name": "/aws/eks/notification-canada-ca-dev-eks-cluster/cluster"},
	"secretsmanager.secret-exists":         {"name": "MANIFEST_SQLALCHEMY_DATABASE_URI"},
	"lambda.function-exists":               {"name": "heartbeat"},
	"rds.cluster-exists":                   {"clusterIdentifier": "notification-canada-ca-dev-cluster"},
	"rds.instance-exists":                  {"identifier": "notification-canada-ca-dev-instance-0"},
	"rds.proxy-exists":                     {"name": "dev-notification-canada-ca"},
	"ecr.repository-exists":                {"name": "notify/api"},
	"eks.cluster-exists":                   {"name": "notification-canada-ca-dev-eks-cluster"},
	"athena.workgroup-exists":              {"name": "Support"},
	"glue.table-exists":                    {"databaseName": "notification_quicksight", "name": "services"},
	"elasticache.replication-group-exists": {"replicationGroupId": "notify-dev-queue-cache"},
	"kms.alias-exists":                     {"name": "alias/notification-canada-ca"},
	"elbv2.load-balancer-exists":           {"name": "notification-dev-alb"},
	"elbv2.target-group-exists":            {"name": "notification-api"},
	"sns.topic-exists":                     {"name": "alert-critical"},
	"wafv2.web-acl-exists":                 {"name": "notification-dev", "scope": "REGIONAL"},
	"sesv2.identity-exists":                {"emailIdentity": "dev.notification.cdssandbox.xyz"},
	"ses.receipt-rule-set-exists":          {"ruleSetName": "main"},
	"budgets.budget-exists":                {"name": "notify-monthly"},
	"securityhub.account-subscribed":       {},
	"route53.record-exists":                {"zoneId": "Z123", "name": "api.dev.notification.cdssandbox.xyz", "type": "A"},
	"cloudfront.cname-exists":              {"aliases": []any{"assets.dev.notification.cdssandbox.xyz"}},
	"sns.sms-preferences-owned":            {"defaultSenderId": "CANADA-CA"},
	"ses.active-rule-set-owned":            {"ruleSetName": "main"},
}

var _ = func() bool {
	for _, c := range append(append([]collision(nil), collisions...), singletons...) {
		id, typ, in := c.id, c.types[0], collisionInputs[c.id]
		if in == nil {
			continue // TestCollisionInputsComplete reports it
		}
		seed := func(account, region string) func(w *store) {
			return func(w *store) { seedRecord(w, account, region, typ, "existing", "", in) }
		}
		addRuleCases(
			ruleCase{Rule: id, Name: "free", Phase: OnCreate, Inputs: in},
			ruleCase{Rule: id, Name: "another account's", Phase: OnCreate, Inputs: in, World: seed("444455556666", "ca-central-1"),
				Refused: c.scope == scopeGlobal},
			ruleCase{Rule: id, Name: "taken in this account", Phase: OnCreate, Inputs: in, World: seed(testAccount, "ca-central-1"),
				Refused: true, Contains: c.code},
		)
		if c.scope == scopeAccount {
			addRuleCases(ruleCase{Rule: id, Name: "taken in another region of the account", Phase: OnCreate, Inputs: in,
				World: seed(testAccount, "us-east-1"), Refused: true})
		}
	}
	return true
}()

var _ = addRuleCases(
	ruleCase{Rule: "route53.record-exists", Name: "overwrite allowed", Phase: OnCreate,
		Inputs: map[string]any{"zoneId": "Z123", "name": "dev.example.ca", "type": "MX", "allowOverwrite": true},
		World: func(w *store) {
			seedRecord(w, testAccount, "ca-central-1", "aws:route53/record:Record", "r", "", map[string]any{"zoneId": "Z123", "name": "dev.example.ca", "type": "MX"})
		}},
	ruleCase{Rule: "route53.record-exists", Name: "same name, other type", Phase: OnCreate,
		Inputs: map[string]any{"zoneId": "Z123", "name": "dev.example.ca", "type": "TXT"},
		World: func(w *store) {
			seedRecord(w, testAccount, "ca-central-1", "aws:route53/record:Record", "r", "", map[string]any{"zoneId": "Z123", "name": "dev.example.ca.", "type": "MX"})
		}},
	ruleCase{Rule: "route53.record-exists", Name: "trailing dot and case", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"zoneId": "Z123", "name": "Dev.Example.ca.", "type": "MX"},
		World: func(w *store) {
			seedRecord(w, testAccount, "ca-central-1", "aws:route53/record:Record", "r", "", map[string]any{"zoneId": "Z123", "name": "dev.example.ca", "type": "MX"})
		}, Contains: "[Tried to create resource record set [name='dev.example.ca.', type='MX'] but it already exists]"},
	ruleCase{Rule: "cloudfront.cname-exists", Name: "one alias shared", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"aliases": []any{"a.example.ca", "b.example.ca"}},
		World: func(w *store) {
			seedRecord(w, "444455556666", "us-east-1", "aws:cloudfront/distribution:Distribution", "d", "", map[string]any{"aliases": []any{"B.example.ca"}})
		}},
)

func TestCollisionInputsComplete(t *testing.T) {
	for _, c := range append(append([]collision(nil), collisions...), singletons...) {
		assert.Contains(t, collisionInputs, c.id, "collision rule %s has no test inputs", c.id)
	}
}

func TestStackOf(t *testing.T) {
	require.Equal(t, "dev", StackOf("urn:pulumi:dev::gcnotify::aws:sqs/queue:Queue::q"))
	require.Equal(t, "(unknown)", StackOf("q"))
	require.Equal(t, "(none)", StackOf("urn:pulumi:::gcnotify::aws:sqs/queue:Queue::q"))
}
