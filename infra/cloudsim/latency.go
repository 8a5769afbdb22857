package cloudsim

import (
	"context"
	"errors"
	"time"
)

// opTimes are how long AWS takes to create, update, delete and read a resource type.
type opTimes struct{ create, update, delete, read time.Duration }

// defaultTimes applies to every type the latency table does not list: most AWS APIs answer in
// a few seconds.
var defaultTimes = opTimes{create: 3 * time.Second, update: 2 * time.Second, delete: 2 * time.Second, read: 500 * time.Millisecond}

// latencies are the published creation times (see the inventory's "Published creation times")
// and typical deletion times. Extend it as components land.
var latencies = map[string]opTimes{
	"aws:eks/cluster:Cluster":                             {12 * time.Minute, 20 * time.Minute, 10 * time.Minute, time.Second},
	"aws:eks/nodeGroup:NodeGroup":                         {10 * time.Minute, 15 * time.Minute, 8 * time.Minute, time.Second},
	"aws:eks/addon:Addon":                                 {time.Minute, time.Minute, 30 * time.Second, time.Second},
	"aws:rds/cluster:Cluster":                             {10 * time.Minute, 5 * time.Minute, 8 * time.Minute, time.Second},
	"aws:rds/clusterInstance:ClusterInstance":             {10 * time.Minute, 10 * time.Minute, 8 * time.Minute, time.Second},
	"aws:rds/instance:Instance":                           {10 * time.Minute, 10 * time.Minute, 8 * time.Minute, time.Second},
	"aws:rds/proxy:Proxy":                                 {3 * time.Minute, time.Minute, 2 * time.Minute, time.Second},
	"aws:rds/proxyEndpoint:ProxyEndpoint":                 {3 * time.Minute, time.Minute, 2 * time.Minute, time.Second},
	"aws:rds/proxyTarget:ProxyTarget":                     {time.Minute, time.Minute, 30 * time.Second, time.Second},
	"aws:elasticache/replicationGroup:ReplicationGroup":   {17 * time.Minute, 15 * time.Minute, 10 * time.Minute, time.Second},
	"aws:cloudfront/distribution:Distribution":            {5 * time.Minute, 5 * time.Minute, 15 * time.Minute, time.Second},
	"aws:ec2/natGateway:NatGateway":                       {3 * time.Minute, 10 * time.Second, 90 * time.Second, time.Second},
	"aws:ec2/vpcEndpoint:VpcEndpoint":                     {2 * time.Minute, 30 * time.Second, time.Minute, time.Second},
	"aws:acm/certificateValidation:CertificateValidation": {2 * time.Minute, time.Second, time.Second, time.Second},
	"aws:lb/loadBalancer:LoadBalancer":                    {3 * time.Minute, 30 * time.Second, 30 * time.Second, time.Second},
	"aws:alb/loadBalancer:LoadBalancer":                   {3 * time.Minute, 30 * time.Second, 30 * time.Second, time.Second},
	"aws:route53/record:Record":                           {45 * time.Second, 45 * time.Second, 45 * time.Second, time.Second},
	"aws:route53/zone:Zone":                               {45 * time.Second, 10 * time.Second, 45 * time.Second, time.Second},
	"aws:lambda/function:Function":                        {30 * time.Second, 30 * time.Second, 5 * time.Second, time.Second},
	"aws:wafv2/webAclAssociation:WebAclAssociation":       {30 * time.Second, 30 * time.Second, 30 * time.Second, time.Second},
	"aws:ec2/securityGroup:SecurityGroup":                 {3 * time.Second, 3 * time.Second, 5 * time.Second, time.Second},
	"aws:kms/key:Key":                                     {5 * time.Second, 3 * time.Second, 2 * time.Second, time.Second},
	"aws:guardduty/detector:Detector":                     {5 * time.Second, 3 * time.Second, 5 * time.Second, time.Second},
	"aws:backup/vault:Vault":                              {5 * time.Second, 3 * time.Second, 5 * time.Second, time.Second},
	// A Client VPN subnet association stays "associating" for minutes while AWS places the
	// endpoint's interfaces; deleting it takes as long.
	"aws:ec2clientvpn/endpoint:Endpoint":                     {30 * time.Second, 10 * time.Second, 30 * time.Second, time.Second},
	"aws:ec2clientvpn/networkAssociation:NetworkAssociation": {5 * time.Minute, time.Minute, 5 * time.Minute, time.Second},
	// An ECS service returns once created (no wait for steady state); deleting drains its tasks.
	"aws:ecs/service:Service": {20 * time.Second, 20 * time.Second, 2 * time.Minute, time.Second},
	"aws:ecs/cluster:Cluster": {10 * time.Second, 5 * time.Second, 10 * time.Second, time.Second},
}

// invokeTime is how long a data source lookup takes.
const invokeTime = 300 * time.Millisecond

// latency returns the simulated duration of an operation ("create", "update", "delete",
// "read") on a type, scaled by factor, with a deterministic ±15% spread per resource so
// parallel operations do not finish in lock-step.
func latency(typ, op, urn string, factor float64) time.Duration {
	if factor <= 0 {
		return 0
	}
	t, ok := latencies[typ]
	if !ok {
		t = defaultTimes
	}
	var d time.Duration
	switch op {
	case "create":
		d = t.create
	case "update":
		d = t.update
	case "delete":
		d = t.delete
	case "read":
		d = t.read
	case "invoke":
		d = invokeTime
	}
	spread := 0.85 + 0.3*float64(hashNum(urn+op)%1000)/1000
	return time.Duration(float64(d) * factor * spread)
}

// errCancelled is returned by operations cut short by the engine's Cancel or a closed Sim.
var errCancelled = errors.New("cloudsim: operation cancelled")

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return errCancelled
	}
}

// CreateTime is how long AWS takes to create a resource of a type (the latency model at real
// time, with the resource's own spread): what `notifyctl estimate` predicts a rebuild from.
func CreateTime(typ, urn string) time.Duration { return latency(typ, "create", urn, 1) }
