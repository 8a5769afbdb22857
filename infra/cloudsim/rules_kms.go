package cloudsim

import (
	"fmt"
	"regexp"
	"strings"
)

// KMS keys are regional: a service that encrypts with a customer managed key calls KMS in its
// own region, where a key ARN of another region does not exist. The services that check the
// key when the resource is created or configured refuse here, each with its own error.
//
// Accepted on purpose: S3 (PutBucketEncryption: "Amazon S3 does not validate the KMS key ID
// provided in PutBucketEncryption requests"), SQS (CreateQueue, SetQueueAttributes) and SNS
// (CreateTopic) take any key id; their refusals (KMS.NotFoundException, KMSNotFound) come on
// the first PutObject, SendMessage or Publish, which the simulated cloud does not serve.

// kmsArn is a KMS key or alias ARN; its fourth field is the key's region.
var kmsArn = regexp.MustCompile(`^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(?:key|alias)/.+$`)

// kmsRegion returns the region of a KMS key ARN ("" for key ids and aliases, which resolve in
// the caller's region and so are never of another one).
func kmsRegion(key string) string {
	if m := kmsArn.FindStringSubmatch(key); m != nil {
		return m[1]
	}
	return ""
}

// valuesAt returns the non-empty strings found at a dotted path of plain values, looking
// through lists at every step (encryptionConfigurations[].kmsKey, rules[].x.y).
func valuesAt(v any, path []string) []string {
	switch t := v.(type) {
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, valuesAt(e, path)...)
		}
		return out
	case map[string]any:
		if len(path) == 0 {
			return nil
		}
		return valuesAt(t[path[0]], path[1:])
	case string:
		if len(path) == 0 && t != "" {
			return []string{t}
		}
	}
	return nil
}

// foreignKey returns the first key ARN at one of the paths whose region is not the request's
// region. On an update only keys that change are judged: AWS checked the others when they
// were set.
func foreignKey(c *RuleCall, paths ...string) string {
	for _, p := range paths {
		steps := strings.Split(p, ".")
		olds := map[string]bool{}
		if c.Phase == OnUpdate {
			for _, k := range valuesAt(plainMap(c.Olds), steps) {
				olds[k] = true
			}
		}
		for _, k := range valuesAt(plainMap(c.Obj.In), steps) {
			if r := kmsRegion(k); r != "" && r != c.Obj.Region && !olds[k] {
				return k
			}
		}
	}
	return ""
}

// kmsRule registers the rule of one service that refuses a key of another region at paths.
func kmsRule(r Rule, paths []string, message func(c *RuleCall, key string) string) {
	r.Phases = []Phase{OnCreate, OnUpdate}
	r.Check = func(c *RuleCall) string {
		if k := foreignKey(c, paths...); k != "" {
			return message(c, k)
		}
		return ""
	}
	register(r)
}

const (
	logGroup      = "aws:cloudwatch/logGroup:LogGroup"
	rdsCluster    = "aws:rds/cluster:Cluster"
	rdsInstance   = "aws:rds/clusterInstance:ClusterInstance"
	rdsDBInstance = "aws:rds/instance:Instance"
	secretType    = "aws:secretsmanager/secret:Secret"
	secretVersion = "aws:secretsmanager/secretVersion:SecretVersion"
)

// rdsKeyNotAccessible is RDS's answer for a key of another region, the same for clusters,
// Aurora instances and DB instances.
func rdsKeyNotAccessible(_ *RuleCall, key string) string {
	return fmt.Sprintf("The specified KMS key [%s] does not exist, is not enabled or you do not have permissions to access it.", key)
}

