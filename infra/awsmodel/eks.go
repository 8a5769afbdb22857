package awsmodel

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// EKS: the cluster, its node groups, add-ons, access entries and pod identities.
func init() {
	outputFuncs["aws:eks/cluster:Cluster"] = func(o *Object) {
		name, oidc := o.name(), strings.ToUpper(o.hex("oidc", 32))
		o.set("arn", o.arn("eks", "cluster/"+name))
		o.set("endpoint", fmt.Sprintf("https://%s.gr7.%s.eks.amazonaws.com", oidc, o.Region))
		o.set("certificateAuthority", map[string]any{"data": base64.StdEncoding.EncodeToString([]byte(
			"-----BEGIN CERTIFICATE-----\nCLOUDSIM SIMULATED CLUSTER CA FOR " + name + " - NOT A REAL CERTIFICATE\n-----END CERTIFICATE-----\n"))})
		o.set("identities", []any{map[string]any{"oidcs": []any{map[string]any{
			"issuer": fmt.Sprintf("https://oidc.eks.%s.amazonaws.com/id/%s", o.Region, oidc)}}}})
		o.set("clusterId", o.uuid("cluster"))
		o.set("platformVersion", "eks.1")
		o.set("status", "ACTIVE")
		o.set("createdAt", "2026-01-01T00:00:00Z")
		o.def("version", "1.33")
		vpc := map[string]any{}
		if m, ok := o.in("vpcConfig").(map[string]any); ok {
			vpc = m
		}
		vpc["clusterSecurityGroupId"] = "sg-" + o.hex("clustersg", 17)
		if subnets := Strs(vpc["subnetIds"]); len(subnets) > 0 {
			vpc["vpcId"] = o.lookupOut("aws:ec2/subnet:Subnet", subnets[0], "vpcId")
		}
		if o.In["vpcConfig"].ContainsUnknowns() {
			o.set("vpcConfig", resource.MakeComputed(resource.NewStringProperty("")))
		} else {
			o.set("vpcConfig", vpc)
		}
		o.def("kubernetesNetworkConfig", map[string]any{"serviceIpv4Cidr": "172.20.0.0/16", "ipFamily": "ipv4"})
	}
	outputFuncs["aws:eks/nodeGroup:NodeGroup"] = func(o *Object) {
		cluster, ng := o.str("clusterName"), o.name()
		id := o.uuid("ng")
		o.set("arn", o.arn("eks", fmt.Sprintf("nodegroup/%s/%s/%s", cluster, ng, id)))
		o.set("resources", []any{map[string]any{
			"autoscalingGroups":           []any{map[string]any{"name": "eks-" + ng + "-" + id}},
			"remoteAccessSecurityGroupId": "",
		}})
		o.set("status", "ACTIVE")
		o.def("amiType", "AL2023_x86_64_STANDARD")
		o.def("capacityType", "ON_DEMAND")
		o.def("releaseVersion", "1.33.0-20260101")
		if o.str("version") == "" {
			o.set("version", o.lookupOut("aws:eks/cluster:Cluster", cluster, "version"))
		}
	}
	idFuncs["aws:eks/nodeGroup:NodeGroup"] = func(o *Object) string { return o.str("clusterName") + ":" + o.name() }
	outputFuncs["aws:eks/addon:Addon"] = func(o *Object) {
		o.set("arn", o.arn("eks", fmt.Sprintf("addon/%s/%s/%s", o.str("clusterName"), o.str("addonName"), o.uuid("addon"))))
		o.def("addonVersion", "v1.0.0-eksbuild.1")
	}
	idFuncs["aws:eks/addon:Addon"] = func(o *Object) string { return o.str("clusterName") + ":" + o.str("addonName") }
	outputFuncs["aws:eks/accessEntry:AccessEntry"] = func(o *Object) {
		o.set("accessEntryArn", o.arn("eks", fmt.Sprintf("access-entry/%s/role/%s/%s", o.str("clusterName"), o.Account, o.uuid("ae"))))
		o.def("type", "STANDARD")
		o.def("kubernetesGroups", []string{})
	}
	idFuncs["aws:eks/accessEntry:AccessEntry"] = func(o *Object) string { return o.str("clusterName") + ":" + o.str("principalArn") }
	idFuncs["aws:eks/accessPolicyAssociation:AccessPolicyAssociation"] = func(o *Object) string {
		return o.str("clusterName") + "#" + o.str("principalArn") + "#" + o.str("policyArn")
	}
	outputFuncs["aws:eks/podIdentityAssociation:PodIdentityAssociation"] = func(o *Object) {
		o.set("associationId", "a-"+o.hex("pia", 17))
		o.set("associationArn", o.arn("eks", fmt.Sprintf("podidentityassociation/%s/a-%s", o.str("clusterName"), o.hex("pia", 17))))
	}
}
