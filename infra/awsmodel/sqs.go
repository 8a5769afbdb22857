package awsmodel

import "fmt"

// SQS: queues (their id is their URL) and queue policies.
func init() {
	outputFuncs["aws:sqs/queue:Queue"] = func(o *Object) {
		name := o.name()
		o.set("arn", o.arn("sqs", name))
		o.set("url", fmt.Sprintf("https://sqs.%s.amazonaws.com/%s/%s", o.Region, o.Account, name))
		o.def("visibilityTimeoutSeconds", 30)
		o.def("messageRetentionSeconds", 345600)
		o.def("maxMessageSize", 262144)
		o.def("delaySeconds", 0)
		o.def("receiveWaitTimeSeconds", 0)
		o.def("fifoQueue", false)
		o.def("sqsManagedSseEnabled", o.str("kmsMasterKeyId") == "")
		if o.str("kmsMasterKeyId") != "" {
			o.def("kmsDataKeyReusePeriodSeconds", 300)
		}
	}
	idFuncs["aws:sqs/queue:Queue"] = func(o *Object) string {
		return fmt.Sprintf("https://sqs.%s.amazonaws.com/%s/%s", o.Region, o.Account, o.name())
	}
	for _, t := range []string{"aws:sqs/queuePolicy:QueuePolicy", "aws:sqs/redrivePolicy:RedrivePolicy", "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy"} {
		idFuncs[t] = func(o *Object) string { return o.str("queueUrl") }
	}

}
