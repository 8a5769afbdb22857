package eks

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// nodeSecurityGroup is the nodes' own group, which the data stores and load balancers allow in
// (instead of the cluster's group, so they no longer wait for the cluster). Karpenter finds it
// by its discovery tag; Karpenter's nodes carry only this group, so the rules below also give
// them what the cluster group gives managed nodes. It carries no kubernetes.io/cluster tag: the
// load balancer controller wants exactly one such group per interface (the cluster's).
// Rules are separate resources so other components can add theirs.
func (c *Cluster) nodeSecurityGroup(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) (*ec2.SecurityGroup, error) {
	sgName := args.NamePrefix + "-eks-node"
	sg, err := ec2.NewSecurityGroup(ctx, name+"-node-sg", &ec2.SecurityGroupArgs{
		Name:        pulumi.String(sgName),
		Description: pulumi.String("EKS nodes of " + Name(args.NamePrefix)),
		VpcId:       args.VpcID,
		Tags:        tagging.Named(sgName, map[string]string{"karpenter.sh/discovery": Name(args.NamePrefix)}),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("node security group: %w", err)
	}
	c.NodeSecurityGroupID = sg.ID().ToStringOutput()
	type rule struct {
		role, description, protocol string
		port                        int
		group, source               pulumi.StringInput
	}
	for _, r := range []rule{
		{"node-from-nodes", "Node to node (pods across nodes)", "-1", 0, sg.ID(), sg.ID()},
		{"node-from-control-plane", "Control plane to kubelets and webhooks", "-1", 0, sg.ID(), c.ClusterSecurityGroupID},
		{"control-plane-from-nodes", "Nodes to the Kubernetes API", "tcp", 443, c.ClusterSecurityGroupID, sg.ID()},
	} {
		a := &vpc.SecurityGroupIngressRuleArgs{
			SecurityGroupId:           r.group,
			ReferencedSecurityGroupId: r.source,
			Description:               pulumi.String(r.description),
			IpProtocol:                pulumi.String(r.protocol),
			Tags:                      tagging.Named(sgName + "-" + r.role),
		}
		if r.port != 0 {
			a.FromPort, a.ToPort = pulumi.Int(r.port), pulumi.Int(r.port)
		}
		if _, err := vpc.NewSecurityGroupIngressRule(ctx, name+"-sg-"+r.role, a, child...); err != nil {
			return nil, fmt.Errorf("security group rule %s: %w", r.role, err)
		}
	}
	if _, err := vpc.NewSecurityGroupEgressRule(ctx, name+"-sg-node-egress", &vpc.SecurityGroupEgressRuleArgs{
		SecurityGroupId: sg.ID(),
		Description:     pulumi.String("Nodes reach AWS APIs, image registries and the data stores"),
		IpProtocol:      pulumi.String("-1"),
		CidrIpv4:        pulumi.String("0.0.0.0/0"),
		Tags:            tagging.Named(sgName + "-egress"),
	}, child...); err != nil {
		return nil, fmt.Errorf("node security group egress: %w", err)
	}
	return sg, nil
}
