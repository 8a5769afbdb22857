package awsmodel

import "strings"

// IAM: roles, policies, users, instance profiles and OIDC providers; ARNs are global.
func init() {
	iamPath := func(o *Object) string {
		p := o.str("path")
		if p == "" {
			p = "/"
		}
		return p
	}
	outputFuncs["aws:iam/role:Role"] = func(o *Object) {
		o.set("arn", o.globalArn("iam", "role"+iamPath(o)+o.name()))
		o.set("uniqueId", "AROA"+o.upper("uid", 17))
		o.set("createDate", "2026-01-01T00:00:00Z")
		o.def("path", "/")
		o.def("maxSessionDuration", 3600)
		o.def("forceDetachPolicies", false)
	}
	outputFuncs["aws:iam/policy:Policy"] = func(o *Object) {
		o.set("arn", o.globalArn("iam", "policy"+iamPath(o)+o.name()))
		o.set("policyId", "ANPA"+o.upper("pid", 17))
		o.set("attachmentCount", 0)
		o.def("path", "/")
	}
	outputFuncs["aws:iam/user:User"] = func(o *Object) {
		o.set("arn", o.globalArn("iam", "user"+iamPath(o)+o.name()))
		o.set("uniqueId", "AIDA"+o.upper("uid", 17))
	}
	outputFuncs["aws:iam/instanceProfile:InstanceProfile"] = func(o *Object) {
		o.set("arn", o.globalArn("iam", "instance-profile"+iamPath(o)+o.name()))
		o.set("uniqueId", "AIPA"+o.upper("uid", 17))
	}
	outputFuncs["aws:iam/openIdConnectProvider:OpenIdConnectProvider"] = func(o *Object) {
		o.set("arn", o.globalArn("iam", "oidc-provider/"+strings.TrimPrefix(o.str("url"), "https://")))
	}
	outputFuncs["aws:iam/serviceLinkedRole:ServiceLinkedRole"] = func(o *Object) {
		svc := o.str("awsServiceName")
		name := "AWSServiceRoleFor" + strings.Title(strings.Split(svc, ".")[0]) //nolint:staticcheck // ASCII names
		o.set("name", name)
		o.set("arn", o.globalArn("iam", "role/aws-service-role/"+svc+"/"+name))
		o.set("uniqueId", "AROA"+o.upper("uid", 17))
	}
	idFuncs["aws:iam/rolePolicy:RolePolicy"] = func(o *Object) string { return o.str("role") + ":" + o.name() }
	idFuncs["aws:iam/rolePolicyAttachment:RolePolicyAttachment"] = func(o *Object) string {
		return o.str("role") + "-" + HashDigits(o.Seed, 26)
	}

}
