package awsmodel

// GuardDuty: the detector, its features and the S3 malware protection plan.
func init() {
	outputFuncs["aws:guardduty/detector:Detector"] = func(o *Object) {
		o.set("accountId", o.Account)
		o.set("arn", o.arn("guardduty", "detector/"+o.ID))
		o.def("enable", true)
	}
	idFuncs["aws:guardduty/detector:Detector"] = func(o *Object) string { return o.hex("detector", 32) }
	idFuncs["aws:guardduty/detectorFeature:DetectorFeature"] = func(o *Object) string { return o.str("detectorId") + "/" + o.str("name") }
	outputFuncs["aws:guardduty/malwareProtectionPlan:MalwareProtectionPlan"] = func(o *Object) {
		o.set("arn", o.arn("guardduty", "malware-protection-plan/"+o.ID))
		o.set("status", "ACTIVE")
		o.set("createdAt", "2026-01-01T00:00:00Z")
	}
	idFuncs["aws:guardduty/malwareProtectionPlan:MalwareProtectionPlan"] = func(o *Object) string { return o.hex("plan", 20) }

}
