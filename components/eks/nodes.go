package eks

import (
	"fmt"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// NodeRolePolicies are the node role's AWS managed policies. AmazonEKS_CNI_Policy is not one:
// vpc-cni gets it through its own IRSA role, so pods cannot borrow it from the node.
var NodeRolePolicies = []string{"AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly", "AmazonSSMManagedInstanceCore"}

// nodes creates the node role, the node security group, the add-ons' IRSA roles, the launch
// template, the primary node group and the add-ons, in the order a cluster without unmanaged
// add-ons needs: vpc-cni and kube-proxy before nodes (or nodes never become Ready), coredns
// and the EBS CSI driver after (their pods need nodes to run on).
func (c *Cluster) nodes(ctx *pulumi.Context, name string, args Args, cluster *eks.Cluster, oidc oidcProvider,
	child []pulumi.ResourceOption) error {
	clusterName := Name(args.NamePrefix)
	nodeRoleName := args.NamePrefix + "-eks-node"
	role, err := iam.NewRole(ctx, name+"-node-role",
		iampolicy.ServiceRole(nodeRoleName, "Nodes of "+clusterName+" (managed node group and Karpenter)", "ec2.amazonaws.com"), child...)
	if err != nil {
		return fmt.Errorf("node role: %w", err)
	}
	c.NodeRoleArn, c.NodeRoleName = role.Arn, role.Name
	var before []pulumi.Resource
	for _, p := range NodeRolePolicies {
		a, err := iam.NewRolePolicyAttachment(ctx, name+"-node-role-"+p, &iam.RolePolicyAttachmentArgs{
			Role: role.Name, PolicyArn: pulumi.String(awsPolicy + p),
		}, child...)
		if err != nil {
			return fmt.Errorf("node role policy %s: %w", p, err)
		}
		before = append(before, a)
	}
	nodeSG, err := c.nodeSecurityGroup(ctx, name, args, child)
	if err != nil {
		return err
	}

	cni, err := serviceAccountRole(ctx, name, args.NamePrefix, RoleVpcCni, "kube-system", "aws-node", oidc,
		[]string{awsPolicy + "AmazonEKS_CNI_Policy"}, nil, nil, child)
	if err != nil {
		return fmt.Errorf("vpc-cni role: %w", err)
	}
	// The driver creates volumes encrypted with the environment's key: grants for EC2 only.
	ebs, err := serviceAccountRole(ctx, name, args.NamePrefix, RoleEbsCsiDriver, "kube-system", "ebs-csi-controller-sa", oidc,
		[]string{awsPolicy + "service-role/AmazonEBSCSIDriverPolicy"}, []grant{
			{Sid: "VolumeKeyGrants", Actions: []string{"kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"}, Resources: same,
				Arns: pulumi.StringArray{args.KmsKeyArn}, Condition: map[string]any{"Bool": map[string]any{"kms:GrantIsForAWSResource": "true"}}},
			{Sid: "VolumeKey", Actions: []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"},
				Resources: same, Arns: pulumi.StringArray{args.KmsKeyArn}},
		}, nil, child)
	if err != nil {
		return fmt.Errorf("ebs-csi-driver role: %w", err)
	}
	c.ServiceAccountRoleArns[RoleVpcCni], c.ServiceAccountRoleArns[RoleEbsCsiDriver] = cni.Arn, ebs.Arn

	addon := func(key, addonName, version string, role *iam.Role, deps []pulumi.Resource) (*eks.Addon, error) {
		a := &eks.AddonArgs{
			ClusterName:              cluster.Name,
			AddonName:                pulumi.String(addonName),
			ResolveConflictsOnCreate: pulumi.String("OVERWRITE"),
			ResolveConflictsOnUpdate: pulumi.String("OVERWRITE"),
			Tags:                     tagging.Named(clusterName + "-" + addonName),
		}
		if version != "" {
			a.AddonVersion = pulumi.String(version)
		}
		if role != nil {
			a.ServiceAccountRoleArn = role.Arn
		}
		return eks.NewAddon(ctx, name+"-addon-"+key, a, with(child, pulumi.DependsOn(deps))...)
	}
	vpcCni, err := addon("vpc-cni", "vpc-cni", args.Addons.VpcCni, cni, nil)
	if err != nil {
		return fmt.Errorf("vpc-cni add-on: %w", err)
	}
	kubeProxy, err := addon("kube-proxy", "kube-proxy", args.Addons.KubeProxy, nil, nil)
	if err != nil {
		return fmt.Errorf("kube-proxy add-on: %w", err)
	}

	lt, err := c.launchTemplate(ctx, name, args, nodeSG, child)
	if err != nil {
		return err
	}
	// Created before the node group: EKS would otherwise create the node role's entry itself
	// and this one would then collide with it; Karpenter's nodes use the same role and entry.
	entry, err := eks.NewAccessEntry(ctx, name+"-node-access", &eks.AccessEntryArgs{
		ClusterName:  cluster.Name,
		PrincipalArn: role.Arn,
		Type:         pulumi.String("EC2_LINUX"),
		Tags:         tagging.Named(nodeRoleName),
	}, child...)
	if err != nil {
		return fmt.Errorf("node access entry: %w", err)
	}
	ng := args.NodeGroup
	groupName := args.NamePrefix + "-eks-primary-node-group"
	groupOpts := with(child, pulumi.DependsOn(append(append(before, vpcCni, kubeProxy, entry), args.NodeEgress...)))
	if !ng.ApplyDesiredSize {
		// The cluster autoscaler moves desiredSize with the load; a deployment resetting it
		// would scale the group back to the configured size in the middle of the day.
		groupOpts = with(groupOpts, pulumi.IgnoreChanges([]string{"scalingConfig.desiredSize"}))
	}
	group, err := eks.NewNodeGroup(ctx, name+"-primary-nodes", &eks.NodeGroupArgs{
		ClusterName:   cluster.Name,
		NodeGroupName: pulumi.String(groupName),
		NodeRoleArn:   role.Arn,
		SubnetIds:     args.K8sSubnetIDs,
		AmiType:       pulumi.String(ng.AmiType),
		CapacityType:  pulumi.String("ON_DEMAND"),
		InstanceTypes: pulumi.ToStringArray([]string{ng.InstanceType}),
		ScalingConfig: &eks.NodeGroupScalingConfigArgs{
			DesiredSize: pulumi.Int(ng.DesiredSize), MinSize: pulumi.Int(ng.MinSize), MaxSize: pulumi.Int(ng.MaxSize),
		},
		UpdateConfig: &eks.NodeGroupUpdateConfigArgs{MaxUnavailablePercentage: pulumi.Int(ng.MaxUnavailablePercentage)},
		LaunchTemplate: &eks.NodeGroupLaunchTemplateArgs{
			Id:      lt.ID(),
			Version: lt.LatestVersion.ApplyT(func(v int) string { return strconv.Itoa(v) }).(pulumi.StringOutput),
		},
		Tags: tagging.Named(groupName),
	}, groupOpts...)
	if err != nil {
		return fmt.Errorf("node group: %w", err)
	}
	if _, err := addon("coredns", "coredns", args.Addons.CoreDNS, nil, []pulumi.Resource{group}); err != nil {
		return fmt.Errorf("coredns add-on: %w", err)
	}
	if _, err := addon("aws-ebs-csi-driver", "aws-ebs-csi-driver", args.Addons.EbsCsiDriver, ebs, []pulumi.Resource{group}); err != nil {
		return fmt.Errorf("ebs csi add-on: %w", err)
	}
	return nil
}

// launchTemplate is the nodes' template: encrypted gp3 root volume, IMDSv2 only with a hop
// limit of 2 (pods reach the metadata service through one extra hop), no instance tags in the
// metadata, and both the cluster's and the node security group.
func (c *Cluster) launchTemplate(ctx *pulumi.Context, name string, args Args, nodeSG *ec2.SecurityGroup,
	child []pulumi.ResourceOption) (*ec2.LaunchTemplate, error) {
	ltName := args.NamePrefix + "-eks-node"
	tagSpec := func(kind string) ec2.LaunchTemplateTagSpecificationArgs {
		return ec2.LaunchTemplateTagSpecificationArgs{ResourceType: pulumi.String(kind), Tags: tagging.Named(ltName)}
	}
	lt, err := ec2.NewLaunchTemplate(ctx, name+"-node-template", &ec2.LaunchTemplateArgs{
		Name:                 pulumi.String(ltName),
		Description:          pulumi.String("Nodes of " + Name(args.NamePrefix)),
		UpdateDefaultVersion: pulumi.Bool(true),
		BlockDeviceMappings: ec2.LaunchTemplateBlockDeviceMappingArray{ec2.LaunchTemplateBlockDeviceMappingArgs{
			DeviceName: pulumi.String("/dev/xvda"),
			Ebs: &ec2.LaunchTemplateBlockDeviceMappingEbsArgs{
				VolumeSize:          pulumi.Int(args.NodeGroup.DiskSizeGiB),
				VolumeType:          pulumi.String("gp3"),
				Encrypted:           pulumi.String("true"),
				KmsKeyId:            args.KmsKeyArn,
				DeleteOnTermination: pulumi.String("true"),
			},
		}},
		MetadataOptions: &ec2.LaunchTemplateMetadataOptionsArgs{
			HttpEndpoint:            pulumi.String("enabled"),
			HttpTokens:              pulumi.String("required"),
			HttpPutResponseHopLimit: pulumi.Int(2),
			InstanceMetadataTags:    pulumi.String("disabled"),
		},
		VpcSecurityGroupIds: pulumi.StringArray{c.ClusterSecurityGroupID, nodeSG.ID()},
		TagSpecifications:   ec2.LaunchTemplateTagSpecificationArray{tagSpec("instance"), tagSpec("volume")},
		Tags:                tagging.Named(ltName),
	}, child...)
	if err != nil {
		return nil, fmt.Errorf("node launch template: %w", err)
	}
	return lt, nil
}
