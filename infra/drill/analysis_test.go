package drill

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
)

const (
	urnVpc     = "urn:pulumi:d::gcnotify::gcnotify:network:Network$aws:ec2/vpc:Vpc::vpc"
	urnSubnet  = "urn:pulumi:d::gcnotify::gcnotify:network:Network$aws:ec2/subnet:Subnet::subnet"
	urnNat     = "urn:pulumi:d::gcnotify::gcnotify:network:Network$aws:ec2/natGateway:NatGateway::nat"
	urnCluster = "urn:pulumi:d::gcnotify::gcnotify:cluster:Cluster$aws:eks/cluster:Cluster::eks"
	urnDB      = "urn:pulumi:d::gcnotify::gcnotify:database:Database$aws:rds/cluster:Cluster::db"
	urnComp    = "urn:pulumi:d::gcnotify::gcnotify:network:Network::net"
)

// steps builds a deployment: each resource with its start and end in seconds.
func steps(t0 time.Time, spans map[string][2]float64) *infra.Result {
	res := &infra.Result{}
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	for urn, se := range spans {
		res.Resources = append(res.Resources, infra.ResourceRecord{URN: urn, Type: "t", Name: urn[len(urn)-3:], Custom: true,
			Op: "create", Status: infra.StatusDone, Start: at(se[0]), End: at(se[1])})
	}
	res.Resources = append(res.Resources, infra.ResourceRecord{URN: urnComp, Type: "gcnotify:network:Network", Custom: false, Op: "create", Start: t0, End: at(1)})
	return res
}

func TestAnalyseFindsTheCriticalPathAndTheWaits(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	// vpc 0-1; subnet 1-2; nat 2-30; cluster waits for the component (so for the nat) and starts
	// late, 40-100; the database needs only the subnet: 5-60.
	res := steps(t0, map[string][2]float64{
		urnVpc: {0, 1}, urnSubnet: {1, 2}, urnNat: {2, 30}, urnCluster: {40, 100}, urnDB: {5, 60},
	})
	// The cluster depends on the network component, which finishes with its children (the NAT).
	g := &infra.Graph{Deps: map[string][]string{
		urnSubnet: {urnVpc}, urnNat: {urnSubnet}, urnCluster: {urnComp}, urnDB: {urnSubnet},
	}, Parents: map[string]string{urnVpc: urnComp, urnSubnet: urnComp, urnNat: urnComp}}
	a := analyse(res, g, t0, t0.Add(105*time.Second), 8)
	assert.InDelta(t, 90, a.CriticalPathSeconds, 1e-9, "vpc 1 + subnet 1 + nat 28 + cluster 60")
	assert.InDelta(t, 105.0/90.0, a.Ratio, 1e-9)
	var names []string
	for _, s := range a.CriticalPath {
		names = append(names, s.URN)
	}
	assert.Equal(t, []string{urnVpc, urnSubnet, urnNat, urnCluster}, names)
	assert.Equal(t, urnCluster, a.Slowest[0].URN)
	assert.Equal(t, urnCluster, a.MostWaited[0].URN, "the cluster was ready at 30 and started at 40")
	assert.InDelta(t, 10, a.MostWaited[0].Waited, 1e-9)
	assert.InDelta(t, 3, a.MostWaited[1].Waited, 1e-9, "the database was ready at 2 and started at 5")
	// The lines add up to the wall time.
	total := 0.0
	for _, l := range a.Lines {
		total += l.Seconds
	}
	assert.InDelta(t, 105, total, 1e-9)
	assert.InDelta(t, 90, a.Lines[0].Seconds, 1e-9, "work on the chain")
	assert.InDelta(t, 10, a.Lines[2].Seconds, 1e-9, "the wait below the limit is latency")
	assert.InDelta(t, 5, a.Lines[4].Seconds, 1e-9, "after the last step")
	assert.Equal(t, 2, a.PeakParallel)
	require.Len(t, a.Spans, 5)
}

func TestAnalyseCountsWaitsAtTheLimitAsQueueing(t *testing.T) {
	t0 := time.Now()
	res := steps(t0, map[string][2]float64{urnVpc: {0, 15}, urnSubnet: {0, 10}, urnDB: {10, 20}, urnCluster: {15, 20}})
	g := &infra.Graph{Deps: map[string][]string{urnCluster: {urnSubnet}}}
	a := analyse(res, g, t0, t0.Add(20*time.Second), 2)
	// The cluster was ready at 10 while two steps ran (the VPC and the database).
	assert.InDelta(t, 5, a.Lines[1].Seconds, 1e-9, "queued behind the limit of 2")
	assert.InDelta(t, 15, a.CriticalPathSeconds, 1e-9)
}

func TestAnalyseIgnoresEarlierPhasesAndUnchangedSteps(t *testing.T) {
	t0 := time.Now()
	res := steps(t0, map[string][2]float64{urnVpc: {-30, -20}, urnSubnet: {1, 2}})
	res.Resources = append(res.Resources, infra.ResourceRecord{URN: urnDB, Custom: true, Op: "same", Start: t0, End: t0.Add(time.Second)})
	a := analyse(res, &infra.Graph{Deps: map[string][]string{urnSubnet: {urnVpc}}}, t0, t0.Add(3*time.Second), 8)
	require.Len(t, a.Spans, 1)
	assert.Equal(t, urnSubnet, a.Spans[0].URN)
	assert.InDelta(t, 1, a.CriticalPathSeconds, 1e-9, "the VPC of the earlier phase counts as done")
}
