package cloudsim

import (
	"fmt"
	"strings"
)

// Names refused only when the resource is created: by the provider just before its API call
// (S3's DNS-compatible bucket names), or by AWS's API (lengths the provider's plan-time
// validators do not know).

// s3BucketName is the provider's validBucketName (internal/service/s3/bucket.go), run by
// resourceBucketCreate: outside us-east-1 a name must be DNS-compatible.
func s3BucketName(c *RuleCall) string {
	v := c.str("bucket")
	if v == "" {
		return ""
	}
	fail := func(msg string) string { return fmt.Sprintf("validating S3 Bucket (%s) name: %s", v, msg) }
	if c.Obj.Region == "us-east-1" {
		switch {
		case len(v) > 255:
			return fail(fmt.Sprintf("%q must contain less than 256 characters", v))
		case !rx(`^[0-9A-Za-z_.-]+$`).MatchString(v):
			return fail(fmt.Sprintf("only alphanumeric characters, hyphens, periods, and underscores allowed in %q", v))
		}
		return ""
	}
	switch {
	case len(v) < 3 || len(v) > 63:
		return fail(fmt.Sprintf("%q must contain from 3 to 63 characters", v))
	case !rx(`^[0-9a-z-.]+$`).MatchString(v):
		return fail(fmt.Sprintf("only lowercase alphanumeric characters and hyphens allowed in %q", v))
	case rx(`^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$`).MatchString(v):
		return fail(fmt.Sprintf("%q must not be formatted as an IP address", v))
	case strings.HasPrefix(v, "."):
		return fail(fmt.Sprintf("%q cannot start with a period", v))
	case strings.HasSuffix(v, "."):
		return fail(fmt.Sprintf("%q cannot end with a period", v))
	case strings.Contains(v, ".."):
		return fail(fmt.Sprintf("%q can be only one period between labels", v))
	}
	return ""
}

// maxLength refuses a name longer than max with the AWS query/JSON APIs' constraint message.
func maxLength(prop, member string, max int) func(c *RuleCall) string {
	return func(c *RuleCall) string {
		if v := c.str(prop); len(v) > max {
			return fmt.Sprintf("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", v, member, max)
		}
		return ""
	}
}

// rdsIdentifierLength is RDS's answer to an identifier longer than 63 characters.
func rdsIdentifierLength(prop, param string) func(c *RuleCall) string {
	return func(c *RuleCall) string {
		if len(c.str(prop)) > 63 {
			return fmt.Sprintf("The parameter %s is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.", param)
		}
		return ""
	}
}

// ecrRepositoryPattern is CreateRepository's constraint on repositoryName.
const ecrRepositoryPattern = `(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*`

func ecrRepositoryName(c *RuleCall) string {
	v := c.str("name")
	switch {
	case v == "":
		return ""
	case len(v) < 2 || len(v) > 256:
		return "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'Member must have length between 2 and 256'"
	case !rx("^" + ecrRepositoryPattern + "$").MatchString(v):
		return fmt.Sprintf("Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '%s''", ecrRepositoryPattern)
	}
	return ""
}

func init() {
	create := []Phase{OnCreate}
	registerInput(Rule{ID: "s3.bucket-name", Service: "pulumi-aws", Operation: "Create aws_s3_bucket", Resource: "S3 Bucket",
		Summary: "outside us-east-1, a bucket name that is not 3-63 lowercase letters, digits, hyphens and single periods",
		Source:  "terraform-provider-aws internal/service/s3/bucket.go (validBucketName); https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
		Types:   []string{"aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket"}, Phases: create, Check: s3BucketName})
	registerInput(Rule{ID: "lambda.function-name-length", Service: "Lambda", Operation: "CreateFunction", Resource: "Lambda Function",
		Code: "InvalidParameterValueException", Summary: "a function name longer than 64 characters",
		Source: "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html",
		Types:  []string{lambdaFunction}, Phases: create, Check: maxLength("name", "functionName", 64)})
	registerInput(Rule{ID: "rds.cluster-identifier-length", Service: "RDS", Operation: "CreateDBCluster", Resource: "RDS Cluster",
		Code: "InvalidParameterValue", Summary: "a cluster identifier longer than 63 characters",
		Source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html",
		Types:  []string{"aws:rds/cluster:Cluster"}, Phases: create, Check: rdsIdentifierLength("clusterIdentifier", "DBClusterIdentifier")})
	registerInput(Rule{ID: "rds.instance-identifier-length", Service: "RDS", Operation: "CreateDBInstance", Resource: "RDS Cluster Instance",
		Code: "InvalidParameterValue", Summary: "an instance identifier longer than 63 characters",
		Source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
		Types:  []string{"aws:rds/clusterInstance:ClusterInstance"}, Phases: create, Check: rdsIdentifierLength("identifier", "DBInstanceIdentifier")})
	registerInput(Rule{ID: "ecr.repository-name", Service: "ECR", Operation: "CreateRepository", Resource: "ECR Repository",
		Code:    "InvalidParameterException",
		Summary: "a repository name that is not 2-256 lowercase letters, digits and single separators (._-/)",
		Source:  "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html",
		Types:   []string{"aws:ecr/repository:Repository"}, Phases: create, Check: ecrRepositoryName})
}
