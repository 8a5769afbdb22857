package awsmodel

import (
	"regexp"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testAccount = "111122223333"

func computed(typ, logical, id string, in map[string]any, w World) *Object {
	o := &Object{Type: typ, Name: logical, ID: id, Seed: "seed-" + logical, Region: "ca-central-1", Account: testAccount,
		In: resource.NewPropertyMapFromMap(in), World: w}
	Compute(o)
	return o
}

// TestComputeGivesAWSFormats checks the outputs the mocks and the simulated cloud share against
// AWS's documented formats, for an id the caller chose and for one the model gives.
func TestComputeGivesAWSFormats(t *testing.T) {
	cases := []struct {
		typ, id string
		in      map[string]any
		want    map[string]string // output -> regexp
	}{
		{"aws:backup/vault:Vault", "", map[string]any{"name": "vault"},
			map[string]string{"arn": `^arn:aws:backup:ca-central-1:111122223333:backup-vault:vault$`}},
		{"aws:secretsmanager/secret:Secret", "", map[string]any{"name": "app"},
			map[string]string{"arn": `^arn:aws:secretsmanager:ca-central-1:111122223333:secret:app-[A-Za-z0-9]{6}$`}},
		{"aws:elasticache/replicationGroup:ReplicationGroup", "", map[string]any{"replicationGroupId": "rg", "transitEncryptionEnabled": true},
			map[string]string{"primaryEndpointAddress": `^master\.rg\.[0-9a-f]{6}\.cac1\.cache\.amazonaws\.com$`}},
		{"aws:rds/cluster:Cluster", "my-id", map[string]any{"clusterIdentifier": "db", "manageMasterUserPassword": true},
			map[string]string{"arn": `^arn:aws:rds:ca-central-1:111122223333:cluster:db$`,
				"endpoint": `^db\.cluster-c[0-9a-f]{11}\.ca-central-1\.rds\.amazonaws\.com$`}},
		{"aws:kms/key:Key", "", nil, map[string]string{"keyId": `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$`}},
		{"aws:kms/key:Key", "keys-key-id", nil, map[string]string{"keyId": `^keys-key-id$`, "arn": `:key/keys-key-id$`}},
		{"aws:sqs/queue:Queue", "", map[string]any{"name": "q"}, map[string]string{"url": `^https://sqs\.ca-central-1\.amazonaws\.com/111122223333/q$`}},
		{"aws:route53/zone:Zone", "", map[string]any{"name": "example.com"}, map[string]string{"zoneId": `^Z0[A-Z0-9]{19}$`}},
		{"aws:eks/cluster:Cluster", "", map[string]any{"name": "c"}, map[string]string{"arn": `^arn:aws:eks:ca-central-1:111122223333:cluster/c$`}},
		{"aws:iam/role:Role", "", map[string]any{"name": "r"}, map[string]string{"arn": `^arn:aws:iam::111122223333:role/r$`}},
	}
	for _, c := range cases {
		o := computed(c.typ, "logical", c.id, c.in, nil)
		if c.id != "" {
			assert.Equal(t, c.id, o.ID, "%s: the caller's id stands", c.typ)
		} else {
			assert.NotEmpty(t, o.ID, c.typ)
		}
		for k, re := range c.want {
			assert.Regexp(t, regexp.MustCompile(re), o.outStr(k), "%s %s", c.typ, k)
		}
	}
	o := computed("aws:rds/cluster:Cluster", "db", "", map[string]any{"clusterIdentifier": "db", "manageMasterUserPassword": true}, nil)
	secrets, _ := Plain(o.Out["masterUserSecrets"]).([]any)
	require.Len(t, secrets, 1)
	assert.Regexp(t, `^arn:aws:secretsmanager:ca-central-1:111122223333:secret:rds!cluster-[0-9a-f-]{36}-[A-Za-z0-9]{6}$`,
		secrets[0].(map[string]any)["secretArn"])
}

// TestComputeReadsTheWorld checks lookups: a subnet's VPC, found through the World; none
// without one.
func TestComputeReadsTheWorld(t *testing.T) {
	w := Listed(func(typ string) []Resource {
		if typ != "aws:ec2/subnet:Subnet" {
			return nil
		}
		return []Resource{{ID: "subnet-1", Outputs: map[string]any{"vpcId": "vpc-1"}}}
	})
	in := map[string]any{"subnetIds": []any{"subnet-1"}}
	assert.Equal(t, "vpc-1", computed("aws:rds/subnetGroup:SubnetGroup", "g", "", in, w).outStr("vpcId"))
	assert.Equal(t, "", computed("aws:rds/subnetGroup:SubnetGroup", "g", "", in, nil).outStr("vpcId"))
	assert.Nil(t, w.Find("aws:ec2/subnet:Subnet", "subnet-2"))
}

// TestGetExternalZone checks the lookup of a zone outside the world: stable per account and
// name, and refused without a name or for a private zone.
func TestGetExternalZone(t *testing.T) {
	args := func(m map[string]any) resource.PropertyMap { return resource.NewPropertyMapFromMap(m) }
	got, err := GetExternalZone(testAccount, args(map[string]any{"name": "example.com.", "privateZone": false}))
	require.NoError(t, err)
	assert.Equal(t, ExternalZoneID(testAccount, "example.com"), got["zoneId"].StringValue())
	assert.Regexp(t, `^Z0[A-Z0-9]{19}$`, got["zoneId"].StringValue())
	assert.NotEqual(t, ExternalZoneID("444455556666", "example.com"), ExternalZoneID(testAccount, "example.com"))
	assert.Len(t, got["nameServers"].ArrayValue(), 4)
	_, err = GetExternalZone(testAccount, args(map[string]any{"name": "example.com", "privateZone": true}))
	assert.ErrorContains(t, err, "private true")
	_, err = GetExternalZone(testAccount, args(map[string]any{}))
	assert.ErrorContains(t, err, `name ""`)
}

// TestNameOfAndARN: a resource's AWS name is the input its type is named by, else its "name"
// input, else its logical name; a global service's ARN has no region.
func TestNameOfAndARN(t *testing.T) {
	for _, c := range []struct {
		typ  string
		in   map[string]any
		want string
	}{
		{"aws:s3/bucketV2:BucketV2", map[string]any{"bucket": "notify-logs", "name": "other"}, "notify-logs"},
		{"aws:s3/bucketV2:BucketV2", map[string]any{"name": "by-name"}, "by-name"},
		{"aws:sqs/queue:Queue", map[string]any{"name": "tasks"}, "tasks"},
		{"aws:sqs/queue:Queue", nil, "logical"},
	} {
		assert.Equal(t, c.want, NameOf(c.typ, "logical", resource.NewPropertyMapFromMap(c.in)), "%s %v", c.typ, c.in)
	}
	assert.Equal(t, "arn:aws:sqs:ca-central-1:111122223333:tasks", ARN("sqs", "ca-central-1", testAccount, "tasks"))
	assert.Equal(t, "arn:aws:iam::111122223333:role/r", ARN("iam", "", testAccount, "role/r"))
}
