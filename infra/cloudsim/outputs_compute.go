package cloudsim

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Computed outputs of EKS, IAM, Lambda, ECR and CloudWatch.
func init() {
	outputFuncs["aws:eks/cluster:Cluster"] = func(o *object) {
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
		if subnets := strs(vpc["subnetIds"]); len(subnets) > 0 {
			vpc["vpcId"] = o.state.lookupOut("aws:ec2/subnet:Subnet", subnets[0], "vpcId")
		}
		if o.In["vpcConfig"].ContainsUnknowns() {
			o.set("vpcConfig", resource.MakeComputed(resource.NewStringProperty("")))
		} else {
			o.set("vpcConfig", vpc)
		}
		o.def("kubernetesNetworkConfig", map[string]any{"serviceIpv4Cidr": "172.20.0.0/16", "ipFamily": "ipv4"})
	}
	outputFuncs["aws:eks/nodeGroup:NodeGroup"] = func(o *object) {
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
			o.set("version", o.state.lookupOut("aws:eks/cluster:Cluster", cluster, "version"))
		}
	}
	idFuncs["aws:eks/nodeGroup:NodeGroup"] = func(o *object) string { return o.str("clusterName") + ":" + o.name() }
	outputFuncs["aws:eks/addon:Addon"] = func(o *object) {
		o.set("arn", o.arn("eks", fmt.Sprintf("addon/%s/%s/%s", o.str("clusterName"), o.str("addonName"), o.uuid("addon"))))
		o.def("addonVersion", "v1.0.0-eksbuild.1")
	}
	idFuncs["aws:eks/addon:Addon"] = func(o *object) string { return o.str("clusterName") + ":" + o.str("addonName") }
	outputFuncs["aws:eks/accessEntry:AccessEntry"] = func(o *object) {
		o.set("accessEntryArn", o.arn("eks", fmt.Sprintf("access-entry/%s/role/%s/%s", o.str("clusterName"), o.Account, o.uuid("ae"))))
		o.def("type", "STANDARD")
		o.def("kubernetesGroups", []string{})
	}
	idFuncs["aws:eks/accessEntry:AccessEntry"] = func(o *object) string { return o.str("clusterName") + ":" + o.str("principalArn") }
	idFuncs["aws:eks/accessPolicyAssociation:AccessPolicyAssociation"] = func(o *object) string {
		return o.str("clusterName") + "#" + o.str("principalArn") + "#" + o.str("policyArn")
	}
	outputFuncs["aws:eks/podIdentityAssociation:PodIdentityAssociation"] = func(o *object) {
		o.set("associationId", "a-"+o.hex("pia", 17))
		o.set("associationArn", o.arn("eks", fmt.Sprintf("podidentityassociation/%s/a-%s", o.str("clusterName"), o.hex("pia", 17))))
	}

	iamPath := func(o *object) string {
		p := o.str("path")
		if p == "" {
			p = "/"
		}
		return p
	}
	outputFuncs["aws:iam/role:Role"] = func(o *object) {
		o.set("arn", o.globalArn("iam", "role"+iamPath(o)+o.name()))
		o.set("uniqueId", "AROA"+o.upper("uid", 17))
		o.set("createDate", "2026-01-01T00:00:00Z")
		o.def("path", "/")
		o.def("maxSessionDuration", 3600)
		o.def("forceDetachPolicies", false)
	}
	outputFuncs["aws:iam/policy:Policy"] = func(o *object) {
		o.set("arn", o.globalArn("iam", "policy"+iamPath(o)+o.name()))
		o.set("policyId", "ANPA"+o.upper("pid", 17))
		o.set("attachmentCount", 0)
		o.def("path", "/")
	}
	outputFuncs["aws:iam/user:User"] = func(o *object) {
		o.set("arn", o.globalArn("iam", "user"+iamPath(o)+o.name()))
		o.set("uniqueId", "AIDA"+o.upper("uid", 17))
	}
	outputFuncs["aws:iam/instanceProfile:InstanceProfile"] = func(o *object) {
		o.set("arn", o.globalArn("iam", "instance-profile"+iamPath(o)+o.name()))
		o.set("uniqueId", "AIPA"+o.upper("uid", 17))
	}
	outputFuncs["aws:iam/openIdConnectProvider:OpenIdConnectProvider"] = func(o *object) {
		o.set("arn", o.globalArn("iam", "oidc-provider/"+strings.TrimPrefix(o.str("url"), "https://")))
	}
	outputFuncs["aws:iam/serviceLinkedRole:ServiceLinkedRole"] = func(o *object) {
		svc := o.str("awsServiceName")
		name := "AWSServiceRoleFor" + strings.Title(strings.Split(svc, ".")[0]) //nolint:staticcheck // ASCII names
		o.set("name", name)
		o.set("arn", o.globalArn("iam", "role/aws-service-role/"+svc+"/"+name))
		o.set("uniqueId", "AROA"+o.upper("uid", 17))
	}
	idFuncs["aws:iam/rolePolicy:RolePolicy"] = func(o *object) string { return o.str("role") + ":" + o.name() }
	idFuncs["aws:iam/rolePolicyAttachment:RolePolicyAttachment"] = func(o *object) string {
		return o.str("role") + "-" + hashDigits(o.Seed, 26)
	}

	outputFuncs["aws:lambda/function:Function"] = func(o *object) {
		arn := o.arn("lambda", "function:"+o.name())
		o.set("arn", arn)
		o.set("invokeArn", fmt.Sprintf("arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s/invocations", o.Region, arn))
		o.set("qualifiedArn", arn+":$LATEST")
		o.set("qualifiedInvokeArn", fmt.Sprintf("arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s:$LATEST/invocations", o.Region, arn))
		o.set("version", "$LATEST")
		o.set("lastModified", "2026-01-01T00:00:00.000+0000")
		o.set("sourceCodeSize", 0)
		o.def("memorySize", 128)
		o.def("timeout", 3)
		o.def("packageType", "Zip")
		o.def("architectures", []string{"x86_64"})
	}
	outputFuncs["aws:lambda/alias:Alias"] = func(o *object) {
		fn := o.str("functionName")
		if !strings.HasPrefix(fn, "arn:") {
			fn = o.arn("lambda", "function:"+fn)
		}
		o.set("arn", fn+":"+o.name())
		o.set("invokeArn", fmt.Sprintf("arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s:%s/invocations", o.Region, fn, o.name()))
	}
	idFuncs["aws:lambda/permission:Permission"] = func(o *object) string {
		if s := o.str("statementId"); s != "" {
			return s
		}
		return "terraform-" + hashDigits(o.Seed, 26)
	}
	outputFuncs["aws:lambda/eventSourceMapping:EventSourceMapping"] = func(o *object) {
		o.set("uuid", o.ID)
		o.set("functionArn", o.arn("lambda", "function:"+strings.TrimPrefix(o.str("functionName"), o.arn("lambda", "function:"))))
		o.set("state", "Enabled")
		o.set("arn", o.arn("lambda", "event-source-mapping:"+o.ID))
	}
	idFuncs["aws:lambda/eventSourceMapping:EventSourceMapping"] = func(o *object) string { return o.uuid("esm") }

	outputFuncs["aws:ecr/repository:Repository"] = func(o *object) {
		o.set("arn", o.arn("ecr", "repository/"+o.name()))
		o.set("registryId", o.Account)
		o.set("repositoryUrl", fmt.Sprintf("%s.dkr.ecr.%s.amazonaws.com/%s", o.Account, o.Region, o.name()))
		o.def("imageTagMutability", "MUTABLE")
	}
	for _, t := range []string{"aws:ecr/lifecyclePolicy:LifecyclePolicy", "aws:ecr/repositoryPolicy:RepositoryPolicy"} {
		idFuncs[t] = func(o *object) string { return o.str("repository") }
		outputFuncs[t] = func(o *object) { o.set("registryId", o.Account) }
	}

	outputFuncs["aws:cloudwatch/logGroup:LogGroup"] = func(o *object) {
		o.set("arn", o.arn("logs", "log-group:"+o.name()))
		o.def("logGroupClass", "STANDARD")
		o.def("retentionInDays", 0)
		o.def("skipDestroy", false)
	}
	outputFuncs["aws:cloudwatch/metricAlarm:MetricAlarm"] = func(o *object) {
		o.set("arn", o.arn("cloudwatch", "alarm:"+o.name()))
		o.def("actionsEnabled", true)
		o.def("treatMissingData", "missing")
	}
	outputFuncs["aws:cloudwatch/compositeAlarm:CompositeAlarm"] = func(o *object) {
		o.set("arn", o.arn("cloudwatch", "alarm:"+o.str("alarmName")))
	}
	idFuncs["aws:cloudwatch/compositeAlarm:CompositeAlarm"] = func(o *object) string { return o.str("alarmName") }
	outputFuncs["aws:cloudwatch/dashboard:Dashboard"] = func(o *object) {
		o.set("dashboardArn", o.globalArn("cloudwatch", "dashboard/"+o.str("dashboardName")))
	}
	idFuncs["aws:cloudwatch/dashboard:Dashboard"] = func(o *object) string { return o.str("dashboardName") }
	idFuncs["aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter"] = func(o *object) string {
		return "cwlsf-" + hashDigits(o.Seed, 10)
	}
	outputFuncs["aws:cloudwatch/eventRule:EventRule"] = func(o *object) {
		o.set("arn", o.arn("events", "rule/"+o.name()))
		o.def("eventBusName", "default")
	}
	outputFuncs["aws:cloudwatch/eventTarget:EventTarget"] = func(o *object) {
		o.def("targetId", "terraform-"+hashDigits(o.Seed, 26))
	}
	idFuncs["aws:cloudwatch/eventTarget:EventTarget"] = func(o *object) string {
		t := o.str("targetId")
		if t == "" {
			t = "terraform-" + hashDigits(o.Seed, 26)
		}
		return o.str("rule") + "-" + t
	}
}

// hashDigits returns n decimal digits derived from a seed.
func hashDigits(seed string, n int) string {
	h := hashHex(seed+"digits", n)
	out := make([]byte, n)
	for i := range out {
		out[i] = '0' + h[i]%10
	}
	return string(out)
}
