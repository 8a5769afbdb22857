package cloudsim

import (
	"fmt"
	"strings"
)

// Computed outputs of queues, topics, buckets, keys, secrets and parameters.
func init() {
	outputFuncs["aws:sqs/queue:Queue"] = func(o *object) {
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
	idFuncs["aws:sqs/queue:Queue"] = func(o *object) string {
		return fmt.Sprintf("https://sqs.%s.amazonaws.com/%s/%s", o.Region, o.Account, o.name())
	}
	for _, t := range []string{"aws:sqs/queuePolicy:QueuePolicy", "aws:sqs/redrivePolicy:RedrivePolicy", "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy"} {
		idFuncs[t] = func(o *object) string { return o.str("queueUrl") }
	}

	outputFuncs["aws:sns/topic:Topic"] = func(o *object) {
		o.set("arn", o.arn("sns", o.name()))
		o.set("owner", o.Account)
		o.def("fifoTopic", false)
		o.def("signatureVersion", 1)
	}
	outputFuncs["aws:sns/topicSubscription:TopicSubscription"] = func(o *object) {
		o.set("arn", o.str("topic")+":"+o.uuid("sub"))
		o.set("ownerId", o.Account)
		o.set("confirmationWasAuthenticated", true)
		o.set("pendingConfirmation", false)
	}
	idFuncs["aws:sns/topicPolicy:TopicPolicy"] = func(o *object) string { return o.str("arn") }

	bucket := func(o *object) {
		b := o.name()
		o.set("arn", "arn:aws:s3:::"+b)
		o.set("bucketDomainName", b+".s3.amazonaws.com")
		o.set("bucketRegionalDomainName", fmt.Sprintf("%s.s3.%s.amazonaws.com", b, o.Region))
		o.set("hostedZoneId", s3HostedZones[o.Region])
		o.set("region", o.Region)
		o.def("forceDestroy", false)
		o.def("objectLockEnabled", false)
	}
	outputFuncs["aws:s3/bucket:Bucket"] = bucket
	outputFuncs["aws:s3/bucketV2:BucketV2"] = bucket
	// Bucket sub-resources are identified by their bucket.
	for t := range sdkTypes {
		if strings.HasPrefix(t, "aws:s3/bucket") && t != "aws:s3/bucket:Bucket" && t != "aws:s3/bucketV2:BucketV2" &&
			!strings.HasPrefix(t, "aws:s3/bucketObject") {
			idFuncs[t] = func(o *object) string { return o.str("bucket") }
		}
	}

	outputFuncs["aws:kms/key:Key"] = func(o *object) {
		o.set("keyId", o.ID)
		o.set("arn", o.arn("kms", "key/"+o.ID))
		o.def("keyUsage", "ENCRYPT_DECRYPT")
		o.def("customerMasterKeySpec", "SYMMETRIC_DEFAULT")
		o.def("enableKeyRotation", false)
		o.def("isEnabled", true)
		o.def("multiRegion", false)
		o.def("deletionWindowInDays", 30)
	}
	idFuncs["aws:kms/key:Key"] = func(o *object) string { return o.uuid("key") }
	outputFuncs["aws:kms/alias:Alias"] = func(o *object) {
		o.set("arn", o.arn("kms", o.name()))
		target := o.str("targetKeyId")
		if strings.HasPrefix(target, "arn:") {
			o.set("targetKeyArn", target)
		} else {
			o.set("targetKeyArn", o.arn("kms", "key/"+target))
		}
	}
	idFuncs["aws:kms/keyPolicy:KeyPolicy"] = func(o *object) string { return o.str("keyId") }

	outputFuncs["aws:secretsmanager/secret:Secret"] = func(o *object) {
		o.set("arn", o.arn("secretsmanager", "secret:"+o.name()+"-"+alnum(o.hex("suffix", 12), 6)))
		o.def("recoveryWindowInDays", 30)
	}
	outputFuncs["aws:secretsmanager/secretVersion:SecretVersion"] = func(o *object) {
		o.set("arn", o.str("secretId"))
		o.set("versionId", o.uuid("version"))
		o.def("versionStages", []string{"AWSCURRENT"})
	}
	idFuncs["aws:secretsmanager/secretVersion:SecretVersion"] = func(o *object) string {
		return o.str("secretId") + "|" + o.uuid("version")
	}
	idFuncs["aws:secretsmanager/secretPolicy:SecretPolicy"] = func(o *object) string { return o.str("secretArn") }

	outputFuncs["aws:ssm/parameter:Parameter"] = func(o *object) {
		o.set("arn", o.arn("ssm", "parameter/"+strings.TrimPrefix(o.name(), "/")))
		o.set("version", 1)
		o.def("tier", "Standard")
	}
}

// s3HostedZones are the S3 website/alias hosted zone ids per region.
var s3HostedZones = map[string]string{
	"ca-central-1": "Z1QDHH18159H29", "us-east-1": "Z3AQBSTGFYJSTF", "us-west-2": "Z3BJ6K6RIION7M",
	"ca-west-1": "Z03565811Z33SLEZTHOUL",
}

// alnum maps hex digits to AWS's mixed-case alphanumeric suffixes (Secrets Manager's 6 chars).
func alnum(hexs string, n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	out := make([]byte, n)
	for i := 0; i < n; i++ {
		v := int(hexs[(2*i)%len(hexs)])*7 + int(hexs[(2*i+1)%len(hexs)])
		out[i] = alphabet[v%len(alphabet)]
	}
	return string(out)
}
