package problems

import (
	"maps"
	"regexp"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// clientKey is a ClientSecurityGroups key: it names an ingress rule, so it is a lowercase label.
var clientKey = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// DataStoreNetwork checks where a data store in the VPC sits and who may reach it (the
// database's and the cache's VpcID, SubnetIDs and ClientSecurityGroups): the VPC and subnets
// set, and at least one client security group, each keyed by a lowercase name and set.
func (l *List) DataStoreNetwork(vpcID pulumi.StringInput, subnetIDs pulumi.StringArrayInput, clients map[string]pulumi.StringInput) {
	if vpcID == nil {
		l.Addf("VpcID: got nil, want the network's VPC id")
	}
	if subnetIDs == nil {
		l.Addf("SubnetIDs: got nil, want the network's private subnet ids")
	}
	if len(clients) == 0 {
		l.Addf("ClientSecurityGroups: got none, want at least one client security group (e.g. the EKS node group's)")
	}
	for _, key := range slices.Sorted(maps.Keys(clients)) {
		if !clientKey.MatchString(key) {
			l.Addf("ClientSecurityGroups: got key %q, want a lowercase name such as eks-nodes", key)
		}
		if clients[key] == nil {
			l.Addf("ClientSecurityGroups[%s]: got nil, want a security group id", key)
		}
	}
}
