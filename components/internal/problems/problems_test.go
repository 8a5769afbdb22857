package problems

import (
	"errors"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
)

func TestList(t *testing.T) {
	l := New("cdn")
	assert.NoError(t, l.Err())
	assert.NoError(t, l.Sorted())
	l.Bad("Zone", `""`, "a zone id")
	l.Addf("Domain: got %q, want a domain", "x y")
	l.Add(errors.New("cdn: Alpha: wrong"))
	assert.EqualError(t, l.Err(), "cdn: Zone: got \"\", want a zone id\ncdn: Domain: got \"x y\", want a domain\ncdn: Alpha: wrong")
	assert.EqualError(t, l.Sorted(), "cdn: Alpha: wrong\ncdn: Domain: got \"x y\", want a domain\ncdn: Zone: got \"\", want a zone id")
}

func TestDataStoreNetwork(t *testing.T) {
	ok := New("cache")
	ok.DataStoreNetwork(pulumi.String("vpc-1"), pulumi.StringArray{pulumi.String("subnet-1")},
		map[string]pulumi.StringInput{"eks-nodes": pulumi.String("sg-1")})
	assert.NoError(t, ok.Err())
	none := New("cache")
	none.DataStoreNetwork(nil, nil, nil)
	assert.EqualError(t, none.Err(), "cache: VpcID: got nil, want the network's VPC id\n"+
		"cache: SubnetIDs: got nil, want the network's private subnet ids\n"+
		"cache: ClientSecurityGroups: got none, want at least one client security group (e.g. the EKS node group's)")
	bad := New("database")
	bad.DataStoreNetwork(pulumi.String("vpc-1"), pulumi.StringArray{}, map[string]pulumi.StringInput{"b": nil, "EKS": pulumi.String("sg-1")})
	assert.EqualError(t, bad.Err(), "database: ClientSecurityGroups: got key \"EKS\", want a lowercase name such as eks-nodes\n"+
		"database: ClientSecurityGroups[b]: got nil, want a security group id")
}

func TestMissing(t *testing.T) {
	l := New("cdn")
	l.Missing("a value", map[string]bool{"ZoneID": true, "CertificateArn": false, "AssetBucketArn": true})
	assert.EqualError(t, l.Err(), "cdn: AssetBucketArn: got nil, want a value\ncdn: ZoneID: got nil, want a value")
	none := New("cdn")
	none.Missing("a value", map[string]bool{"ZoneID": false})
	assert.NoError(t, none.Err())
}

func TestLogRetention(t *testing.T) {
	ok := New("waf")
	ok.LogRetention(0)
	ok.LogRetention(365)
	assert.NoError(t, ok.Err())
	bad := New("waf")
	bad.LogRetention(10)
	assert.ErrorContains(t, bad.Err(), "waf: LogRetentionDays: got 10, want one of the values CloudWatch Logs accepts: 0, 1, 3")
}
