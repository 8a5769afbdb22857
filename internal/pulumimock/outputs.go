package pulumimock

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra/awsmodel"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// SubnetRoleTag is the tag the network component puts on every subnet spec so consumers can
// find a tier's subnets; the awsx mock and the getSubnets mock agree on it.
const SubnetRoleTag = "gcnotify:subnet-role"

// defaultOutputs are the outputs the mocks add to the model's (infra/awsmodel): the awsx
// components, which the model of AWS does not cover.
var defaultOutputs = map[string]OutputFunc{
	"awsx:ec2:Vpc": vpcOutputs,
}

// vpcSubnets describes the subnets the awsx Vpc mock pretends to create, per spec: the same
// layout the real component produces (one subnet per spec per availability zone).
func vpcSubnets(r Resource) (specs []map[string]any, azs []string) {
	if list, ok := r.Input("availabilityZoneNames").([]any); ok {
		for _, az := range list {
			azs = append(azs, fmt.Sprint(az))
		}
	}
	if list, ok := r.Input("subnetSpecs").([]any); ok {
		for _, s := range list {
			if m, ok := s.(map[string]any); ok {
				specs = append(specs, m)
			}
		}
	}
	return specs, azs
}

func subnetID(vpc, spec string, az int) string {
	return fmt.Sprintf("subnet-%s-%s-%d", vpc, strings.ToLower(spec), az+1)
}

func vpcOutputs(r Resource, region, account string) resource.PropertyMap {
	specs, azs := vpcSubnets(r)
	byType := map[string][]resource.PropertyValue{}
	for _, spec := range specs {
		typ := strings.ToLower(fmt.Sprint(spec["type"]))
		for i := range azs {
			byType[typ] = append(byType[typ], resource.NewStringProperty(subnetID(r.Name, fmt.Sprint(spec["name"]), i)))
		}
	}
	arr := func(typ string) resource.PropertyValue { return resource.NewArrayProperty(byType[typ]) }
	return resource.PropertyMap{
		"vpcId":             resource.NewStringProperty("vpc-" + r.Name),
		"publicSubnetIds":   arr("public"),
		"privateSubnetIds":  arr("private"),
		"isolatedSubnetIds": arr("isolated"),
	}
}

var defaultInvokes = map[string]InvokeFunc{
	"aws:ec2/getSubnets:getSubnets": getSubnets,
	"aws:ec2/getNetworkAcls:getNetworkAcls": func(_ *Mocks, args resource.PropertyMap, _ string) (resource.PropertyMap, error) {
		return idsOf("acl-default-" + fmt.Sprint(plain(args["vpcId"]))), nil
	},
	// Each subnet of the awsx Vpc mock has its own route table.
	"aws:ec2/getRouteTable:getRouteTable": func(_ *Mocks, args resource.PropertyMap, _ string) (resource.PropertyMap, error) {
		subnet := fmt.Sprint(plain(args["subnetId"]))
		id := "rtb-" + strings.TrimPrefix(subnet, "subnet-")
		return resource.PropertyMap{"id": resource.NewStringProperty(id), "routeTableId": resource.NewStringProperty(id),
			"subnetId": resource.NewStringProperty(subnet)}, nil
	},
	"aws:ec2/getRouteTables:getRouteTables": func(_ *Mocks, args resource.PropertyMap, _ string) (resource.PropertyMap, error) {
		vpc := fmt.Sprint(plain(args["vpcId"]))
		return idsOf("rtb-main-"+vpc, "rtb-public-"+vpc, "rtb-private-1-"+vpc, "rtb-private-2-"+vpc, "rtb-private-3-"+vpc), nil
	},
	// Zones outside the stack (the parent zone another account owns) exist, as the model says.
	"aws:route53/getZone:getZone": func(m *Mocks, args resource.PropertyMap, provider string) (resource.PropertyMap, error) {
		_, account := m.providerScope(provider)
		return awsmodel.GetExternalZone(account, args)
	},
}

func idsOf(ids ...string) resource.PropertyMap {
	vals := make([]resource.PropertyValue, len(ids))
	for i, id := range ids {
		vals[i] = resource.NewStringProperty(id)
	}
	return resource.PropertyMap{"ids": resource.NewArrayProperty(vals), "id": resource.NewStringProperty(region0)}
}

// getSubnets answers the subnet lookup the network component makes: filters on vpc-id and on
// the subnet-role tag, answered from the recorded awsx Vpc's specs.
func getSubnets(m *Mocks, args resource.PropertyMap, _ string) (resource.PropertyMap, error) {
	filters := map[string]string{}
	if list, ok := plain(args["filters"]).([]any); ok {
		for _, f := range list {
			fm, _ := f.(map[string]any)
			vals, _ := fm["values"].([]any)
			if len(vals) == 1 {
				filters[fmt.Sprint(fm["name"])] = fmt.Sprint(vals[0])
			}
		}
	}
	var ids []string
	for _, vpc := range m.ByType("awsx:ec2:Vpc") {
		if filters["vpc-id"] != "vpc-"+vpc.Name {
			continue
		}
		specs, azs := vpcSubnets(vpc)
		for _, spec := range specs {
			tags, _ := spec["tags"].(map[string]any)
			if fmt.Sprint(tags[SubnetRoleTag]) != filters["tag:"+SubnetRoleTag] {
				continue
			}
			for i, az := range azs {
				if want, ok := filters["availability-zone"]; ok && want != az {
					continue
				}
				ids = append(ids, subnetID(vpc.Name, fmt.Sprint(spec["name"]), i))
			}
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("pulumimock: getSubnets matched no subnet for filters %v", filters)
	}
	sort.Strings(ids)
	return idsOf(ids...), nil
}

const region0 = "ca-central-1"
