package awsmodel

import (
	"fmt"
	"strings"
)

// Lambda: functions, aliases, permissions and event source mappings.
func init() {
	outputFuncs["aws:lambda/function:Function"] = func(o *Object) {
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
	outputFuncs["aws:lambda/alias:Alias"] = func(o *Object) {
		fn := o.str("functionName")
		if !strings.HasPrefix(fn, "arn:") {
			fn = o.arn("lambda", "function:"+fn)
		}
		o.set("arn", fn+":"+o.name())
		o.set("invokeArn", fmt.Sprintf("arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s:%s/invocations", o.Region, fn, o.name()))
	}
	idFuncs["aws:lambda/permission:Permission"] = func(o *Object) string {
		if s := o.str("statementId"); s != "" {
			return s
		}
		return "terraform-" + HashDigits(o.Seed, 26)
	}
	outputFuncs["aws:lambda/eventSourceMapping:EventSourceMapping"] = func(o *Object) {
		o.set("uuid", o.ID)
		o.set("functionArn", o.arn("lambda", "function:"+strings.TrimPrefix(o.str("functionName"), o.arn("lambda", "function:"))))
		o.set("state", "Enabled")
		o.set("arn", o.arn("lambda", "event-source-mapping:"+o.ID))
	}
	idFuncs["aws:lambda/eventSourceMapping:EventSourceMapping"] = func(o *Object) string { return o.uuid("esm") }

}
