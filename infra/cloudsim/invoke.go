package cloudsim

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// invokeFunc answers a data source from the simulated state of the calling provider's account
// and region.
type invokeFunc func(v *scopeView, args resource.PropertyMap) (resource.PropertyMap, error)

// invokeFuncs are the data sources the simulation answers; any other fails naming its token.
// Add one with an init function in the file of its service:
//
//	func init() { invokeFuncs["aws:foo/getBar:getBar"] = func(v *scopeView, args resource.PropertyMap) (resource.PropertyMap, error) {...} }
var invokeFuncs = map[string]invokeFunc{
	"aws:ec2/getSubnets:getSubnets":         getSubnets,
	"aws:ec2/getNetworkAcls:getNetworkAcls": getNetworkAcls,
	"aws:ec2/getRouteTables:getRouteTables": getRouteTables,
	"aws:index/getAvailabilityZones:getAvailabilityZones": func(v *scopeView, _ resource.PropertyMap) (resource.PropertyMap, error) {
		var ids []string
		for _, z := range zones(v.region) {
			ids = append(ids, zoneID(z))
		}
		return resource.PropertyMap{"id": value(v.region), "names": value(zones(v.region)), "zoneIds": value(ids),
			"groupNames": value([]string{v.region})}, nil
	},
	"aws:index/getCallerIdentity:getCallerIdentity": func(v *scopeView, _ resource.PropertyMap) (resource.PropertyMap, error) {
		return resource.PropertyMap{"id": value(v.account), "accountId": value(v.account),
			"arn": value("arn:aws:sts::" + v.account + ":assumed-role/cloudsim-simulated/cloudsim"), "userId": value("AROACLOUDSIMSIMULATED:cloudsim")}, nil
	},
	"aws:index/getRegion:getRegion": func(v *scopeView, _ resource.PropertyMap) (resource.PropertyMap, error) {
		return resource.PropertyMap{"id": value(v.region), "name": value(v.region), "region": value(v.region),
			"endpoint": value("ec2." + v.region + ".amazonaws.com"), "description": value("cloudsim simulated " + v.region)}, nil
	},
	"aws:index/getPartition:getPartition": func(*scopeView, resource.PropertyMap) (resource.PropertyMap, error) {
		return resource.PropertyMap{"id": value("aws"), "partition": value("aws"), "dnsSuffix": value("amazonaws.com"),
			"reverseDnsPrefix": value("com.amazonaws")}, nil
	},
}

// filterSet reads EC2 data source filters: name -> accepted values.
func filterSet(args resource.PropertyMap) map[string][]string {
	out := map[string][]string{}
	list, _ := plain(args["filters"]).([]any)
	for _, f := range list {
		m, _ := f.(map[string]any)
		name, _ := m["name"].(string)
		out[name] = append(out[name], strs(m["values"])...)
	}
	for k, v := range stringMap(plain(args["tags"])) {
		out["tag:"+k] = append(out["tag:"+k], v)
	}
	return out
}

func anyOf(v string, accepted []string) bool {
	for _, a := range accepted {
		if a == v || a == "*" {
			return true
		}
	}
	return false
}

// matches applies EC2 filters to a resource's outputs; fields maps filter names to outputs.
func matches(out map[string]any, filters map[string][]string, fields map[string]string) (bool, error) {
	tags := stringMap(out["tagsAll"])
	for k, v := range stringMap(out["tags"]) {
		tags[k] = v
	}
	for name, values := range filters {
		switch {
		case strings.HasPrefix(name, "tag:"):
			t, ok := tags[strings.TrimPrefix(name, "tag:")]
			if !ok || !anyOf(t, values) {
				return false, nil
			}
		case name == "tag-key":
			found := false
			for _, v := range values {
				_, ok := tags[v]
				found = found || ok
			}
			if !found {
				return false, nil
			}
		case fields[name] != "":
			if !anyOf(fmt.Sprint(out[fields[name]]), values) {
				return false, nil
			}
		default:
			return false, fmt.Errorf("filter %q is not simulated (known: tag:<key>, tag-key, %s)", name, keys(fields))
		}
	}
	return true, nil
}

func keys(m map[string]string) string {
	return strings.Join(slices.Sorted(maps.Keys(m)), ", ")
}

func idsResult(v *scopeView, ids []string) resource.PropertyMap {
	if ids == nil {
		ids = []string{}
	}
	return resource.PropertyMap{"id": value(v.region), "ids": value(ids)}
}

