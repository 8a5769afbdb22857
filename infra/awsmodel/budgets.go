package awsmodel

// Budgets and Security Hub: account-level services.
func init() {
	outputFuncs["aws:budgets/budget:Budget"] = func(o *Object) {
		o.set("arn", o.globalArn("budgets", "budget/"+o.name()))
		o.def("accountId", o.Account)
	}
	idFuncs["aws:budgets/budget:Budget"] = func(o *Object) string { return o.Account + ":" + o.name() }

	outputFuncs["aws:securityhub/account:Account"] = func(o *Object) {
		o.set("arn", o.arn("securityhub", "hub/default"))
	}
	idFuncs["aws:securityhub/account:Account"] = func(o *Object) string { return o.Account }
}
