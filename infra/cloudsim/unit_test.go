package cloudsim

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func props(m map[string]any) resource.PropertyMap { return resource.NewPropertyMapFromMap(m) }

func TestDiffReportsChangesAndReplacements(t *testing.T) {
	q := "aws:sqs/queue:Queue"
	old := props(map[string]any{"name": "a", "visibilityTimeoutSeconds": 30})

	d := diff(q, old, props(map[string]any{"name": "a", "visibilityTimeoutSeconds": 310}), nil)
	assert.Equal(t, pulumirpc.DiffResponse_DIFF_SOME, d.Changes)
	assert.Empty(t, d.Replaces, "visibility changes in place")
	assert.Equal(t, pulumirpc.PropertyDiff_UPDATE, d.DetailedDiff["visibilityTimeoutSeconds"].Kind)

	d = diff(q, old, props(map[string]any{"name": "b", "visibilityTimeoutSeconds": 30}), nil)
	assert.Equal(t, []string{"name"}, d.Replaces)
	assert.Equal(t, pulumirpc.PropertyDiff_UPDATE_REPLACE, d.DetailedDiff["name"].Kind)
	assert.False(t, d.DeleteBeforeReplace, "a new name can coexist with the old")

	d = diff(q, old, props(map[string]any{"name": "a", "visibilityTimeoutSeconds": 30, "fifoQueue": true}), nil)
	assert.Equal(t, []string{"fifoQueue"}, d.Replaces)
	assert.Equal(t, pulumirpc.PropertyDiff_ADD_REPLACE, d.DetailedDiff["fifoQueue"].Kind)
	assert.True(t, d.DeleteBeforeReplace, "the replacement keeps the program's name")

	d = diff(q, old, props(map[string]any{"name": "a", "visibilityTimeoutSeconds": 30}), nil)
	assert.Equal(t, pulumirpc.DiffResponse_DIFF_NONE, d.Changes)

	unknown := props(map[string]any{"name": "a"})
	unknown["visibilityTimeoutSeconds"] = resource.MakeComputed(resource.NewStringProperty(""))
	d = diff(q, old, unknown, nil)
	assert.Contains(t, d.Diffs, "visibilityTimeoutSeconds", "an unknown new value is a change")

	d = diff(q, old, props(map[string]any{"name": "a", "visibilityTimeoutSeconds": 60}), []string{"visibilityTimeoutSeconds"})
	assert.Equal(t, pulumirpc.DiffResponse_DIFF_NONE, d.Changes, "ignoreChanges")

	for typ, prop := range map[string]string{"aws:s3/bucketV2:BucketV2": "bucket", "aws:rds/cluster:Cluster": "engine",
		"aws:ec2/subnet:Subnet": "cidrBlock", "aws:eks/cluster:Cluster": "name", "aws:kms/key:Key": "keySpec",
		"aws:elasticache/replicationGroup:ReplicationGroup": "replicationGroupId", "aws:ec2/securityGroup:SecurityGroup": "vpcId",
		"aws:lambda/function:Function": "name", "aws:iam/role:Role": "name", "aws:cloudwatch/logGroup:LogGroup": "name",
		"aws:secretsmanager/secret:Secret": "name", "aws:sns/topic:Topic": "name"} {
		d := diff(typ, props(map[string]any{prop: "x"}), props(map[string]any{prop: "y"}), nil)
		assert.Equal(t, []string{prop}, d.Replaces, typ)
	}
}

func TestCheckAutoNames(t *testing.T) {
	news := props(map[string]any{})
	require.Empty(t, checkInputs("aws:sqs/queue:Queue", "jobs", nil, news, []byte{1}))
	name := str(news, "name")
	assert.Regexp(t, `^jobs-[0-9a-f]{7}$`, name)
	assert.True(t, isDefault(news, "name"))

	// An update keeps the generated name; an explicit name wins.
	again := props(map[string]any{})
	checkInputs("aws:sqs/queue:Queue", "jobs", news, again, []byte{2})
	assert.Equal(t, name, str(again, "name"))
	explicit := props(map[string]any{"name": "mine"})
	checkInputs("aws:sqs/queue:Queue", "jobs", news, explicit, []byte{2})
	assert.Equal(t, "mine", str(explicit, "name"))

	lb := props(map[string]any{})
	checkInputs("aws:lb/loadBalancer:LoadBalancer", "a-very-long-logical-name-for-the-public-alb", nil, lb, []byte{3})
	assert.LessOrEqual(t, len(str(lb, "name")), 32, "load balancer names are at most 32 characters")
	db := props(map[string]any{"engine": "aurora-postgresql"})
	checkInputs("aws:rds/cluster:Cluster", "Database", nil, db, []byte{4})
	assert.Regexp(t, `^database-[0-9a-f]{7}$`, str(db, "clusterIdentifier"), "RDS identifiers are lower case")

	sub := props(map[string]any{})
	failures := checkInputs("aws:ec2/subnet:Subnet", "s", nil, sub, nil)
	require.Len(t, failures, 1)
	assert.Equal(t, "vpcId", failures[0].Property)
	_, named := sub["name"]
	assert.False(t, named, "subnets have no name property")
}

