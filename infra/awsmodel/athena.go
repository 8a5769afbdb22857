package awsmodel

// Athena: the support team's work group, database and saved queries.
func init() {
	outputFuncs["aws:athena/workgroup:Workgroup"] = func(o *Object) {
		o.set("arn", o.arn("athena", "workgroup/"+o.name()))
		o.def("state", "ENABLED")
		o.def("forceDestroy", false)
	}
	idFuncs["aws:athena/workgroup:Workgroup"] = func(o *Object) string { return o.name() }
	idFuncs["aws:athena/database:Database"] = func(o *Object) string { return o.name() }
	idFuncs["aws:athena/namedQuery:NamedQuery"] = func(o *Object) string { return o.uuid("query") }
	outputFuncs["aws:athena/namedQuery:NamedQuery"] = func(o *Object) { o.def("workgroup", "primary") }
}
