package awsmodel

// Pinpoint and End User Messaging SMS: the app, configuration sets, opt-out lists, phone numbers.
func init() {
	outputFuncs["aws:pinpoint/app:App"] = func(o *Object) {
		o.set("applicationId", o.ID)
		o.set("arn", o.arn("mobiletargeting", "apps/"+o.ID))
	}
	idFuncs["aws:pinpoint/app:App"] = func(o *Object) string { return o.hex("app", 32) }
	outputFuncs["aws:pinpoint/smsvoicev2ConfigurationSet:Smsvoicev2ConfigurationSet"] = func(o *Object) {
		o.set("arn", o.arn("sms-voice", "configuration-set/"+o.name()))
	}
	outputFuncs["aws:pinpoint/smsvoicev2OptOutList:Smsvoicev2OptOutList"] = func(o *Object) {
		o.set("arn", o.arn("sms-voice", "opt-out-list/"+o.name()))
	}
	outputFuncs["aws:pinpoint/smsvoicev2PhoneNumber:Smsvoicev2PhoneNumber"] = func(o *Object) {
		o.set("arn", o.arn("sms-voice", "phone-number/"+o.ID))
		o.set("phoneNumber", "+1555"+HashDigits(o.Seed, 7))
		o.set("monthlyLeasingPrice", "1.00")
	}
	idFuncs["aws:pinpoint/smsvoicev2PhoneNumber:Smsvoicev2PhoneNumber"] = func(o *Object) string { return "phone-" + o.hex("phone", 32) }

}
