package awsmodel

// Secrets Manager: secrets (ARNs end in a random 6-character suffix), versions and policies.
func init() {
	outputFuncs["aws:secretsmanager/secret:Secret"] = func(o *Object) {
		o.set("arn", o.arn("secretsmanager", "secret:"+o.name()+"-"+alnum(o.hex("suffix", 12), 6)))
		o.def("recoveryWindowInDays", 30)
	}
	outputFuncs["aws:secretsmanager/secretVersion:SecretVersion"] = func(o *Object) {
		o.set("arn", o.str("secretId"))
		o.set("versionId", o.uuid("version"))
		o.def("versionStages", []string{"AWSCURRENT"})
	}
	idFuncs["aws:secretsmanager/secretVersion:SecretVersion"] = func(o *Object) string {
		return o.str("secretId") + "|" + o.uuid("version")
	}
	idFuncs["aws:secretsmanager/secretPolicy:SecretPolicy"] = func(o *Object) string { return o.str("secretArn") }

}
