package awsmodel

import "strings"

// SSM Parameter Store: parameters.
func init() {
	outputFuncs["aws:ssm/parameter:Parameter"] = func(o *Object) {
		o.set("arn", o.arn("ssm", "parameter/"+strings.TrimPrefix(o.name(), "/")))
		o.set("version", 1)
		o.def("tier", "Standard")
	}
}
