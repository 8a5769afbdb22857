package awsmodel

import (
	"fmt"
	"strings"
)

// S3: buckets (global ARNs, regional domain names) and their sub-resources, identified by their bucket.
func init() {
	bucket := func(o *Object) {
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
			idFuncs[t] = func(o *Object) string { return o.str("bucket") }
		}
	}

}
