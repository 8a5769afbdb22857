package estimate

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

func urn(component, typ, name string) string {
	return "urn:pulumi:dev::gcnotify::gcnotify:" + component + ":X$" + typ + "::" + name
}

// A key, a VPC piece and a cluster on it, a database beside it, and a Lambda after the
// registry: the critical path is key -> subnet -> cluster; today's stages add up.
func TestEstimateFollowsTheGraphAndTodaysStages(t *testing.T) {
	key := urn("keys", "aws:kms/key:Key", "key")
	subnet := urn("network", "aws:ec2/subnet:Subnet", "subnet")
	cluster := urn("cluster", "aws:eks/cluster:Cluster", "cluster")
	db := urn("database", "aws:rds/cluster:Cluster", "db")
	repo := urn("registry", "aws:ecr/repository:Repository", "repo")
	fn := urn("functions", "aws:lambda/function:Function", "fn")
	g := &render.Graph{Stack: "dev", Resources: []render.Resource{
		{URN: "urn:pulumi:dev::gcnotify::pulumi:providers:aws::p", Type: "pulumi:providers:aws"},
		{URN: key, Type: "aws:kms/key:Key"},
		{URN: subnet, Type: "aws:ec2/subnet:Subnet"},
		{URN: cluster, Type: "aws:eks/cluster:Cluster", Dependencies: []string{key, subnet}},
		{URN: db, Type: "aws:rds/cluster:Cluster", Dependencies: []string{key, subnet}},
		{URN: repo, Type: "aws:ecr/repository:Repository", Dependencies: []string{key}},
		{URN: fn, Type: "aws:lambda/function:Function", Dependencies: []string{repo}},
	}}
	secs := map[string]time.Duration{"aws:kms/key:Key": 5 * time.Second, "aws:ec2/subnet:Subnet": 10 * time.Second,
		"aws:eks/cluster:Cluster": 600 * time.Second, "aws:rds/cluster:Cluster": 400 * time.Second,
		"aws:ecr/repository:Repository": 2 * time.Second, "aws:lambda/function:Function": 30 * time.Second}
	e := Of(g, func(typ, _ string) time.Duration { return secs[typ] })

	assert.Equal(t, 6, e.Resources, "providers and components take no time")
	assert.InDelta(t, 610, e.Seconds, 0.001, "subnet 10 s, then the cluster 600 s")
	require.Len(t, e.CriticalPath, 2)
	assert.Equal(t, subnet, e.CriticalPath[0].URN)
	assert.Equal(t, cluster, e.CriticalPath[1].URN)
	assert.InDelta(t, 10, e.CriticalPath[1].Start, 0.001)

	stage := map[string]float64{}
	for _, s := range e.Today {
		stage[s.Modules] = s.Seconds
	}
	assert.InDelta(t, 10, stage["common, ecr"], 0.001, "key, subnet and repository in parallel")
	assert.InDelta(t, 600, stage["eks"], 0.001)
	assert.InDelta(t, 400, stage["elasticache, rds"], 0.001, "the database waits for the cluster's stage today")
	assert.InDelta(t, 30, stage["lambdas, database-tools"], 0.001)
	assert.InDelta(t, 1040, e.TodaySeconds, 0.001, "stages one after another")
	assert.Greater(t, e.TodaySeconds, e.Seconds)
}

func TestComponentOfAURN(t *testing.T) {
	assert.Equal(t, "network", component("urn:pulumi:dev::gcnotify::gcnotify:network:Network$awsx:ec2:Vpc$aws:ec2/subnet:Subnet::s"))
	assert.Equal(t, "", component("urn:pulumi:dev::gcnotify::pulumi:providers:aws::p"))
}
