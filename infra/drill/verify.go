package drill

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/stacks"
)

// Check is one verification of the rebuilt environment.
type Check struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

var (
	vpcID    = regexp.MustCompile(`^vpc-[0-9a-f]{8,17}$`)
	subnetID = regexp.MustCompile(`^subnet-[0-9a-f]{8,17}$`)
	hostname = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$`)
)

// checkOutputs checks that the stack outputs are present and well formed.
func checkOutputs(cfg stacks.Config, outs map[string]infra.Output) []Check {
	str := func(k string) string {
		s, _ := outs[k].Value.(string)
		return s
	}
	list := func(k string) []string {
		var out []string
		if l, ok := outs[k].Value.([]any); ok {
			for _, v := range l {
				if s, ok := v.(string); ok {
					out = append(out, s)
				}
			}
		}
		return out
	}
	var checks []Check
	add := func(name string, ok bool, got any, want string) {
		c := Check{Name: "output " + name, OK: ok, Detail: fmt.Sprintf("%v", got)}
		if !ok {
			c.Detail = fmt.Sprintf("got %v, want %s", got, want)
		}
		checks = append(checks, c)
	}
	add(stacks.OutputEnvironment, str(stacks.OutputEnvironment) == cfg.Environment, str(stacks.OutputEnvironment), cfg.Environment)
	add(stacks.OutputAccountID, str(stacks.OutputAccountID) == cfg.AccountID, str(stacks.OutputAccountID), cfg.AccountID)
	add(stacks.OutputRegion, str(stacks.OutputRegion) == cfg.Regions.Primary, str(stacks.OutputRegion), cfg.Regions.Primary)
	add(stacks.OutputVpcID, vpcID.MatchString(str(stacks.OutputVpcID)), str(stacks.OutputVpcID), "vpc-<hex>")
	for _, k := range []string{stacks.OutputPublicSubnetIDs, stacks.OutputPrivateSubnetIDs, stacks.OutputK8sSubnetIDs} {
		ids := list(k)
		ok := len(ids) > 0
		for _, id := range ids {
			ok = ok && subnetID.MatchString(id)
		}
		add(k, ok, ids, "one subnet-<hex> per availability zone")
	}
	add(stacks.OutputClusterName, str(stacks.OutputClusterName) != "", str(stacks.OutputClusterName), "the cluster's name")
	u, err := url.Parse(str(stacks.OutputClusterEndpoint))
	add(stacks.OutputClusterEndpoint, err == nil && u.Scheme == "https" && u.Host != "", str(stacks.OutputClusterEndpoint), "an https URL")
	for _, k := range []string{stacks.OutputDatabaseProxyEndpoint, stacks.OutputDatabaseProxyReadOnlyEndpoint, stacks.OutputLoadBalancerDNSName} {
		add(k, hostname.MatchString(strings.ToLower(str(k))), str(k), "a DNS name")
	}
	ns := list(stacks.OutputZoneNameServers)
	okNS := len(ns) > 0
	for _, n := range ns {
		okNS = okNS && hostname.MatchString(strings.TrimSuffix(strings.ToLower(n), "."))
	}
	add(stacks.OutputZoneNameServers, okNS, ns, "the zone's name servers (the delegation to make at the parent zone)")
	return checks
}
