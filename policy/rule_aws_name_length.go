package policy

import (
	"fmt"
	"maps"
	"slices"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

// nameLimits are AWS's length limits on the physical names the program sets: the input that
// holds the name and its longest length.
var nameLimits = map[string]struct {
	input string
	max   int
}{
	"aws:s3/bucketV2:BucketV2":                          {"bucket", 63},
	"aws:iam/role:Role":                                 {"name", 64},
	"aws:iam/policy:Policy":                             {"name", 128},
	"aws:lb/loadBalancer:LoadBalancer":                  {"name", 32},
	"aws:lb/targetGroup:TargetGroup":                    {"name", 32},
	"aws:sqs/queue:Queue":                               {"name", 80},
	"aws:sns/topic:Topic":                               {"name", 256},
	"aws:lambda/function:Function":                      {"name", 64},
	"aws:elasticache/replicationGroup:ReplicationGroup": {"replicationGroupId", 40},
	"aws:rds/cluster:Cluster":                           {"clusterIdentifier", 63},
	"aws:rds/clusterInstance:ClusterInstance":           {"identifier", 63},
	"aws:rds/proxy:Proxy":                               {"name", 60},
	"aws:eks/cluster:Cluster":                           {"name", 100},
	"aws:cloudwatch/metricAlarm:MetricAlarm":            {"name", 255},
	"aws:cloudwatch/logGroup:LogGroup":                  {"name", 512},
	"aws:secretsmanager/secret:Secret":                  {"name", 512},
	"aws:ecr/repository:Repository":                     {"name", 256},
	"aws:wafv2/webAcl:WebAcl":                           {"name", 128},
	"aws:ec2/securityGroup:SecurityGroup":               {"name", 255},
	"aws:backup/vault:Vault":                            {"name", 50},
}

var _ = register(&Rule{
	ID: "aws-name-length",
	Rationale: "Physical names fit AWS's length limits, which AWS enforces only at creation: a name " +
		"that grows with a longer environment or domain fails the deployment half-way.",
	Applies: slices.Sorted(maps.Keys(nameLimits)),
	Check: func(c *Context, r *render.Resource) []string {
		limit := nameLimits[r.Type]
		if name := str(r, limit.input); len(name) > limit.max {
			return []string{fmt.Sprintf("%s %q is %d characters, AWS allows %d", limit.input, name, len(name), limit.max)}
		}
		return nil
	},
})