func TestLatencyModel(t *testing.T) {
	eks := latency("aws:eks/cluster:Cluster", "create", "urn:x", 1)
	assert.InDelta(t, float64(12*time.Minute), float64(eks), float64(2*time.Minute))
	assert.Greater(t, latency("aws:elasticache/replicationGroup:ReplicationGroup", "create", "u", 1), 14*time.Minute)
	assert.Less(t, latency("aws:sqs/queue:Queue", "create", "u", 1), 5*time.Second)
	assert.Zero(t, latency("aws:eks/cluster:Cluster", "create", "u", 0))
	assert.InDelta(t, float64(eks)/1000, float64(latency("aws:eks/cluster:Cluster", "create", "urn:x", 0.001)), float64(time.Millisecond))

	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	start := time.Now()
	assert.ErrorIs(t, sleep(ctx, time.Hour), errCancelled)
	assert.Less(t, time.Since(start), 5*time.Second)
}

func TestFaultModes(t *testing.T) {
	var f faults
	f.add(Fault{Type: "aws:sqs/queue:Queue", Op: "create", Mode: FailOnce, Message: "boom"})
	f.add(Fault{URN: "urn:b", Mode: FailAlways})
	ctx := context.Background()
	err := f.apply(ctx, ctx, "aws:sqs/queue:Queue", "urn:a", "create")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "boom")
	assert.NoError(t, f.apply(ctx, ctx, "aws:sqs/queue:Queue", "urn:a", "create"), "once")
	assert.NoError(t, f.apply(ctx, ctx, "aws:sqs/queue:Queue", "urn:a", "delete"), "other op")
	for i := 0; i < 3; i++ {
		assert.Error(t, f.apply(ctx, ctx, "aws:s3/bucketV2:BucketV2", "urn:b", "update"), "always")
	}
	f.clear()
	assert.NoError(t, f.apply(ctx, ctx, "aws:s3/bucketV2:BucketV2", "urn:b", "update"))

	f.add(Fault{Op: "delete", Mode: HangOnce})
	hctx, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
	defer cancel()
	err = f.apply(hctx, hctx, "aws:kms/key:Key", "urn:k", "delete")
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "hung"))
	assert.NoError(t, f.apply(ctx, ctx, "aws:kms/key:Key", "urn:k", "delete"), "hang once")
}

func TestConcurrentStoreAndCalls(t *testing.T) {
	s, err := Start(context.Background(), Options{StateFile: t.TempDir() + "/s.json"})
	require.NoError(t, err)
	defer s.Close()
	done := make(chan struct{})
	for i := 0; i < 16; i++ {
		go func(i int) {
			defer func() { done <- struct{}{} }()
			for j := 0; j < 50; j++ {
				id := string(rune('a'+i)) + string(rune('a'+j%26))
				s.store.put(&record{Type: "t", ID: id, Region: "r", Account: "a", Outputs: map[string]any{"k": "v"}})
				_ = s.Resources()
				s.record(Call{Method: "Create"})
				s.store.remove("a", "r", "t", id)
			}
		}(i)
	}
	for i := 0; i < 16; i++ {
		<-done
	}
	assert.Empty(t, s.Resources())
	assert.Len(t, s.Calls(), 16*50)
}

func TestCreationsAWSWouldRefuse(t *testing.T) {
	st, err := newStore("")
	require.NoError(t, err)
	s := &Sim{store: st}
	p := newAWS(s)
	q := created(t, st, "aws:sqs/queue:Queue", "q", map[string]any{"name": "taken"})
	dup := &object{Type: q.Type, Name: "q2", Region: q.Region, Account: q.Account, In: props(map[string]any{"name": "taken"}), state: q.state}
	err = p.refuse(dup)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "creating SQS Queue (taken)")
	assert.Contains(t, err.Error(), "QueueAlreadyExists")
	other := &object{Type: q.Type, Name: "q3", Region: "us-west-2", Account: q.Account, In: props(map[string]any{"name": "taken"}),
		state: &scopeView{st: st, account: q.Account, region: "us-west-2"}}
	assert.NoError(t, p.refuse(other), "names are per region")

	cert := created(t, st, "aws:acm/certificate:Certificate", "cert", map[string]any{"domainName": "a.example.com",
		"subjectAlternativeNames": []any{"b.example.com"}})
	var names []any
	for _, d := range cert.out("domainValidationOptions").([]any) {
		names = append(names, d.(map[string]any)["resourceRecordName"])
	}
	val := func(fqdns []any) *object {
		return &object{Type: "aws:acm/certificateValidation:CertificateValidation", Region: cert.Region, Account: cert.Account,
			In: props(map[string]any{"certificateArn": cert.ID, "validationRecordFqdns": fqdns}), state: cert.state}
	}
	assert.NoError(t, p.refuse(val(names)))
	err = p.refuse(val(names[:1]))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing b.example.com DNS validation record")
}