func init() {
	kmsRule(Rule{ID: "logs.kms-key-region", Service: "CloudWatch Logs", Operation: "CreateLogGroup",
		Resource: "CloudWatch Logs Log Group", Code: "AccessDeniedException",
		Summary: "a log group encrypted with a KMS key of another region",
		Source:  "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
		Types:   []string{logGroup}}, []string{"kmsKeyId"},
		func(c *RuleCall, _ string) string {
			return fmt.Sprintf("The specified KMS key does not exist or is not allowed to be used with Arn '%s'",
				c.Obj.arn("logs", "log-group:"+c.Obj.name()))
		})

	kmsRule(Rule{ID: "rds.kms-key-region", Service: "RDS", Operation: "CreateDBCluster", Resource: "RDS Cluster",
		Code:    "KMSKeyNotAccessibleFault",
		Summary: "an Aurora cluster whose storage, master secret or Performance Insights key is of another region",
		Source:  "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html",
		Types:   []string{rdsCluster}}, []string{"kmsKeyId", "masterUserSecretKmsKeyId", "performanceInsightsKmsKeyId"}, rdsKeyNotAccessible)
	kmsRule(Rule{ID: "rds.instance-kms-key-region", Service: "RDS", Operation: "CreateDBInstance", Resource: "RDS Cluster Instance",
		Code:    "KMSKeyNotAccessibleFault",
		Summary: "an Aurora instance whose Performance Insights key is of another region",
		Source:  "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
		Types:   []string{rdsInstance}}, []string{"performanceInsightsKmsKeyId"}, rdsKeyNotAccessible)
	kmsRule(Rule{ID: "rds.db-instance-kms-key-region", Service: "RDS", Operation: "CreateDBInstance", Resource: "RDS DB Instance",
		Code:    "KMSKeyNotAccessibleFault",
		Summary: "a DB instance whose storage or master secret key is of another region",
		Source:  "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
		Types:   []string{rdsDBInstance}}, []string{"kmsKeyId", "masterUserSecretKmsKeyId"}, rdsKeyNotAccessible)

	kmsRule(Rule{ID: "elasticache.kms-key-region", Service: "ElastiCache", Operation: "CreateReplicationGroup",
		Resource: "ElastiCache Replication Group", Code: "InvalidParameterValue",
		Summary: "a replication group encrypted at rest with a KMS key of another region",
		Source:  "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html",
		Types:   []string{"aws:elasticache/replicationGroup:ReplicationGroup"}}, []string{"kmsKeyId"},
		func(c *RuleCall, key string) string {
			return fmt.Sprintf("Invalid KMS key: %s does not exist in %s.", key, c.Obj.Region)
		})

	kmsRule(Rule{ID: "ecr.kms-key-region", Service: "ECR", Operation: "CreateRepository", Resource: "ECR Repository",
		Code:    "KmsException",
		Summary: "a repository encrypted with a KMS key of another region",
		Source:  "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html",
		Types:   []string{"aws:ecr/repository:Repository"}}, []string{"encryptionConfigurations.kmsKey"},
		func(_ *RuleCall, key string) string {
			return fmt.Sprintf("The operation failed due to a KMS exception. KMS error: NotFoundException (Invalid arn %s)", key)
		})

	kmsRule(Rule{ID: "eks.kms-key-region", Service: "EKS", Operation: "CreateCluster", Resource: "EKS Cluster",
		Code:    "InvalidParameterException",
		Summary: "a cluster whose secrets encryption key is of another region",
		Source:  "https://docs.aws.amazon.com/eks/latest/APIReference/API_Provider.html",
		Types:   []string{"aws:eks/cluster:Cluster"}}, []string{"encryptionConfig.provider.keyArn"},
		func(c *RuleCall, key string) string {
			return fmt.Sprintf("KMS key %s must be created in the same Region as the cluster (%s).", key, c.Obj.Region)
		})

	kmsRule(Rule{ID: "lambda.kms-key-region", Service: "Lambda", Operation: "CreateFunction", Resource: "Lambda Function",
		Code:    "InvalidParameterValueException",
		Summary: "a function whose environment key is of another region",
		Source:  "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html",
		Types:   []string{lambdaFunction}}, []string{"kmsKeyArn"},
		func(_ *RuleCall, _ string) string {
			return "Lambda was unable to configure access to your environment variables because the KMS key is invalid for CreateGrant. " +
				"Please check your KMS key settings. KMS Exception: NotFoundException KMS Message: Invalid arn"
		})

	kmsRule(Rule{ID: "backup.kms-key-region", Service: "Backup", Operation: "CreateBackupVault", Resource: "Backup Vault",
		Code:    "InvalidParameterValueException",
		Summary: "a backup vault encrypted with a KMS key of another region",
		Source:  "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html",
		Types:   []string{"aws:backup/vault:Vault"}}, []string{"kmsKeyArn"},
		func(c *RuleCall, key string) string {
			return fmt.Sprintf("Invalid EncryptionKeyArn %s: the key must be in the vault's Region (%s).", key, c.Obj.Region)
		})

	// Secrets Manager uses the secret's key only when it encrypts a value (PutSecretValue):
	// a secret without a value is accepted whatever its key.
	register(Rule{ID: "secretsmanager.kms-key-region", Service: "Secrets Manager", Operation: "PutSecretValue",
		Resource: "Secrets Manager Secret Version", Code: "EncryptionFailure",
		Summary: "a secret value stored under a secret whose KMS key is of another region",
		Source:  "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html",
		Types:   []string{secretVersion}, Phases: []Phase{OnCreate, OnUpdate},
		Check: func(c *RuleCall) string {
			s := c.World.byOutput(secretType, "arn", c.str("secretId"))
			if s == nil {
				s = c.World.find(c.Obj.Account, c.Obj.Region, secretType, func(r *record) bool { return r.out("name") == c.str("secretId") })
			}
			if s == nil {
				return ""
			}
			if r := kmsRegion(s.out("kmsKeyId")); r == "" || r == s.Region {
				return ""
			}
			return "Secrets Manager can't encrypt the protected secret text using the provided KMS key. " +
				"Check that the KMS key is available, enabled, and not in an invalid state."
		}})
}
