package cloudsim

import (
	"fmt"
	"strings"
)

// Names: the length and character rules the provider checks at plan time (OnCheck, so previews
// fail too), as terraform-provider-aws's validators word them, and the few AWS checks only at
// creation. names.go only keeps auto-generated names within bounds; these judge the names the
// program gives.

// checkFailure words a plan-time validation failure as the bridge reports it.
func checkFailure(c *RuleCall, prop, msg string) string {
	return fmt.Sprintf("%s. Examine values at '%s.%s'.", msg, c.Obj.Name, prop)
}

// lenBetween is helper/validation.StringLenBetween's message.
func lenBetween(attr, v string, min, max int) string {
	if len(v) < min || len(v) > max {
		return fmt.Sprintf("expected length of %s to be in the range (%d - %d), got %s", attr, min, max, v)
	}
	return ""
}

// match is helper/validation.StringMatch's message (want true) or StringDoesNotMatch's (want false).
func match(attr, v, pattern string, want bool, msg string) string {
	if rx(pattern).MatchString(v) != want {
		return fmt.Sprintf("invalid value for %s (%s)", attr, msg)
	}
	return ""
}

// firstOf returns the first failure (validation.All reports every one; AWS-style one is enough).
func firstOf(msgs ...string) string {
	for _, m := range msgs {
		if m != "" {
			return m
		}
	}
	return ""
}

// nameCheck is the provider's validation of one name attribute.
type nameCheck struct {
	id, resource, summary, source string
	types                         []string
	prop, attr                    string // the Pulumi property and the provider's attribute
	// customizeDiff marks a check made in the resource's CustomizeDiff: the message is the
	// provider's error as is, without the bridge's "Examine values" pointer.
	customizeDiff bool
	valid         func(attr, v string, c *RuleCall) string
}

const tfSource = "terraform-provider-aws internal/service/"

