package awsmodel

import "strings"

// Flags of a resource type, read from the SDK (zz_types.go, written by internal/gentypes).
const (
	tNamed = 1 << iota // the args have an optional name the provider auto-generates
	tArn               // the resource exports an arn
	tTags              // the resource takes tags and exports tagsAll
)

type sdkType struct {
	flags    int
	required []string
}

// typeOf returns what the SDK says about a type. Types of modules the table does not cover
// are treated as tagged, ARN-bearing and not auto-named.
func typeOf(typ string) sdkType {
	if t, ok := sdkTypes[typ]; ok {
		return t
	}
	return sdkType{flags: tArn | tTags}
}

// Required returns the inputs the provider requires for a type.
func Required(typ string) []string { return typeOf(typ).required }

// nameProps are the types whose name lives in a property other than "name". The name property
// is auto-generated when empty, forces replacement when changed and must be unique.
var nameProps = map[string]string{
	"aws:s3/bucket:Bucket":                              "bucket",
	"aws:s3/bucketV2:BucketV2":                          "bucket",
	"aws:rds/cluster:Cluster":                           "clusterIdentifier",
	"aws:rds/clusterInstance:ClusterInstance":           "identifier",
	"aws:rds/instance:Instance":                         "identifier",
	"aws:elasticache/replicationGroup:ReplicationGroup": "replicationGroupId",
}

// NameRule limits an auto-generated name the way the real provider does: at most Max
// characters, lower case when Lower.
type NameRule struct {
	Max   int
	Lower bool
}

var nameRules = map[string]NameRule{
	"aws:s3/bucket:Bucket":                                {63, true},
	"aws:s3/bucketV2:BucketV2":                            {63, true},
	"aws:rds/cluster:Cluster":                             {63, true},
	"aws:rds/clusterInstance:ClusterInstance":             {63, true},
	"aws:rds/instance:Instance":                           {63, true},
	"aws:rds/subnetGroup:SubnetGroup":                     {255, true},
	"aws:rds/clusterParameterGroup:ClusterParameterGroup": {255, true},
	"aws:rds/parameterGroup:ParameterGroup":               {255, true},
	"aws:elasticache/replicationGroup:ReplicationGroup":   {40, true},
	"aws:elasticache/subnetGroup:SubnetGroup":             {255, true},
	"aws:lb/loadBalancer:LoadBalancer":                    {32, false},
	"aws:lb/targetGroup:TargetGroup":                      {32, false},
	"aws:alb/loadBalancer:LoadBalancer":                   {32, false},
	"aws:alb/targetGroup:TargetGroup":                     {32, false},
	"aws:iam/role:Role":                                   {64, false},
	"aws:sqs/queue:Queue":                                 {80, false},
	"aws:sns/topic:Topic":                                 {256, false},
	"aws:eks/cluster:Cluster":                             {100, false},
	"aws:lambda/function:Function":                        {64, false},
}

// NameRuleOf returns the rule of a type's auto-generated names (zero: no limit).
func NameRuleOf(typ string) NameRule { return nameRules[typ] }

// NameProp returns the property holding a type's name ("" when the type has none the engine
// knows about).
func NameProp(typ string) string {
	if p, ok := nameProps[typ]; ok {
		return p
	}
	if typeOf(typ).flags&tNamed != 0 {
		return "name"
	}
	return ""
}

// Module and Kind split a type token: "aws:sqs/queue:Queue" -> "sqs", "Queue".
func Module(typ string) string {
	parts := strings.Split(typ, ":")
	if len(parts) < 2 {
		return typ
	}
	return strings.Split(parts[1], "/")[0]
}

// Kind is the last part of a type token: "aws:sqs/queue:Queue" -> "Queue".
func Kind(typ string) string {
	parts := strings.Split(typ, ":")
	return parts[len(parts)-1]
}

// Service maps a type's module to the service name used in its ARNs.
func Service(typ string) string {
	switch m := Module(typ); m {
	case "lb", "alb":
		return "elasticloadbalancing"
	case "cloudwatch":
		if strings.HasPrefix(Kind(typ), "Log") {
			return "logs"
		}
		if strings.HasPrefix(Kind(typ), "Event") {
			return "events"
		}
		return "cloudwatch"
	case "sesv2":
		return "ses"
	case "pinpoint":
		if strings.HasPrefix(Kind(typ), "Smsvoicev2") {
			return "sms-voice"
		}
		return "mobiletargeting"
	default:
		return m
	}
}

// globalServices have no region in their ARNs.
var globalServices = map[string]bool{"iam": true, "s3": true, "route53": true, "cloudfront": true, "budgets": true}
