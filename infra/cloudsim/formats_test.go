package cloudsim

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// created runs Check and Create's output computation on a resource, as the provider does.
func created(t *testing.T, st *store, typ, logical string, in map[string]any) *object {
	t.Helper()
	props := resource.NewPropertyMapFromMap(in)
	require.Empty(t, checkInputs(typ, logical, nil, props, []byte(logical)))
	o := &object{Type: typ, Name: logical, Region: "ca-central-1", Account: testAccount, Seed: "seed-" + logical, In: props,
		state: &scopeView{st: st, account: testAccount, region: "ca-central-1"}}
	computeOutputs(o)
	in2, _ := toWire(o.In)
	out, _ := toWire(o.Out)
	st.put(&record{Type: typ, ID: o.ID, Region: o.Region, Account: o.Account, Seed: o.Seed, Inputs: in2, Outputs: out, Name: o.name()})
	return o
}

func TestOutputsUseAWSFormats(t *testing.T) {
	st, err := newStore("")
	require.NoError(t, err)
	cases := []struct {
		typ, logical string
		in           map[string]any
		want         map[string]string // output -> regexp
	}{
		{"aws:sqs/queue:Queue", "q", map[string]any{"name": "eks-notification-canada-ca-priority-database-tasks.fifo", "fifoQueue": true},
			map[string]string{"url": `^https://sqs\.ca-central-1\.amazonaws\.com/111122223333/eks-notification-canada-ca-priority-database-tasks\.fifo$`,
				"arn": `^arn:aws:sqs:ca-central-1:111122223333:eks-notification-canada-ca-priority-database-tasks\.fifo$`}},
		{"aws:sqs/queue:Queue", "fifo", map[string]any{"fifoQueue": true}, map[string]string{"name": `^fifo-[0-9a-f]{7}\.fifo$`}},
		{"aws:sns/topic:Topic", "t", map[string]any{"name": "alert-critical"}, map[string]string{"arn": `^arn:aws:sns:ca-central-1:111122223333:alert-critical$`}},
		{"aws:kms/key:Key", "k", map[string]any{}, map[string]string{
			"arn":   `^arn:aws:kms:ca-central-1:111122223333:key/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$`,
			"keyId": `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$`}},
		{"aws:secretsmanager/secret:Secret", "s", map[string]any{"name": "server-database-uri"},
			map[string]string{"arn": `^arn:aws:secretsmanager:ca-central-1:111122223333:secret:server-database-uri-[A-Za-z0-9]{6}$`}},
		{"aws:lambda/function:Function", "f", map[string]any{"name": "heartbeat", "role": "arn:aws:iam::111122223333:role/x"}, map[string]string{
			"arn":       `^arn:aws:lambda:ca-central-1:111122223333:function:heartbeat$`,
			"invokeArn": `^arn:aws:apigateway:ca-central-1:lambda:path/2015-03-31/functions/arn:aws:lambda:ca-central-1:111122223333:function:heartbeat/invocations$`}},
		{"aws:ec2/managedPrefixList:ManagedPrefixList", "pl", map[string]any{"name": "Google Service CIDRs", "addressFamily": "IPv4", "maxEntries": 20},
			map[string]string{"arn": `^arn:aws:ec2:ca-central-1:111122223333:prefix-list/pl-[0-9a-f]{17}$`}},
		{"aws:iam/role:Role", "r", map[string]any{"name": "sns-delivery-role", "assumeRolePolicy": "{}"},
			map[string]string{"arn": `^arn:aws:iam::111122223333:role/sns-delivery-role$`, "uniqueId": `^AROA[A-Z0-9]{17}$`}},
		{"aws:s3/bucketV2:BucketV2", "b", map[string]any{"bucket": "notification-canada-ca-dev-csv-upload"}, map[string]string{
			"arn":                      `^arn:aws:s3:::notification-canada-ca-dev-csv-upload$`,
			"bucketDomainName":         `^notification-canada-ca-dev-csv-upload\.s3\.amazonaws\.com$`,
			"bucketRegionalDomainName": `^notification-canada-ca-dev-csv-upload\.s3\.ca-central-1\.amazonaws\.com$`}},
		{"aws:rds/cluster:Cluster", "db", map[string]any{"clusterIdentifier": "notification-canada-ca-dev-cluster", "engine": "aurora-postgresql",
			"manageMasterUserPassword": true}, map[string]string{
			"arn":            `^arn:aws:rds:ca-central-1:111122223333:cluster:notification-canada-ca-dev-cluster$`,
			"endpoint":       `^notification-canada-ca-dev-cluster\.cluster-c[0-9a-f]{11}\.ca-central-1\.rds\.amazonaws\.com$`,
			"readerEndpoint": `^notification-canada-ca-dev-cluster\.cluster-ro-c[0-9a-f]{11}\.ca-central-1\.rds\.amazonaws\.com$`}},
		{"aws:rds/proxy:Proxy", "px", map[string]any{"name": "notify-proxy", "auths": []any{}, "engineFamily": "POSTGRESQL",
			"roleArn": "r", "vpcSubnetIds": []any{}}, map[string]string{
			"endpoint": `^notify-proxy\.proxy-c[0-9a-f]{11}\.ca-central-1\.rds\.amazonaws\.com$`,
			"arn":      `^arn:aws:rds:ca-central-1:111122223333:db-proxy:prx-[0-9a-f]{17}$`}},
		{"aws:elasticache/replicationGroup:ReplicationGroup", "rg", map[string]any{"replicationGroupId": "notify-dev-cluster-cache-az",
			"description": "d", "transitEncryptionEnabled": true, "numCacheClusters": 3}, map[string]string{
			"primaryEndpointAddress": `^master\.notify-dev-cluster-cache-az\.[0-9a-f]{6}\.cac1\.cache\.amazonaws\.com$`,
			"readerEndpointAddress":  `^replica\.notify-dev-cluster-cache-az\.[0-9a-f]{6}\.cac1\.cache\.amazonaws\.com$`,
			"arn":                    `^arn:aws:elasticache:ca-central-1:111122223333:replicationgroup:notify-dev-cluster-cache-az$`}},
		{"aws:lb/loadBalancer:LoadBalancer", "alb", map[string]any{"name": "notification-alb"}, map[string]string{
			"dnsName": `^notification-alb-\d{10}\.ca-central-1\.elb\.amazonaws\.com$`, "zoneId": `^ZQSVJUPU6J1EY$`,
			"arn": `^arn:aws:elasticloadbalancing:ca-central-1:111122223333:loadbalancer/app/notification-alb/[0-9a-f]{16}$`}},
		{"aws:cloudfront/distribution:Distribution", "cdn", map[string]any{"defaultCacheBehavior": map[string]any{}, "enabled": true,
			"origins": []any{}, "restrictions": map[string]any{}, "viewerCertificate": map[string]any{}}, map[string]string{
			"domainName": `^d[a-z0-9]{13}\.cloudfront\.net$`, "hostedZoneId": `^Z2FDTNDATAQYW2$`,
			"arn": `^arn:aws:cloudfront::111122223333:distribution/E[A-Z0-9]{13}$`}},
		{"aws:route53/zone:Zone", "zone", map[string]any{"name": "dev.notification.cdssandbox.xyz"}, map[string]string{
			"zoneId": `^Z0[A-Z0-9]{19}$`, "arn": `^arn:aws:route53:::hostedzone/Z0[A-Z0-9]{19}$`}},
		{"aws:cloudwatch/logGroup:LogGroup", "lg", map[string]any{"name": "/aws/eks/cluster"},
			map[string]string{"arn": `^arn:aws:logs:ca-central-1:111122223333:log-group:/aws/eks/cluster$`}},
		{"aws:ecr/repository:Repository", "repo", map[string]any{"name": "notify/api"},
			map[string]string{"repositoryUrl": `^111122223333\.dkr\.ecr\.ca-central-1\.amazonaws\.com/notify/api$`}},
		{"aws:athena/workgroup:Workgroup", "wg", map[string]any{"name": "Support"},
			map[string]string{"arn": `^arn:aws:athena:ca-central-1:111122223333:workgroup/Support$`}},
		{"aws:ecs/taskDefinition:TaskDefinition", "td", map[string]any{"family": "blazer", "containerDefinitions": "[]"},
			map[string]string{"arn": `^arn:aws:ecs:ca-central-1:111122223333:task-definition/blazer:1$`}},
		{"aws:ecs/cluster:Cluster", "ecs", map[string]any{"name": "blazer"},
			map[string]string{"arn": `^arn:aws:ecs:ca-central-1:111122223333:cluster/blazer$`}},
		{"aws:ec2clientvpn/endpoint:Endpoint", "vpn", map[string]any{"clientCidrBlock": "172.16.0.0/22", "serverCertificateArn": "c",
			"authenticationOptions": []any{}, "connectionLogOptions": map[string]any{"enabled": false}}, map[string]string{
			"arn":     `^arn:aws:ec2:ca-central-1:111122223333:client-vpn-endpoint/cvpn-endpoint-[0-9a-f]{17}$`,
			"dnsName": `^\*\.cvpn-endpoint-[0-9a-f]{17}\.prod\.clientvpn\.ca-central-1\.amazonaws\.com$`}},
		{"aws:glue/catalogTable:CatalogTable", "tbl", map[string]any{"name": "services", "databaseName": "notification_quicksight"},
			map[string]string{"arn": `^arn:aws:glue:ca-central-1:111122223333:table/notification_quicksight/services$`}},
		{"aws:eks/cluster:Cluster", "eks", map[string]any{"name": "notification-canada-ca-dev-eks-cluster", "roleArn": "r",
			"vpcConfig": map[string]any{"subnetIds": []any{}}}, map[string]string{
			"arn":      `^arn:aws:eks:ca-central-1:111122223333:cluster/notification-canada-ca-dev-eks-cluster$`,
			"endpoint": `^https://[0-9A-F]{32}\.gr7\.ca-central-1\.eks\.amazonaws\.com$`}},
	}
	for _, c := range cases {
		o := created(t, st, c.typ, c.logical, c.in)
		for k, re := range c.want {
			assert.Regexp(t, regexp.MustCompile(re), o.out(k), "%s %s", c.typ, k)
		}
	}
}