func getSubnets(v *scopeView, args resource.PropertyMap) (resource.PropertyMap, error) {
	filters := filterSet(args)
	fields := map[string]string{"vpc-id": "vpcId", "availability-zone": "availabilityZone", "subnet-id": "id",
		"cidr-block": "cidrBlock", "availability-zone-id": "availabilityZoneId"}
	type hit struct{ id, az, cidr string }
	var hits []hit
	for _, r := range v.all("aws:ec2/subnet:Subnet") {
		out := plainMap(r.outputs())
		out["id"] = r.ID
		ok, err := matches(out, filters, fields)
		if err != nil {
			return nil, err
		}
		if ok {
			hits = append(hits, hit{r.ID, fmt.Sprint(out["availabilityZone"]), fmt.Sprint(out["cidrBlock"])})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].az != hits[j].az {
			return hits[i].az < hits[j].az
		}
		return hits[i].cidr < hits[j].cidr
	})
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.id)
	}
	return idsResult(v, ids), nil
}

// vpcDefaults returns the VPCs the lookup covers (one when vpcId is given).
func vpcDefaults(v *scopeView, vpcID string) []*record {
	var out []*record
	for _, r := range v.all("aws:ec2/vpc:Vpc") {
		if vpcID == "" || r.ID == vpcID {
			out = append(out, r)
		}
	}
	return out
}

func getNetworkAcls(v *scopeView, args resource.PropertyMap) (resource.PropertyMap, error) {
	return defaultOrOwn(v, args, "default", "defaultNetworkAclId", "aws:ec2/networkAcl:NetworkAcl")
}

func getRouteTables(v *scopeView, args resource.PropertyMap) (resource.PropertyMap, error) {
	return defaultOrOwn(v, args, "association.main", "mainRouteTableId", "aws:ec2/routeTable:RouteTable")
}

// defaultOrOwn answers the EC2 lookups that list both what a VPC made itself (its default
// network ACL, its main route table: the VPC's output defaultOutput) and the resources of
// ownType created in it. The filter isDefault (default, association.main) picks one of the two.
func defaultOrOwn(v *scopeView, args resource.PropertyMap, isDefault, defaultOutput, ownType string) (resource.PropertyMap, error) {
	vpcID, filters := str(args, "vpcId"), filterSet(args)
	want, only := filters[isDefault]
	delete(filters, isDefault)
	byVpc := map[string]string{"vpc-id": "vpcId"}
	var ids []string
	for _, vpc := range vpcDefaults(v, vpcID) {
		if ok, err := matches(map[string]any{"vpcId": vpc.ID}, filters, byVpc); err != nil {
			return nil, err
		} else if ok && (!only || anyOf("true", want)) {
			ids = append(ids, fmt.Sprint(plain(vpc.outputs()[resource.PropertyKey(defaultOutput)])))
		}
	}
	if !only || anyOf("false", want) {
		for _, r := range v.all(ownType) {
			out := plainMap(r.outputs())
			if vpcID != "" && out["vpcId"] != vpcID {
				continue
			}
			if ok, err := matches(out, filters, byVpc); err != nil {
				return nil, err
			} else if ok {
				ids = append(ids, r.ID)
			}
		}
	}
	return idsResult(v, ids), nil
}

// getRouteTable finds one route table: by its id, or by the subnet associated with it (AWS's
// association.subnet-id filter), or by its VPC and tags; AWS refuses a lookup that matches none
// or several.
func getRouteTable(v *scopeView, args resource.PropertyMap) (resource.PropertyMap, error) {
	subnet, id, vpcID := str(args, "subnetId"), str(args, "routeTableId"), str(args, "vpcId")
	if subnet != "" {
		for _, a := range v.all("aws:ec2/routeTableAssociation:RouteTableAssociation") {
			out := plainMap(a.outputs())
			if fmt.Sprint(out["subnetId"]) == subnet {
				id = fmt.Sprint(out["routeTableId"])
			}
		}
		if id == "" {
			return nil, fmt.Errorf("query returned no results. Please change your search criteria and try again (no route table is associated with subnet %s)", subnet)
		}
	}
	filters := filterSet(args)
	var hits []*record
	for _, r := range v.all("aws:ec2/routeTable:RouteTable") {
		out := plainMap(r.outputs())
		if id != "" && r.ID != id || vpcID != "" && out["vpcId"] != vpcID {
			continue
		}
		ok, err := matches(out, filters, map[string]string{"vpc-id": "vpcId", "route-table-id": "id"})
		if err != nil {
			return nil, err
		}
		if ok {
			hits = append(hits, r)
		}
	}
	switch len(hits) {
	case 0:
		return nil, fmt.Errorf("query returned no results. Please change your search criteria and try again")
	case 1:
	default:
		return nil, fmt.Errorf("multiple Route Tables matched; use additional constraints to reduce matches to a single Route Table")
	}
	out := hits[0].outputs().Copy()
	out["id"], out["routeTableId"] = value(hits[0].ID), value(hits[0].ID)
	if subnet != "" {
		out["subnetId"] = value(subnet)
	}
	return out, nil
}

func init() { invokeFuncs["aws:ec2/getRouteTable:getRouteTable"] = getRouteTable }