var nameChecks = []nameCheck{
	{id: "s3.bucket-name-length", resource: "aws_s3_bucket", source: tfSource + "s3/bucket.go (bucket)",
		summary: "a bucket name longer than 63 characters",
		types:   []string{"aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket"}, prop: "bucket", attr: "bucket",
		valid: func(a, v string, _ *RuleCall) string { return lenBetween(a, v, 0, 63) }},
	{id: "sqs.queue-name", resource: "aws_sqs_queue", source: tfSource + "sqs/queue.go (resourceQueueCustomizeDiff)",
		summary: "a queue name that is not 1-80 letters, digits, - or _ (75 and .fifo for a FIFO queue)",
		types:   []string{sqsQueue}, prop: "name", attr: "name", customizeDiff: true,
		valid: func(_, v string, c *RuleCall) string {
			return fifoName(v, c.Obj.in("fifoQueue"), `^[0-9A-Za-z_-]{1,80}$`, `^[0-9A-Za-z_-]{1,75}\.fifo$`, "invalid queue name: ")
		}},
	{id: "sns.topic-name", resource: "aws_sns_topic", source: tfSource + "sns/topic.go (resourceTopicCustomizeDiff)",
		summary: "a topic name that is not 1-256 letters, digits, - or _ (251 and .fifo for a FIFO topic)",
		types:   []string{snsTopic}, prop: "name", attr: "name", customizeDiff: true,
		valid: func(_, v string, c *RuleCall) string {
			return fifoName(v, c.Obj.in("fifoTopic"), `^[0-9A-Za-z_-]{1,256}$`, `^[0-9A-Za-z_-]{1,251}\.fifo$`, "invalid topic name: ")
		}},
	{id: "iam.role-name", resource: "aws_iam_role", source: tfSource + "iam/role.go, iam/validate.go (validResourceName(64))",
		summary: "a role name longer than 64 characters or with characters other than letters, digits and +=,.@_-",
		types:   []string{iamRole}, prop: "name", attr: "name", valid: iamName(64)},
	{id: "iam.policy-name", resource: "aws_iam_policy", source: tfSource + "iam/policy.go, iam/validate.go (validResourceName(128))",
		summary: "a managed policy name longer than 128 characters or with characters other than letters, digits and +=,.@_-",
		types:   []string{iamPolicy}, prop: "name", attr: "name", valid: iamName(128)},
	{id: "iam.role-policy-name", resource: "aws_iam_role_policy", source: tfSource + "iam/role_policy.go, iam/validate.go (validRolePolicyName)",
		summary: "an inline role policy name longer than 128 characters or with characters other than letters, digits and +=,.@_-",
		types:   []string{iamRolePolicy}, prop: "name", attr: "name", valid: iamName(128)},
	{id: "lambda.function-name", resource: "aws_lambda_function", source: tfSource + "lambda/validate.go (validFunctionName)",
		summary: "a function name that is not letters, digits, - and _ (or a function ARN), or longer than 140 characters",
		types:   []string{lambdaFunction}, prop: "name", attr: "function_name",
		valid: func(a, v string, _ *RuleCall) string {
			return firstOf(match(a, v, `^(arn:[\w-]+:lambda:)?([a-z]{2}-(?:[a-z]+-){1,2}\d{1}:)?(\d{12}:)?(function:)?([0-9A-Za-z_-]+)(:(\$LATEST|[0-9A-Za-z_-]+))?$`,
				true, "must be valid function name or function ARN"), lenBetween(a, v, 1, 140))
		}},
	{id: "logs.log-group-name", resource: "aws_cloudwatch_log_group", source: tfSource + "logs/validate.go (validLogGroupName)",
		summary: "a log group name longer than 512 characters or with characters other than letters, digits and ._-/#",
		types:   []string{"aws:cloudwatch/logGroup:LogGroup"}, prop: "name", attr: "name",
		valid: func(a, v string, _ *RuleCall) string {
			if len(v) > 512 {
				return fmt.Sprintf("%q cannot be longer than 512 characters: %q", a, v)
			}
			if !rx(`^[\.\-_/#A-Za-z0-9]+$`).MatchString(v) {
				return fmt.Sprintf("%q isn't a valid log group name (alphanumeric characters, underscores, hyphens, slashes, hash signs and dots are allowed): %q", a, v)
			}
			return ""
		}},
	{id: "rds.cluster-identifier", resource: "aws_rds_cluster", source: tfSource + "rds/validate.go (validIdentifier)",
		summary: "a cluster identifier that is not lowercase letters, digits and single hyphens starting with a letter",
		types:   []string{"aws:rds/cluster:Cluster"}, prop: "clusterIdentifier", attr: "cluster_identifier", valid: rdsIdentifier},
	{id: "rds.instance-identifier", resource: "aws_rds_cluster_instance", source: tfSource + "rds/validate.go (validIdentifier)",
		summary: "an instance identifier that is not lowercase letters, digits and single hyphens starting with a letter",
		types:   []string{"aws:rds/clusterInstance:ClusterInstance"}, prop: "identifier", attr: "identifier", valid: rdsIdentifier},
	{id: "elasticache.replication-group-id", resource: "aws_elasticache_replication_group",
		source:  tfSource + "elasticache/replication_group.go (validateReplicationGroupID)",
		summary: "a replication group id that is not 1-40 letters, digits and single hyphens starting with a letter",
		types:   []string{"aws:elasticache/replicationGroup:ReplicationGroup"}, prop: "replicationGroupId", attr: "replication_group_id",
		valid: func(a, v string, _ *RuleCall) string {
			return firstOf(lenBetween(a, v, 1, 40),
				match(a, v, `^[0-9A-Za-z-]+$`, true, "must contain only alphanumeric characters and hyphens"),
				match(a, v, `^[A-Za-z]`, true, "must begin with a letter"),
				match(a, v, `--`, false, "cannot contain two consecutive hyphens"),
				match(a, v, `-$`, false, "cannot end with a hyphen"))
		}},
	{id: "elb.load-balancer-name", resource: "aws_lb", source: tfSource + "elbv2/validate.go (validName)",
		summary: "a load balancer name longer than 32 characters, not letters, digits and inner hyphens, or starting with internal-",
		types:   []string{"aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"}, prop: "name", attr: "name",
		valid: func(a, v string, _ *RuleCall) string {
			return firstOf(elbName(a, v, true), prefixed(a, v, "internal-", fmt.Sprintf(`%q cannot begin with "internal-": %q`, a, v)))
		}},
	{id: "elb.target-group-name", resource: "aws_lb_target_group", source: tfSource + "elbv2/validate.go (validTargetGroupName)",
		summary: "a target group name longer than 32 characters or not letters, digits and inner hyphens",
		types:   []string{"aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"}, prop: "name", attr: "name",
		valid: func(a, v string, _ *RuleCall) string { return elbName(a, v, false) }},
	{id: "kms.alias-name", resource: "aws_kms_alias", source: tfSource + "kms/validate.go (validNameForResource)",
		summary: "an alias name without the alias/ prefix, with the reserved alias/aws/ prefix, or other than letters, digits and /_-",
		types:   []string{"aws:kms/alias:Alias"}, prop: "name", attr: "name",
		valid: func(a, v string, _ *RuleCall) string {
			return firstOf(prefixed(a, v, "alias/aws/", fmt.Sprintf("%q cannot begin with reserved AWS CMK prefix 'alias/aws/'", a)),
				fmtUnless(rx(`^(alias/)[0-9A-Za-z/_-]+$`).MatchString(v),
					fmt.Sprintf("%q must begin with 'alias/' and be comprised of only [0-9A-Za-z_/-]", a)))
		}},
	{id: "secretsmanager.secret-name", resource: "aws_secretsmanager_secret", source: tfSource + "secretsmanager/validate.go (validSecretName)",
		summary: "a secret name longer than 512 characters or with characters other than letters, digits and /_+=.@-",
		types:   []string{"aws:secretsmanager/secret:Secret"}, prop: "name", attr: "name",
		valid: func(a, v string, _ *RuleCall) string {
			return firstOf(fmtUnless(rx(`^[0-9A-Za-z/_+=.@-]+$`).MatchString(v),
				fmt.Sprintf("only alphanumeric characters and /_+=.@- special characters are allowed in %q", a)),
				fmtUnless(len(v) <= 512, fmt.Sprintf("%q cannot be greater than 512 characters", a)))
		}},
	{id: "eks.cluster-name", resource: "aws_eks_cluster", source: tfSource + "eks/validate.go (validClusterName)",
		summary: "a cluster name longer than 100 characters or not a letter or digit followed by letters, digits, - and _",
		types:   []string{"aws:eks/cluster:Cluster"}, prop: "name", attr: "name",
		valid: func(a, v string, _ *RuleCall) string {
			const pattern = `^[0-9A-Za-z][0-9A-Za-z_-]*$`
			return firstOf(fmtUnless(len(v) >= 1 && len(v) <= 100, fmt.Sprintf("%q length must be between 1-100 characters: %q", a, v)),
				fmtUnless(rx(pattern).MatchString(v), fmt.Sprintf("%q doesn't comply with restrictions (%q): %q", a, pattern, v)))
		}},
	{id: "ec2.security-group-name", resource: "aws_security_group", source: tfSource + "ec2/vpc_security_group.go (name)",
		summary: "a security group name longer than 255 characters",
		types:   []string{"aws:ec2/securityGroup:SecurityGroup"}, prop: "name", attr: "name",
		valid: func(a, v string, _ *RuleCall) string { return lenBetween(a, v, 0, 255) }},
	{id: "cloudwatch.alarm-name", resource: "aws_cloudwatch_metric_alarm", source: tfSource + "cloudwatch/metric_alarm.go (alarm_name)",
		summary: "an alarm name empty or longer than 255 characters",
		types:   []string{"aws:cloudwatch/metricAlarm:MetricAlarm"}, prop: "name", attr: "alarm_name",
		valid: func(a, v string, _ *RuleCall) string { return lenBetween(a, v, 1, 255) }},
	{id: "wafv2.name", resource: "aws_wafv2_web_acl", source: tfSource + "wafv2/web_acl.go, wafv2/ip_set.go (name)",
		summary: "a web ACL or IP set name longer than 128 characters or other than letters, digits, - and _",
		types:   []string{"aws:wafv2/webAcl:WebAcl", "aws:wafv2/ipSet:IpSet"}, prop: "name", attr: "name",
		valid: func(a, v string, _ *RuleCall) string {
			return firstOf(lenBetween(a, v, 1, 128),
				match(a, v, `^[0-9A-Za-z_-]+$`, true, "must contain only alphanumeric hyphen and underscore characters"))
		}},
}

