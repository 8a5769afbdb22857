package cloudsim

import (
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// replaceProps are the inputs whose change makes AWS replace the resource (ForceNew in the
// real provider). Every type's name property (see nameProp) and "namePrefix" also replace.
// Extend it as components land.
var replaceProps = map[string][]string{
	"aws:s3/bucket:Bucket":                                {"bucket", "bucketPrefix"},
	"aws:s3/bucketV2:BucketV2":                            {"bucket", "bucketPrefix", "objectLockEnabled"},
	"aws:sqs/queue:Queue":                                 {"name", "fifoQueue"},
	"aws:sns/topic:Topic":                                 {"name", "fifoTopic"},
	"aws:rds/cluster:Cluster":                             {"clusterIdentifier", "engine", "databaseName", "masterUsername", "storageEncrypted", "kmsKeyId", "availabilityZones", "snapshotIdentifier", "dbSubnetGroupName"},
	"aws:rds/clusterInstance:ClusterInstance":             {"identifier", "clusterIdentifier", "engine", "dbSubnetGroupName"},
	"aws:rds/proxy:Proxy":                                 {"name", "engineFamily"},
	"aws:rds/subnetGroup:SubnetGroup":                     {"name"},
	"aws:ec2/vpc:Vpc":                                     {"cidrBlock", "instanceTenancy"},
	"aws:ec2/subnet:Subnet":                               {"cidrBlock", "availabilityZone", "availabilityZoneId", "vpcId"},
	"aws:ec2/securityGroup:SecurityGroup":                 {"name", "namePrefix", "vpcId", "description"},
	"aws:ec2/routeTable:RouteTable":                       {"vpcId"},
	"aws:ec2/route:Route":                                 {"routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"},
	"aws:ec2/routeTableAssociation:RouteTableAssociation": {"subnetId", "gatewayId"},
	"aws:ec2/natGateway:NatGateway":                       {"subnetId", "allocationId", "connectivityType"},
	"aws:ec2/vpcEndpoint:VpcEndpoint":                     {"vpcId", "serviceName", "vpcEndpointType"},
	"aws:ec2/flowLog:FlowLog":                             {"vpcId", "logDestination", "logDestinationType", "trafficType", "iamRoleArn", "maxAggregationInterval"},
	"aws:eks/cluster:Cluster":                             {"name", "roleArn", "encryptionConfig", "kubernetesNetworkConfig"},
	"aws:eks/nodeGroup:NodeGroup":                         {"clusterName", "nodeGroupName", "subnetIds", "amiType", "capacityType", "diskSize", "instanceTypes", "nodeRoleArn"},
	"aws:elasticache/replicationGroup:ReplicationGroup":   {"replicationGroupId", "atRestEncryptionEnabled", "subnetGroupName", "kmsKeyId"},
	"aws:kms/key:Key":                                     {"customerMasterKeySpec", "keySpec", "keyUsage", "multiRegion"},
	"aws:kms/alias:Alias":                                 {"name"},
	"aws:iam/role:Role":                                   {"name", "path"},
	"aws:iam/policy:Policy":                               {"name", "path"},
	"aws:iam/rolePolicy:RolePolicy":                       {"name", "role"},
	"aws:iam/rolePolicyAttachment:RolePolicyAttachment":   {"role", "policyArn"},
	"aws:lambda/function:Function":                        {"name", "packageType"},
	"aws:cloudwatch/logGroup:LogGroup":                    {"name"},
	"aws:cloudwatch/metricAlarm:MetricAlarm":              {"name"},
	"aws:secretsmanager/secret:Secret":                    {"name"},
	"aws:route53/zone:Zone":                               {"name", "delegationSetId"},
	"aws:route53/record:Record":                           {"name", "type", "zoneId", "setIdentifier"},
	"aws:acm/certificate:Certificate":                     {"domainName", "subjectAlternativeNames", "validationMethod", "keyAlgorithm"},
	"aws:acm/certificateValidation:CertificateValidation": {"certificateArn", "validationRecordFqdns"},
	"aws:lb/loadBalancer:LoadBalancer":                    {"name", "internal", "loadBalancerType"},
	"aws:lb/targetGroup:TargetGroup":                      {"name", "port", "protocol", "vpcId", "targetType"},
	"aws:ecr/repository:Repository":                       {"name"},
	"aws:sesv2/emailIdentity:EmailIdentity":               {"emailIdentity"},
	"aws:wafv2/webAcl:WebAcl":                             {"name", "scope"},
	"aws:backup/vault:Vault":                              {"name", "kmsKeyArn"},
	"aws:budgets/budget:Budget":                           {"name"},
}

func replaces(typ, prop string) bool {
	if prop == "namePrefix" || prop == nameProp(typ) {
		return true
	}
	for _, p := range replaceProps[typ] {
		if p == prop {
			return true
		}
	}
	return false
}

// diff compares a resource's old inputs with its new checked inputs, property by property (top
// level). A property changes when its values differ or the new one is not known yet (preview).
func diff(typ string, olds, news resource.PropertyMap, ignore []string) *pulumirpc.DiffResponse {
	ignored := map[string]bool{defaultsKey: true}
	for _, p := range ignore {
		ignored[strings.SplitN(strings.SplitN(p, ".", 2)[0], "[", 2)[0]] = true
	}
	keys := map[string]bool{}
	for k := range olds {
		keys[string(k)] = true
	}
	for k := range news {
		keys[string(k)] = true
	}
	resp := &pulumirpc.DiffResponse{DetailedDiff: map[string]*pulumirpc.PropertyDiff{}, HasDetailedDiff: true}
	var changed []string
	for k := range keys {
		if ignored[k] || strings.HasPrefix(k, "__") {
			continue
		}
		o, inOld := olds[resource.PropertyKey(k)]
		n, inNew := news[resource.PropertyKey(k)]
		kindOf := pulumirpc.PropertyDiff_UPDATE
		switch {
		case n.ContainsUnknowns():
		case (!inOld || o.IsNull()) && (!inNew || n.IsNull()):
			continue
		case !inOld || o.IsNull():
			kindOf = pulumirpc.PropertyDiff_ADD
		case !inNew || n.IsNull():
			kindOf = pulumirpc.PropertyDiff_DELETE
		case value(plain(o)).DeepEquals(value(plain(n))):
			continue
		}
		if replaces(typ, k) {
			resp.Replaces = append(resp.Replaces, k)
			kindOf += 1 // each *_REPLACE kind follows its kind
		}
		resp.DetailedDiff[k] = &pulumirpc.PropertyDiff{Kind: kindOf, InputDiff: true}
		changed = append(changed, k)
	}
	sort.Strings(changed)
	sort.Strings(resp.Replaces)
	resp.Diffs = changed
	resp.Changes = pulumirpc.DiffResponse_DIFF_NONE
	if len(changed) > 0 {
		resp.Changes = pulumirpc.DiffResponse_DIFF_SOME
	}
	// A replacement that keeps a name the program chose cannot coexist with the resource it
	// replaces: delete first (as the real provider asks).
	if len(resp.Replaces) > 0 {
		if p := nameProp(typ); p != "" && !isDefault(news, p) && str(news, p) != "" && str(news, p) == str(olds, p) {
			resp.DeleteBeforeReplace = true
		}
	}
	return resp
}
