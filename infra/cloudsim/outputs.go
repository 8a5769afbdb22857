package cloudsim

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// outputFunc fills the computed outputs of one resource type, the ones consumers read, in
// AWS's real formats. It runs after the generic outputs (arn, tagsAll) are set and may
// overwrite them. To support a new type, add an entry in the outputs_<service>.go file of its
// service (or a new one) from an init function:
//
//	func init() {
//		outputFuncs["aws:foo/bar:Bar"] = func(o *object) {
//			o.set("arn", o.arn("foo", "bar/"+o.name()))
//			o.def("endpoint", o.name()+"."+o.Region+".foo.amazonaws.com")
//		}
//		idFuncs["aws:foo/bar:Bar"] = func(o *object) string { return o.name() } // optional
//	}
//
// The computed outputs of a type are the fields of its SDK resource struct
// (pulumi-aws/sdk/v6/go/aws/<service>/<type>.go) that are not in its args struct. Use o.hex,
// o.uuid and o.upper for invented identifiers: they derive from the resource's seed, so an
// update keeps them.
type outputFunc func(o *object)

var outputFuncs = map[string]outputFunc{}

// computeOutputs fills o.Out from o.In: inputs, then the generic outputs, then the type's own.
func computeOutputs(o *object) {
	o.Out = resource.PropertyMap{}
	for k, v := range o.In {
		if !strings.HasPrefix(string(k), "__") {
			o.Out[k] = v
		}
	}
	if o.ID == "" {
		o.ID = newID(o)
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
		for k, v := range stringMap(o.in("tags")) {
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
		o.ID = strings.ToLower(kind(o.Type)) + "-" + o.hex("id", 17)
	}
}

// genericArn is arn:aws:<service>:<region>:<account>:<kind>/<id>, the most common shape; types
// whose ARN differs set their own.
func genericArn(o *object) string {
	svc := service(o.Type)
	res := kebab(kind(o.Type)) + "/"
	if nameProp(o.Type) != "" || o.ID == "" {
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

// markComputed replaces, for a preview, every output the inputs did not give by an unknown:
// the real provider cannot know them before the resource exists.
func markComputed(o *object) {
	for k, v := range o.Out {
		if _, given := o.In[k]; !given {
			o.Out[k] = resource.MakeComputed(resource.NewStringProperty(""))
		} else if !v.DeepEquals(o.In[k]) {
			o.Out[k] = resource.MakeComputed(resource.NewStringProperty(""))
		}
	}
}

// regionShort is AWS's short region code used in some DNS names (ca-central-1 -> cac1).
func regionShort(region string) string {
	parts := strings.Split(region, "-")
	if len(parts) != 3 {
		return region
	}
	dir := parts[1]
	switch dir {
	case "central":
		dir = "c"
	case "southeast":
		dir = "se"
	case "northeast":
		dir = "ne"
	default:
		dir = dir[:1]
	}
	return parts[0] + dir + parts[2]
}

// zones are the availability zones the simulation gives a region.
func zones(region string) []string {
	if region == "ca-central-1" {
		return []string{region + "a", region + "b", region + "d"}
	}
	return []string{region + "a", region + "b", region + "c"}
}

// zoneID maps an availability zone name to its id (ca-central-1a -> cac1-az1).
func zoneID(az string) string {
	if len(az) < 2 {
		return az
	}
	region, letter := az[:len(az)-1], az[len(az)-1]
	return fmt.Sprintf("%s-az%d", regionShort(region), int(letter-'a')+1)
}
