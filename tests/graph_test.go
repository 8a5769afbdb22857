// Package tests holds cross-component and end-to-end tests of the whole program.
package tests

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
	"github.com/cds-snc/notification-pulumi/stacks"
)

// graphEnvironments are the permanent environments the graph checks run across.
var graphEnvironments = []string{"dev", "staging", "production"}

func render(t *testing.T, stack string, override map[string]string) *pulumimock.Mocks {
	t.Helper()
	cfg := pulumimock.StackConfig(t, stack)
	for k, v := range override {
		cfg[k] = v
	}
	m, err := pulumimock.Run(t, stack, cfg, stacks.Program)
	require.NoError(t, err)
	return m
}

// The compliance predicates that lived here (encryption, protection of stateful resources,
// public access, an explicit provider on every resource, AWS's name length limits) are named
// rules in policy/, run on every environment by go test ./policy. What stays is the shape of the
// graph the rebuild depends on.

// longestChain is the longest path through the recorded data dependencies, root first.
func longestChain(m *pulumimock.Mocks) []pulumimock.Resource {
	byURN := map[string]pulumimock.Resource{}
	for _, r := range m.Resources() {
		byURN[r.URN] = r
	}
	memo := map[string][]pulumimock.Resource{}
	var walk func(urn string) []pulumimock.Resource
	walk = func(urn string) []pulumimock.Resource {
		if c, ok := memo[urn]; ok {
			return c
		}
		memo[urn] = nil // a cycle, should one exist, ends here rather than looping
		var best []pulumimock.Resource
		for _, d := range byURN[urn].Dependencies {
			if c := walk(d); len(c) > len(best) {
				best = c
			}
		}
		chain := append(append([]pulumimock.Resource{}, best...), byURN[urn])
		memo[urn] = chain
		return chain
	}
	var best []pulumimock.Resource
	urns := make([]string, 0, len(byURN))
	for u := range byURN {
		urns = append(urns, u)
	}
	sort.Strings(urns)
	for _, u := range urns {
		if c := walk(u); len(c) > len(best) {
			best = c
		}
	}
	return best
}

// dependsOn reports whether r depends, directly or through other resources, on a resource of typ.
func dependsOn(m *pulumimock.Mocks, r pulumimock.Resource, typ string) bool {
	byURN := map[string]pulumimock.Resource{}
	for _, x := range m.Resources() {
		byURN[x.URN] = x
	}
	seen := map[string]bool{}
	var visit func(urn string) bool
	visit = func(urn string) bool {
		if seen[urn] {
			return false
		}
		seen[urn] = true
		for _, d := range byURN[urn].Dependencies {
			if byURN[d].Type == typ || visit(d) {
				return true
			}
		}
		return false
	}
	return visit(r.URN)
}

func TestDataStoresDoNotWaitForTheCluster(t *testing.T) {
	m := render(t, "staging", nil)
	for _, typ := range []string{"aws:rds/cluster:Cluster", "aws:rds/clusterInstance:ClusterInstance",
		"aws:elasticache/replicationGroup:ReplicationGroup"} {
		rs := m.ByType(typ)
		require.NotEmpty(t, rs, typ)
		for _, r := range rs {
			assert.False(t, dependsOn(m, r, "aws:eks/cluster:Cluster"), "%s %s must not wait for the EKS cluster", typ, r.Name)
		}
	}
}

func TestResourceCountsAndLongestChain(t *testing.T) {
	for _, stack := range graphEnvironments {
		t.Run(stack, func(t *testing.T) {
			m := render(t, stack, nil)
			custom := 0
			for _, r := range m.Resources() {
				if r.Custom {
					custom++
				}
			}
			chain := longestChain(m)
			var steps []string
			for _, r := range chain {
				steps = append(steps, fmt.Sprintf("%s (%s)", r.Name, r.Type))
			}
			t.Logf("%s: %d resources (%d custom); longest dependency chain (%d): %s", stack, len(m.Resources()), custom,
				len(chain), strings.Join(steps, " -> "))
			assert.Greater(t, custom, 500, "the whole estate is modelled")
			assert.LessOrEqual(t, len(chain), 16, "no ordering chain longer than the data flow needs")
		})
	}
}
