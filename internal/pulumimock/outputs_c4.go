package pulumimock

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Computed outputs of the cluster, registry and functions components: values AWS only knows
// after creation (the EKS OIDC issuer, the cluster security group, repository URLs, function
// ARNs), in the format AWS returns them.
func init() {
	set := func(typ string, f OutputFunc) {
		if _, taken := defaultOutputs[typ]; !taken { // another group's identical answer stands
			defaultOutputs[typ] = f
		}
	}
	set("aws:eks/cluster:Cluster", c4EKSClusterOutputs)
	set("aws:ecr/repository:Repository", func(r Resource, region, account string) resource.PropertyMap {
		name := c4NameOf(r)
		return resource.PropertyMap{
			"repositoryUrl": resource.NewStringProperty(fmt.Sprintf("%s.dkr.ecr.%s.amazonaws.com/%s", account, region, name)),
			"arn":           resource.NewStringProperty(fmt.Sprintf("arn:aws:ecr:%s:%s:repository/%s", region, account, name)),
			"registryId":    resource.NewStringProperty(account),
		}
	})
	set("aws:iam/openIdConnectProvider:OpenIdConnectProvider", func(r Resource, _, account string) resource.PropertyMap {
		host := strings.TrimPrefix(r.String("url"), "https://")
		return resource.PropertyMap{
			"arn": resource.NewStringProperty(fmt.Sprintf("arn:aws:iam::%s:oidc-provider/%s", account, host)),
		}
	})
	set("aws:lambda/function:Function", func(r Resource, region, account string) resource.PropertyMap {
		arn := fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", region, account, c4NameOf(r))
		return resource.PropertyMap{
			"arn":       resource.NewStringProperty(arn),
			"invokeArn": resource.NewStringProperty(fmt.Sprintf("arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s/invocations", region, arn)),
		}
	})
	set("aws:ec2/managedPrefixList:ManagedPrefixList", func(r Resource, region, account string) resource.PropertyMap {
		return resource.PropertyMap{
			"arn":     resource.NewStringProperty(fmt.Sprintf("arn:aws:ec2:%s:%s:prefix-list/%s", region, account, r.ID)),
			"ownerId": resource.NewStringProperty(account),
			"version": resource.NewNumberProperty(1),
		}
	})
	set("aws:ec2/launchTemplate:LaunchTemplate", func(Resource, string, string) resource.PropertyMap {
		return resource.PropertyMap{
			"latestVersion":  resource.NewNumberProperty(1),
			"defaultVersion": resource.NewNumberProperty(1),
		}
	})
}

func c4NameOf(r Resource) string {
	if n := r.String("name"); n != "" {
		return n
	}
	return r.Name
}

// c4EKSClusterOutputs answers what EKS computes for a cluster: its endpoint, certificate
// authority, OIDC issuer and the security group EKS creates for it (added to vpcConfig).
func c4EKSClusterOutputs(r Resource, region, account string) resource.PropertyMap {
	id := strings.ToUpper(fmt.Sprintf("%x", c4NameOf(r)))
	if len(id) > 32 {
		id = id[:32]
	}
	vpc := resource.PropertyMap{}
	if v, ok := r.Inputs["vpcConfig"]; ok && v.IsObject() {
		vpc = v.ObjectValue().Copy()
	}
	vpc["clusterSecurityGroupId"] = resource.NewStringProperty("sg-eks-cluster-" + c4NameOf(r))
	oidc := resource.NewObjectProperty(resource.PropertyMap{
		"issuer": resource.NewStringProperty(fmt.Sprintf("https://oidc.eks.%s.amazonaws.com/id/%s", region, id)),
	})
	return resource.PropertyMap{
		"arn":      resource.NewStringProperty(fmt.Sprintf("arn:aws:eks:%s:%s:cluster/%s", region, account, c4NameOf(r))),
		"endpoint": resource.NewStringProperty(fmt.Sprintf("https://%s.gr7.%s.eks.amazonaws.com", id, region)),
		"certificateAuthority": resource.NewObjectProperty(resource.PropertyMap{
			"data": resource.NewStringProperty("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t"),
		}),
		"identities": resource.NewArrayProperty([]resource.PropertyValue{resource.NewObjectProperty(resource.PropertyMap{
			"oidcs": resource.NewArrayProperty([]resource.PropertyValue{oidc}),
		})}),
		"vpcConfig": resource.NewObjectProperty(vpc),
	}
}
