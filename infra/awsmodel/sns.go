package awsmodel

// SNS: topics, subscriptions and topic policies.
func init() {
	outputFuncs["aws:sns/topic:Topic"] = func(o *Object) {
		o.set("arn", o.arn("sns", o.name()))
		o.set("owner", o.Account)
		o.def("fifoTopic", false)
		o.def("signatureVersion", 1)
	}
	outputFuncs["aws:sns/topicSubscription:TopicSubscription"] = func(o *Object) {
		o.set("arn", o.str("topic")+":"+o.uuid("sub"))
		o.set("ownerId", o.Account)
		o.set("confirmationWasAuthenticated", true)
		o.set("pendingConfirmation", false)
	}
	idFuncs["aws:sns/topicPolicy:TopicPolicy"] = func(o *Object) string { return o.str("arn") }

}
