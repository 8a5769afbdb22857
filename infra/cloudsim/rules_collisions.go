package cloudsim

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Collisions: AWS refuses to create a resource whose name is taken in its scope. The world is
// shared by every stack of a state folder, so a second stack in an account that already runs
// an environment meets the first one's resources exactly as it would in AWS.

// nameScope is where a name must be unique.
type nameScope int

const (
	scopeRegion  nameScope = iota // account and region
	scopeAccount                  // the account, every region (IAM, budgets)
	scopeGlobal                   // every account (S3 bucket names, CloudFront aliases)
)

// collision is one type's rule: the scope and AWS's answer.
type collision struct {
	id, service, operation, resource, code string
	status                                 int
	scope                                  nameScope
	types                                  []string
	// key is the unique name of a request or record ("" when it has none).
	key func(in func(string) string) string
	// message is AWS's message for the taken name; account is the existing owner's.
	message func(name, account, region string, sameAccount bool) string
	source  string
}

// byName keys a resource by its AWS name property.
func byName(prop string) func(in func(string) string) string {
	return func(in func(string) string) string { return in(prop) }
}

var collisions = []collision{
	{id: "sqs.queue-exists", service: "SQS", operation: "CreateQueue", resource: "SQS Queue", code: "QueueAlreadyExists",
		types: []string{"aws:sqs/queue:Queue"}, key: byName("name"),
		message: func(n, _, _ string, _ bool) string {
			return "A queue already exists with the same name and a different value for attribute(s) (the simulation refuses also when every attribute matches, where AWS would return the existing queue: two stacks sharing a queue is the collision this rule exists to show)"
		},
		source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html"},
	{id: "s3.bucket-exists", service: "S3", operation: "CreateBucket", resource: "S3 Bucket", code: "BucketAlreadyOwnedByYou", status: 409,
		scope: scopeGlobal, types: []string{"aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket"}, key: byName("bucket"),
		message: func(n, _, _ string, same bool) string {
			if !same {
				return "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again. (BucketAlreadyExists)"
			}
			return "Your previous request to create the named bucket succeeded and you already own it."
		},
		source: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html"},
	{id: "iam.role-exists", service: "IAM", operation: "CreateRole", resource: "IAM Role", code: "EntityAlreadyExists", status: 409,
		scope: scopeAccount, types: []string{"aws:iam/role:Role"}, key: byName("name"),
		message: func(n, _, _ string, _ bool) string { return fmt.Sprintf("Role with name %s already exists.", n) },
		source:  "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html"},
	{id: "iam.policy-exists", service: "IAM", operation: "CreatePolicy", resource: "IAM Policy", code: "EntityAlreadyExists", status: 409,
		scope: scopeAccount, types: []string{"aws:iam/policy:Policy"}, key: byName("name"),
		message: func(n, _, _ string, _ bool) string {
			return fmt.Sprintf("A policy called %s already exists. Duplicate names are not allowed.", n)
		},
		source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html"},
	{id: "iam.oidc-provider-exists", service: "IAM", operation: "CreateOpenIDConnectProvider", resource: "IAM OIDC Provider",
		code: "EntityAlreadyExists", status: 409, scope: scopeAccount, types: []string{"aws:iam/openIdConnectProvider:OpenIdConnectProvider"},
		key: byName("url"),
		message: func(n, _, _ string, _ bool) string {
			return fmt.Sprintf("Provider with url %s already exists.", n)
		},
		source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html"},
	{id: "logs.log-group-exists", service: "CloudWatch Logs", operation: "CreateLogGroup", resource: "CloudWatch Logs Log Group",
		code: "ResourceAlreadyExistsException", types: []string{"aws:cloudwatch/logGroup:LogGroup"}, key: byName("name"),
		message: func(string, string, string, bool) string { return "The specified log group already exists" },
		source:  "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html"},
	{id: "secretsmanager.secret-exists", service: "Secrets Manager", operation: "CreateSecret", resource: "Secrets Manager Secret",
		code: "ResourceExistsException", types: []string{"aws:secretsmanager/secret:Secret"}, key: byName("name"),
		message: func(n, _, _ string, _ bool) string {
			return fmt.Sprintf("The operation failed because the secret %s already exists.", n)
		},
		source: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html"},
	{id: "lambda.function-exists", service: "Lambda", operation: "CreateFunction", resource: "Lambda Function",
		code: "ResourceConflictException", status: 409, types: []string{lambdaFunction}, key: byName("name"),
		message: func(n, _, _ string, _ bool) string { return "Function already exist: " + n },
		source:  "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html"},
	{id: "rds.cluster-exists", service: "RDS", operation: "CreateDBCluster", resource: "RDS Cluster", code: "DBClusterAlreadyExistsFault",
		types: []string{"aws:rds/cluster:Cluster"}, key: byName("clusterIdentifier"),
		message: func(string, string, string, bool) string { return "DB Cluster already exists" },
		source:  "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html"},
	{id: "rds.instance-exists", service: "RDS", operation: "CreateDBInstance", resource: "RDS Cluster Instance",
		code: "DBInstanceAlreadyExists", types: []string{"aws:rds/clusterInstance:ClusterInstance"}, key: byName("identifier"),
		message: func(string, string, string, bool) string { return "DB instance already exists" },
		source:  "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html"},
	{id: "rds.proxy-exists", service: "RDS", operation: "CreateDBProxy", resource: "RDS DB Proxy", code: "DBProxyAlreadyExistsFault",
		types: []string{"aws:rds/proxy:Proxy"}, key: byName("name"),
		message: func(n, _, _ string, _ bool) string {
			return fmt.Sprintf("A DB proxy with the name %s already exists.", n)
		},
		source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBProxy.html"},
	{id: "ecr.repository-exists", service: "ECR", operation: "CreateRepository", resource: "ECR Repository",
		code: "RepositoryAlreadyExistsException", types: []string{"aws:ecr/repository:Repository"}, key: byName("name"),
		message: func(n, account, _ string, _ bool) string {
			return fmt.Sprintf("The repository with name '%s' already exists in the registry with id '%s'", n, account)
		},
		source: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html"},
	{id: "athena.workgroup-exists", service: "Athena", operation: "CreateWorkGroup", resource: "Athena Workgroup",
		code: "InvalidRequestException", types: []string{"aws:athena/workgroup:Workgroup"}, key: byName("name"),
		message: func(n, _, _ string, _ bool) string { return "WorkGroup is already created" },
		source:  "https://docs.aws.amazon.com/athena/latest/APIReference/API_CreateWorkGroup.html"},
	{id: "glue.table-exists", service: "Glue", operation: "CreateTable", resource: "Glue Catalog Table",
		code: "AlreadyExistsException", types: []string{"aws:glue/catalogTable:CatalogTable"},
		key: func(in func(string) string) string {
			if in("name") == "" {
				return ""
			}
			return in("databaseName") + "." + in("name")
		},
		message: func(n, _, _ string, _ bool) string { return "Table already exists." },
		source:  "https://docs.aws.amazon.com/glue/latest/webapi/API_CreateTable.html"},
	{id: "eks.cluster-exists", service: "EKS", operation: "CreateCluster", resource: "EKS Cluster", code: "ResourceInUseException",
		status: 409, types: []string{"aws:eks/cluster:Cluster"}, key: byName("name"),
		message: func(n, _, _ string, _ bool) string { return "Cluster already exists with name: " + n },
		source:  "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html"},
	{id: "elasticache.replication-group-exists", service: "ElastiCache", operation: "CreateReplicationGroup",
		resource: "ElastiCache Replication Group", code: "ReplicationGroupAlreadyExists",
		types: []string{"aws:elasticache/replicationGroup:ReplicationGroup"}, key: byName("replicationGroupId"),
		message: func(n, _, _ string, _ bool) string { return fmt.Sprintf("Replication group %s already exists.", n) },
		source:  "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html"},
	{id: "kms.alias-exists", service: "KMS", operation: "CreateAlias", resource: "KMS Alias", code: "AlreadyExistsException",
		types: []string{"aws:kms/alias:Alias"}, key: byName("name"),
		message: func(n, account, region string, _ bool) string {
			return fmt.Sprintf("An alias with the name arn:aws:kms:%s:%s:%s already exists", region, account, n)
		},
		source: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html"},
	{id: "elbv2.load-balancer-exists", service: "Elastic Load Balancing v2", operation: "CreateLoadBalancer",
		resource: "ELBv2 Load Balancer", code: "DuplicateLoadBalancerName",
		types: []string{"aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"}, key: byName("name"),
		message: func(n, _, _ string, _ bool) string {
			return fmt.Sprintf("A load balancer with the same name '%s' exists, but with different settings", n)
		},
		source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html"},
	{id: "elbv2.target-group-exists", service: "Elastic Load Balancing v2", operation: "CreateTargetGroup",
		resource: "ELBv2 Target Group", code: "DuplicateTargetGroupName",
		types: []string{"aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"}, key: byName("name"),
		message: func(n, _, _ string, _ bool) string {
			return fmt.Sprintf("A target group with the same name '%s' exists, but with different settings", n)
		},
		source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html"},
	{id: "sns.topic-exists", service: "SNS", operation: "CreateTopic", resource: "SNS Topic", code: "InvalidParameter",
		types: []string{"aws:sns/topic:Topic"}, key: byName("name"),
		message: func(string, string, string, bool) string {
			return "Invalid parameter: Tags Reason: Topic already exists with different tags"
		},
		source: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html"},
	{id: "wafv2.web-acl-exists", service: "WAFV2", operation: "CreateWebACL", resource: "WAFv2 WebACL",
		code: "WAFDuplicateItemException", types: []string{"aws:wafv2/webAcl:WebAcl", "aws:wafv2/ipSet:IpSet"},
		key: func(in func(string) string) string { return in("scope") + "/" + in("name") },
		message: func(string, string, string, bool) string {
			return "AWS WAF couldn't perform the operation because some resource in your request is a duplicate of an existing one."
		},
		source: "https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html"},
	{id: "sesv2.identity-exists", service: "SESv2", operation: "CreateEmailIdentity", resource: "SESv2 Email Identity",
		code: "AlreadyExistsException", types: []string{"aws:sesv2/emailIdentity:EmailIdentity"}, key: byName("emailIdentity"),
		message: func(n, _, _ string, _ bool) string { return fmt.Sprintf("Email identity %s already exist.", n) },
		source:  "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_CreateEmailIdentity.html"},
	{id: "ses.receipt-rule-set-exists", service: "SES", operation: "CreateReceiptRuleSet", resource: "SES Receipt Rule Set",
		code: "AlreadyExists", types: []string{"aws:ses/receiptRuleSet:ReceiptRuleSet"}, key: byName("ruleSetName"),
		message: func(n, _, _ string, _ bool) string { return "Rule set already exists: " + n },
		source:  "https://docs.aws.amazon.com/ses/latest/APIReference/API_CreateReceiptRuleSet.html"},
	{id: "budgets.budget-exists", service: "Budgets", operation: "CreateBudget", resource: "Budget", code: "DuplicateRecordException",
		scope: scopeAccount, types: []string{"aws:budgets/budget:Budget"}, key: byName("name"),
		message: func(n, _, _ string, _ bool) string {
			return fmt.Sprintf("Error creating budget: %s, the budget already exists.", n)
		},
		source: "https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_CreateBudget.html"},
	{id: "securityhub.account-subscribed", service: "SecurityHub", operation: "EnableSecurityHub", resource: "Security Hub Account",
		code: "ResourceConflictException", status: 409, types: []string{"aws:securityhub/account:Account"},
		key:     func(func(string) string) string { return "account" },
		message: func(string, string, string, bool) string { return "Account is already subscribed to Security Hub" },
		source:  "https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_EnableSecurityHub.html"},
	{id: "route53.record-exists", service: "Route 53", operation: "ChangeResourceRecordSets", resource: "Route53 Record",
		code: "InvalidChangeBatch", scope: scopeAccount, types: []string{"aws:route53/record:Record"},
		key: func(in func(string) string) string {
			if in("allowOverwrite") == "true" {
				return "" // an UPSERT: AWS replaces the record
			}
			return in("zoneId") + "|" + strings.TrimSuffix(strings.ToLower(in("name")), ".") + "|" + in("type") + "|" + in("setIdentifier")
		},
		message: func(n, _, _ string, _ bool) string {
			p := strings.Split(n, "|")
			return fmt.Sprintf("[Tried to create resource record set [name='%s.', type='%s'] but it already exists]", p[1], p[2])
		},
		source: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html"},
	{id: "cloudfront.cname-exists", service: "CloudFront", operation: "CreateDistribution", resource: "CloudFront Distribution",
		code: "CNAMEAlreadyExists", status: 409, scope: scopeGlobal, types: []string{"aws:cloudfront/distribution:Distribution"},
		key: byName("aliases"),
		message: func(string, string, string, bool) string {
			return "One or more of the CNAMEs you provided are already associated with a different resource."
		},
		source: "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateDistribution.html"},
}

// singletons are settings an account and region holds once. AWS silently replaces them when a
// second stack sets them (last writer wins, the first stack's settings lost without a word):
// the simulation refuses the second owner instead, so the collision is seen in a rehearsal.
var singletons = []collision{
	{id: "sns.sms-preferences-owned", service: "SNS", operation: "SetSMSAttributes", resource: "SNS SMS Preferences",
		types: []string{"aws:sns/smsPreferences:SmsPreferences"}},
	{id: "ses.active-rule-set-owned", service: "SES", operation: "SetActiveReceiptRuleSet", resource: "SES Active Receipt Rule Set",
		types: []string{"aws:ses/activeReceiptRuleSet:ActiveReceiptRuleSet"}},
}

func init() {
	for _, c := range collisions {
		c := c
		register(Rule{ID: c.id, Service: c.service, Operation: c.operation, Resource: c.resource, Code: c.code, Status: c.status,
			Summary: "a " + c.resource + " whose name is taken " + [...]string{"in the account and region", "in the account", "in every account"}[c.scope],
			Source:  c.source, Types: c.types, Phases: []Phase{OnCreate},
			Check: func(rc *RuleCall) string {
				in := func(k string) string { return inputKey(rc.Obj, k) }
				key := c.key(in)
				if key == "" {
					return ""
				}
				if r := taken(rc, c, key); r != nil {
					return c.message(key, r.Account, r.Region, r.Account == rc.Obj.Account)
				}
				return ""
			}})
	}
	for _, c := range singletons {
		c := c
		register(Rule{ID: c.id, Service: c.service, Operation: c.operation, Resource: c.resource, Code: "AccountSingletonOwned",
			Summary: "a second stack setting an account's " + c.resource + " (AWS would silently overwrite the first stack's; the simulation refuses)",
			Source:  "docs/design.md#account-wide-singletons", Types: c.types, Phases: []Phase{OnCreate},
			Check: func(rc *RuleCall) string {
				for _, t := range c.types {
					if r := rc.World.find(rc.Obj.Account, rc.Obj.Region, t, nil); r != nil {
						return fmt.Sprintf("the %s of account %s in %s are already owned by stack %s (%s): AWS keeps one per account and region and would silently replace them; give this stack its own account, or adopt the existing setting",
							c.resource, rc.Obj.Account, rc.Obj.Region, StackOf(r.URN), r.URN)
					}
				}
				return ""
			}})
	}
}

// taken returns a record of the collision's types whose key meets key in the scope.
func taken(rc *RuleCall, c collision, key string) *record {
	account, region := rc.Obj.Account, rc.Obj.Region
	switch c.scope {
	case scopeAccount:
		region = ""
	case scopeGlobal:
		account, region = "", ""
	}
	for _, t := range c.types {
		for _, r := range rc.World.list(func(r *record) bool {
			return r.Type == t && (account == "" || r.Account == account) && (region == "" || r.Region == region)
		}) {
			if k := c.key(func(k string) string { return keyOf(plain(r.inputs()[resource.PropertyKey(k)])) }); k != "" && keysMeet(k, key) {
				return r
			}
		}
	}
	return nil
}

// inputKey is an input as a key: strings as they are, booleans as true/false, lists one
// element a line.
func inputKey(o *object, k string) string { return keyOf(o.in(k)) }

func keyOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return fmt.Sprint(x)
	case []any:
		var parts []string
		for _, e := range x {
			if s, ok := e.(string); ok && s != "" {
				parts = append(parts, strings.ToLower(s))
			}
		}
		return strings.Join(parts, "\n")
	}
	return ""
}

// keysMeet says whether two keys are equal or, for lists, share an element.
func keysMeet(a, b string) bool {
	if a == b {
		return true
	}
	if !strings.Contains(a, "\n") && !strings.Contains(b, "\n") {
		return false
	}
	seen := map[string]bool{}
	for _, x := range strings.Split(a, "\n") {
		seen[x] = true
	}
	for _, y := range strings.Split(b, "\n") {
		if seen[y] {
			return true
		}
	}
	return false
}

// StackOf is the stack of a URN (urn:pulumi:<stack>::<project>::...): "(unknown)" when it is
// not a Pulumi URN, "(none)" when it names no stack.
func StackOf(urn string) string {
	rest, ok := strings.CutPrefix(urn, "urn:pulumi:")
	if !ok {
		return "(unknown)"
	}
	stack, _, _ := strings.Cut(rest, "::")
	if stack == "" {
		return "(none)"
	}
	return stack
}
