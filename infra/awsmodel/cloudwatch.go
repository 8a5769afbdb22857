package awsmodel

// CloudWatch: log groups, alarms, dashboards, subscription filters and EventBridge rules.
func init() {
	outputFuncs["aws:cloudwatch/logGroup:LogGroup"] = func(o *Object) {
		o.set("arn", o.arn("logs", "log-group:"+o.name()))
		o.def("logGroupClass", "STANDARD")
		o.def("retentionInDays", 0)
		o.def("skipDestroy", false)
	}
	outputFuncs["aws:cloudwatch/metricAlarm:MetricAlarm"] = func(o *Object) {
		o.set("arn", o.arn("cloudwatch", "alarm:"+o.name()))
		o.def("actionsEnabled", true)
		o.def("treatMissingData", "missing")
	}
	outputFuncs["aws:cloudwatch/compositeAlarm:CompositeAlarm"] = func(o *Object) {
		o.set("arn", o.arn("cloudwatch", "alarm:"+o.str("alarmName")))
	}
	idFuncs["aws:cloudwatch/compositeAlarm:CompositeAlarm"] = func(o *Object) string { return o.str("alarmName") }
	outputFuncs["aws:cloudwatch/dashboard:Dashboard"] = func(o *Object) {
		o.set("dashboardArn", o.globalArn("cloudwatch", "dashboard/"+o.str("dashboardName")))
	}
	idFuncs["aws:cloudwatch/dashboard:Dashboard"] = func(o *Object) string { return o.str("dashboardName") }
	idFuncs["aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter"] = func(o *Object) string {
		return "cwlsf-" + HashDigits(o.Seed, 10)
	}
	outputFuncs["aws:cloudwatch/eventRule:EventRule"] = func(o *Object) {
		o.set("arn", o.arn("events", "rule/"+o.name()))
		o.def("eventBusName", "default")
	}
	outputFuncs["aws:cloudwatch/eventTarget:EventTarget"] = func(o *Object) {
		o.def("targetId", "terraform-"+HashDigits(o.Seed, 26))
	}
	idFuncs["aws:cloudwatch/eventTarget:EventTarget"] = func(o *Object) string {
		t := o.str("targetId")
		if t == "" {
			t = "terraform-" + HashDigits(o.Seed, 26)
		}
		return o.str("rule") + "-" + t
	}
}
