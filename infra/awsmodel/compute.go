package awsmodel

import (
	"strings"
	"unicode"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// outputFunc fills the computed outputs of one resource type, the ones consumers read, in
// AWS's formats. It runs after the generic outputs (arn, tagsAll) are set and may overwrite
// them. To support a new type, add an entry in the file of its service (or a new one) from an
// init function:
//
//	func init() {
//		outputFuncs["aws:foo/bar:Bar"] = func(o *Object) {
//			o.set("arn", o.arn("foo", "bar/"+o.name()))
//			o.def("endpoint", o.name()+"."+o.Region+".foo.amazonaws.com")
//		}
//		idFuncs["aws:foo/bar:Bar"] = func(o *Object) string { return o.name() } // optional
//	}
//
// The computed outputs of a type are the fields of its SDK resource struct
// (pulumi-aws/sdk/v6/go/aws/<service>/<type>.go) that are not in its args struct. Use o.hex,
// o.uuid and o.upper for invented identifiers: they derive from the resource's seed, so an
// update keeps them. Each type is registered once.
type outputFunc func(o *Object)

var outputFuncs = map[string]outputFunc{}

// Compute fills o.Out from o.In as AWS would on creation: the inputs, then the generic outputs
// (arn, tagsAll), then the type's own. An object without an id gets the one AWS would give.
func Compute(o *Object) {
	o.Out = resource.PropertyMap{}
	for k, v := range o.In {
		if !strings.HasPrefix(string(k), "__") {
			o.Out[k] = v
		}
	}
	if o.ID == "" {
		o.ID = NewID(o)
	}
	info := typeOf(o.Type)
	if info.flags&tArn != 0 {
		o.def("arn", genericArn(o))
	}
	if info.flags&tTags != 0 {
		tags := map[string]string{}
		for k, v := range o.DefaultTags {
			tags[k] = v
		}
		for k, v := range StringMap(o.in("tags")) {
			tags[k] = v
		}
		if o.In["tags"].ContainsUnknowns() {
			o.set("tagsAll", resource.MakeComputed(resource.NewStringProperty("")))
		} else {
			o.set("tagsAll", tags)
		}
	}
	if f, ok := outputFuncs[o.Type]; ok {
		f(o)
	}
	if o.ID == "" { // ARN-id types
		o.ID = o.outStr("arn")
	}
	if o.ID == "" {
		o.ID = strings.ToLower(Kind(o.Type)) + "-" + o.hex("id", 17)
	}
}

// genericArn is arn:aws:<service>:<region>:<account>:<kind>/<id>, the most common shape; types
// whose ARN differs set their own.
func genericArn(o *Object) string {
	svc := Service(o.Type)
	res := kebab(Kind(o.Type)) + "/"
	if NameProp(o.Type) != "" || o.ID == "" {
		res += o.name()
	} else {
		res += o.ID
	}
	if globalServices[svc] {
		return o.globalArn(svc, res)
	}
	return o.arn(svc, res)
}

// kebab turns SecurityGroup into security-group.
func kebab(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('-')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