func TestSpecialOutputs(t *testing.T) {
	st, err := newStore("")
	require.NoError(t, err)

	eks := created(t, st, "aws:eks/cluster:Cluster", "eks", map[string]any{"name": "c", "roleArn": "r", "vpcConfig": map[string]any{}})
	issuer := eks.out("identities").([]any)[0].(map[string]any)["oidcs"].([]any)[0].(map[string]any)["issuer"].(string)
	assert.Regexp(t, `^https://oidc\.eks\.ca-central-1\.amazonaws\.com/id/[0-9A-F]{32}$`, issuer)
	assert.Contains(t, eks.outStr("endpoint"), issuer[len(issuer)-32:], "the endpoint and the issuer share the cluster's id")
	ca, err := base64.StdEncoding.DecodeString(eks.out("certificateAuthority").(map[string]any)["data"].(string))
	require.NoError(t, err)
	assert.Contains(t, string(ca), "SIMULATED")
	assert.Regexp(t, `^sg-[0-9a-f]{17}$`, eks.out("vpcConfig").(map[string]any)["clusterSecurityGroupId"])

	ses := created(t, st, "aws:sesv2/emailIdentity:EmailIdentity", "ses", map[string]any{"emailIdentity": "notification.canada.ca"})
	tokens := ses.out("dkimSigningAttributes").(map[string]any)["tokens"].([]any)
	require.Len(t, tokens, 3)
	for _, tok := range tokens {
		assert.Regexp(t, `^[a-z0-9]{32}$`, tok)
	}
	assert.Equal(t, "arn:aws:ses:ca-central-1:111122223333:identity/notification.canada.ca", ses.outStr("arn"))

	zone := created(t, st, "aws:route53/zone:Zone", "zone", map[string]any{"name": "notification.canada.ca"})
	ns := zone.out("nameServers").([]any)
	require.Len(t, ns, 4)
	assert.Regexp(t, `^ns-\d+\.awsdns-\d{2}\.com$`, ns[0])
	assert.Equal(t, zone.ID, zone.outStr("zoneId"))

	cert := created(t, st, "aws:acm/certificate:Certificate", "cert", map[string]any{"domainName": "notification.canada.ca",
		"subjectAlternativeNames": []any{"*.notification.canada.ca", "api.notification.canada.ca", "*.api.notification.canada.ca"}})
	assert.Regexp(t, `^arn:aws:acm:ca-central-1:111122223333:certificate/[0-9a-f-]{36}$`, cert.outStr("arn"))
	assert.Equal(t, cert.outStr("arn"), cert.ID, "a certificate's id is its arn")
	dvos := cert.out("domainValidationOptions").([]any)
	require.Len(t, dvos, 4, "one per domain")
	byDomain := map[string]map[string]any{}
	for _, d := range dvos {
		m := d.(map[string]any)
		byDomain[m["domainName"].(string)] = m
		assert.Equal(t, "CNAME", m["resourceRecordType"])
		assert.Regexp(t, `^_[0-9a-f]{32}\.[a-z.]+\.$`, m["resourceRecordName"])
		assert.Regexp(t, `\.acm-validations\.aws\.$`, m["resourceRecordValue"])
	}
	assert.Equal(t, byDomain["notification.canada.ca"]["resourceRecordName"], byDomain["*.notification.canada.ca"]["resourceRecordName"],
		"a wildcard shares its base domain's record")
	assert.NotEqual(t, byDomain["notification.canada.ca"]["resourceRecordName"], byDomain["api.notification.canada.ca"]["resourceRecordName"])

	vpc := created(t, st, "aws:ec2/vpc:Vpc", "vpc", map[string]any{"cidrBlock": "10.0.0.0/16"})
	for k, prefix := range map[string]string{"defaultNetworkAclId": "acl-", "defaultSecurityGroupId": "sg-", "mainRouteTableId": "rtb-", "defaultRouteTableId": "rtb-"} {
		assert.Regexp(t, "^"+prefix+"[0-9a-f]{17}$", vpc.out(k), k)
	}
	subnet := created(t, st, "aws:ec2/subnet:Subnet", "sn", map[string]any{"vpcId": vpc.ID, "cidrBlock": "10.0.0.0/24", "availabilityZone": "ca-central-1d"})
	assert.Equal(t, "cac1-az4", subnet.outStr("availabilityZoneId"), "ca-central-1d is cac1-az4 in AWS too")
	eip := created(t, st, "aws:ec2/eip:Eip", "eip", map[string]any{})
	nat := created(t, st, "aws:ec2/natGateway:NatGateway", "nat", map[string]any{"subnetId": subnet.ID, "allocationId": eip.ID})
	assert.Equal(t, eip.outStr("publicIp"), nat.outStr("publicIp"))
	assert.True(t, strings.HasPrefix(nat.outStr("privateIp"), "10.0.0."))

	// An update recomputes the same invented values.
	again := &object{Type: cert.Type, Name: cert.Name, ID: cert.ID, Seed: cert.Seed, Region: cert.Region, Account: cert.Account, In: cert.In, state: cert.state}
	computeOutputs(again)
	assert.True(t, again.Out.DeepEquals(cert.Out))
}
