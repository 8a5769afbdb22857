package pulumimock

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Computed outputs of the Athena, Client VPN and database tools components' resources in AWS's
// formats: work group and ECS ARNs, the task definition's revision, the VPN's DNS name.
func init() {
	defaultOutputs["aws:athena/workgroup:Workgroup"] = func(r Resource, region, account string) resource.PropertyMap {
		return resource.PropertyMap{
			"arn":  resource.NewStringProperty(fmt.Sprintf("arn:aws:athena:%s:%s:workgroup/%s", region, account, r.String("name"))),
			"name": resource.NewStringProperty(r.String("name")),
		}
	}
	defaultOutputs["aws:ecs/taskDefinition:TaskDefinition"] = func(r Resource, region, account string) resource.PropertyMap {
		return resource.PropertyMap{
			"arn":      resource.NewStringProperty(fmt.Sprintf("arn:aws:ecs:%s:%s:task-definition/%s:1", region, account, r.String("family"))),
			"revision": resource.NewNumberProperty(1),
		}
	}
	defaultOutputs["aws:ecs/cluster:Cluster"] = func(r Resource, region, account string) resource.PropertyMap {
		return resource.PropertyMap{
			"arn":  resource.NewStringProperty(fmt.Sprintf("arn:aws:ecs:%s:%s:cluster/%s", region, account, r.String("name"))),
			"name": resource.NewStringProperty(r.String("name")),
		}
	}
	defaultOutputs["aws:ec2clientvpn/endpoint:Endpoint"] = func(r Resource, region, account string) resource.PropertyMap {
		id := "cvpn-endpoint-" + fmt.Sprintf("%017x", c6Hash(r.Name))
		return resource.PropertyMap{
			"arn":     resource.NewStringProperty(fmt.Sprintf("arn:aws:ec2:%s:%s:client-vpn-endpoint/%s", region, account, id)),
			"dnsName": resource.NewStringProperty(fmt.Sprintf("*.%s.prod.clientvpn.%s.amazonaws.com", id, region)),
		}
	}
}

// c6Hash is a stable number from a logical name, for invented ids.
func c6Hash(s string) uint64 {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h & 0xfffffffffffffff
}
