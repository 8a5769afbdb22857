package awsmodel

import "strings"

// KMS: keys (their id is a UUID), aliases and key policies.
func init() {
	outputFuncs["aws:kms/key:Key"] = func(o *Object) {
		o.set("keyId", o.ID)
		o.set("arn", o.arn("kms", "key/"+o.ID))
		o.def("keyUsage", "ENCRYPT_DECRYPT")
		o.def("customerMasterKeySpec", "SYMMETRIC_DEFAULT")
		o.def("enableKeyRotation", false)
		o.def("isEnabled", true)
		o.def("multiRegion", false)
		o.def("deletionWindowInDays", 30)
	}
	idFuncs["aws:kms/key:Key"] = func(o *Object) string { return o.uuid("key") }
	outputFuncs["aws:kms/alias:Alias"] = func(o *Object) {
		o.set("arn", o.arn("kms", o.name()))
		target := o.str("targetKeyId")
		if strings.HasPrefix(target, "arn:") {
			o.set("targetKeyArn", target)
		} else {
			o.set("targetKeyArn", o.arn("kms", "key/"+target))
		}
	}
	idFuncs["aws:kms/keyPolicy:KeyPolicy"] = func(o *Object) string { return o.str("keyId") }

}
