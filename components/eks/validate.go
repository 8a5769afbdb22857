package eks

import (
	"maps"
	"regexp"
	"slices"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
	"github.com/cds-snc/notification-pulumi/components/placement"
)

var (
	version = regexp.MustCompile(`^1\.[0-9]+$`)
	// dnsLabel is a Kubernetes namespace or service account name (RFC 1123 label).
	dnsLabel = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`)
	// roleKey is a role key or access-entry label: part of IAM and logical names.
	roleKey = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
)

// names lists the physical names with a length limit, for validation.
func (a Args) names() map[string]int {
	out := map[string]int{
		Name(a.NamePrefix):                       64, // the cluster role, the longest use of the name (EKS: 100, SQS: 80)
		a.NamePrefix + "-eks-node":               64, // node role
		a.NamePrefix + "-eks-primary-node-group": 63, // node group
	}
	for kind := range InterruptionEvents {
		out[interruptionRuleName(a.NamePrefix, kind)] = 64
	}
	for _, key := range append(slices.Sorted(maps.Keys(a.ServiceAccounts)), RoleVpcCni, RoleEbsCsiDriver, RoleKarpenterController) {
		out[roleName(a.NamePrefix, key)] = 64
	}
	return out
}

func (a Args) validate() error {
	found := problems.New("cluster")
	add := found.Addf
	a.Placement.Check(found, placement.Uses{NamePrefix: true})
	switch {
	case a.NamePrefix == "": // reported by Placement.Check
	case !roleKey.MatchString(a.NamePrefix):
		add("NamePrefix: got %q, want a name prefix such as notification-canada-ca-dev", a.NamePrefix)
	default:
		for _, n := range slices.Sorted(maps.Keys(a.names())) {
			if limit := a.names()[n]; len(n) > limit {
				add("NamePrefix: %q makes the name %q longer than %d characters", a.NamePrefix, n, limit)
			}
		}
	}
	if !version.MatchString(a.Version) {
		add("Version: got %q, want a Kubernetes minor version such as 1.36", a.Version)
	}
	if a.VpcID == nil {
		add("VpcID: got nil, want the network's VPC id")
	}
	if a.K8sSubnetIDs == nil {
		add("K8sSubnetIDs: got nil, want the network's k8s subnets")
	}
	if a.KmsKeyArn == nil {
		add("KmsKeyArn: got nil, want the environment's KMS key ARN")
	}
	found.LogRetention(a.LogRetentionDays)
	ng := a.NodeGroup
	if ng.InstanceType == "" {
		add("NodeGroup.InstanceType: got empty, want an instance type such as c7i.xlarge")
	}
	if ng.MinSize < awsrule.MinNodes || ng.MinSize > ng.DesiredSize || ng.DesiredSize > ng.MaxSize || ng.MaxSize > awsrule.MaxNodes {
		add("NodeGroup: got desired/min/max %d/%d/%d, want %d <= min <= desired <= max <= %d", ng.DesiredSize, ng.MinSize, ng.MaxSize, awsrule.MinNodes, awsrule.MaxNodes)
	}
	if ng.DiskSizeGiB < 20 {
		add("NodeGroup.DiskSizeGiB: got %d, want 20 or more", ng.DiskSizeGiB)
	}
	if ng.MaxUnavailablePercentage < 1 || ng.MaxUnavailablePercentage > 100 {
		add("NodeGroup.MaxUnavailablePercentage: got %d, want 1 to 100", ng.MaxUnavailablePercentage)
	}
	for _, n := range []string{a.Karpenter.Namespace, a.Karpenter.ServiceAccount} {
		if !dnsLabel.MatchString(n) {
			add("Karpenter: got %q, want a Kubernetes name", n)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(a.ServiceAccounts)) {
		sa := a.ServiceAccounts[key]
		switch {
		case key == RoleVpcCni || key == RoleEbsCsiDriver || key == RoleKarpenterController:
			add("ServiceAccounts[%s]: the key is a built-in role, want another", key)
		case !roleKey.MatchString(key):
			add("ServiceAccounts: got key %q, want lowercase letters, digits and '-'", key)
		}
		if !dnsLabel.MatchString(sa.Namespace) || !dnsLabel.MatchString(sa.ServiceAccount) {
			add("ServiceAccounts[%s]: got %q/%q, want a Kubernetes namespace and service account name", key, sa.Namespace, sa.ServiceAccount)
		}
		if !sa.grantsSomething() {
			add("ServiceAccounts[%s]: got no access, want at least one ARN list or SendSMS", key)
		}
	}
	for _, label := range slices.Sorted(maps.Keys(a.AdminRoleArns)) {
		if !roleKey.MatchString(label) || a.AdminRoleArns[label] == nil {
			add("AdminRoleArns: got label %q, want lowercase letters, digits and '-' and a role ARN", label)
		}
	}
	return found.Err()
}
