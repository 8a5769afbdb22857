package pulumimock

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Computed outputs of the keys, topics, storage and queues components' resources in AWS's
// formats: SNS topic ARNs (arn:aws:sns:<region>:<account>:<name>), S3 bucket ARNs and regional
// domain names, and GuardDuty malware protection plan ARNs. A type another file already answers
// is left to that file.
func init() {
	c1Outputs := map[string]OutputFunc{
		"aws:sns/topic:Topic":      c1TopicOutputs,
		"aws:s3/bucketV2:BucketV2": c1BucketOutputs,
		"aws:guardduty/malwareProtectionPlan:MalwareProtectionPlan": c1MalwarePlanOutputs,
	}
	for typ, f := range c1Outputs {
		if _, taken := defaultOutputs[typ]; !taken {
			defaultOutputs[typ] = f
		}
	}
}

func c1Input(r Resource, key string) string {
	if s := r.String(key); s != "" {
		return s
	}
	return r.Name
}

func c1TopicOutputs(r Resource, region, account string) resource.PropertyMap {
	return resource.PropertyMap{
		"arn": resource.NewStringProperty(fmt.Sprintf("arn:aws:sns:%s:%s:%s", region, account, c1Input(r, "name"))),
	}
}

func c1BucketOutputs(r Resource, region, _ string) resource.PropertyMap {
	name := c1Input(r, "bucket")
	return resource.PropertyMap{
		"bucket":                   resource.NewStringProperty(name),
		"arn":                      resource.NewStringProperty("arn:aws:s3:::" + name),
		"bucketDomainName":         resource.NewStringProperty(name + ".s3.amazonaws.com"),
		"bucketRegionalDomainName": resource.NewStringProperty(fmt.Sprintf("%s.s3.%s.amazonaws.com", name, region)),
		"region":                   resource.NewStringProperty(region),
	}
}

func c1MalwarePlanOutputs(r Resource, region, account string) resource.PropertyMap {
	return resource.PropertyMap{
		"arn": resource.NewStringProperty(fmt.Sprintf("arn:aws:guardduty:%s:%s:malware-protection-plan/%s", region, account, r.ID)),
	}
}
