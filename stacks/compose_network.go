package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/keys"
	"github.com/cds-snc/notification-pulumi/components/network"
	"github.com/cds-snc/notification-pulumi/components/placement"
)

// composeNetwork builds the VPC, its subnets, egress and flow logs. The subnets carry the EKS
// cluster's name (derived from the configuration) before the cluster exists.
func composeNetwork(ctx *pulumi.Context, cfg Config, p Providers, place placement.Placement, k *keys.Keys) (*network.Network, error) {
	return network.New(ctx, "network", network.Args{
		Placement:         place,
		CidrBlock:         cfg.Network.VpcCidr,
		AvailabilityZones: cfg.Network.AvailabilityZones,
		ClusterName:       cfg.ClusterName(),
		LogRetentionDays:  cfg.LogRetentionDays,
		LogKmsKeyArn:      k.MainKeyArn,
	}, pulumi.Provider(p.Primary))
}