func fifoName(v string, fifo any, plain, fifoPattern, prefix string) string {
	pattern := plain
	if f, _ := fifo.(bool); f {
		pattern = fifoPattern
	}
	return fmtUnless(rx(pattern).MatchString(v), prefix+v)
}

func iamName(max int) func(a, v string, _ *RuleCall) string {
	return func(a, v string, _ *RuleCall) string {
		return firstOf(lenBetween(a, v, 1, max), match(a, v, `^[\w+=,.@-]*$`, true, `must match [\w+=,.@-]`))
	}
}

func rdsIdentifier(a, v string, _ *RuleCall) string {
	return firstOf(
		fmtUnless(rx(`^[0-9a-z-]+$`).MatchString(v), fmt.Sprintf("only lowercase alphanumeric characters and hyphens allowed in %q", a)),
		fmtUnless(rx(`^[a-z]`).MatchString(v), fmt.Sprintf("first character of %q must be a letter", a)),
		fmtUnless(!strings.Contains(v, "--"), fmt.Sprintf("%q cannot contain two consecutive hyphens", a)),
		fmtUnless(!strings.HasSuffix(v, "-"), fmt.Sprintf("%q cannot end with a hyphen", a)))
}

// elbName is elbv2's validName (withValue: load balancers quote the value) and validTargetGroupName.
func elbName(a, v string, withValue bool) string {
	value := ""
	if withValue {
		value = fmt.Sprintf(": %q", v)
	}
	return firstOf(
		fmtUnless(len(v) <= 32, fmt.Sprintf("%q cannot be longer than 32 characters%s", a, value)),
		fmtUnless(rx(`^[0-9A-Za-z-]+$`).MatchString(v), fmt.Sprintf("only alphanumeric characters and hyphens allowed in %q%s", a, value)),
		fmtUnless(!strings.HasPrefix(v, "-"), fmt.Sprintf("%q cannot begin with a hyphen%s", a, value)),
		fmtUnless(!strings.HasSuffix(v, "-"), fmt.Sprintf("%q cannot end with a hyphen%s", a, value)))
}

func prefixed(_, v, prefix, msg string) string { return fmtUnless(!strings.HasPrefix(v, prefix), msg) }

// fmtUnless returns msg when ok is false.
func fmtUnless(ok bool, msg string) string {
	if ok {
		return ""
	}
	return msg
}

func init() {
	for _, n := range nameChecks {
		n := n
		registerInput(Rule{ID: n.id, Service: "pulumi-aws", Operation: "Check " + n.resource, Resource: n.resource,
			Summary: n.summary, Source: n.source, Types: n.types, Phases: []Phase{OnCheck},
			Check: func(c *RuleCall) string {
				v := c.str(n.prop)
				// Unknown in a preview, or generated by the simulated provider's Check (names.go
				// keeps those within bounds; its scheme is not the real provider's, so judging
				// it here would refuse what the real provider generates).
				if v == "" || isDefault(c.Obj.In, n.prop) {
					return ""
				}
				msg := n.valid(n.attr, v, c)
				if msg == "" || n.customizeDiff {
					return msg
				}
				return checkFailure(c, n.prop, msg)
			}})
	}
}
