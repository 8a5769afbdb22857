package awsmodel

import (
	"crypto/sha256"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Object is one resource as AWS sees it when it creates or updates it: the inputs the program
// gave (after the provider's checks) and the outputs AWS computes from them.
type Object struct {
	Type string // type token, e.g. aws:sqs/queue:Queue
	Name string // logical name
	// ID is the resource's id; Compute gives one when it is empty.
	ID string
	// Seed makes the values the model invents for this resource (hashes, UUIDs) stable: the
	// simulated cloud picks it at creation and keeps it; the mocks derive it from the name.
	Seed    string
	Region  string
	Account string
	In      resource.PropertyMap
	Out     resource.PropertyMap
	// DefaultTags are the provider's default tags, merged into tagsAll.
	DefaultTags map[string]string
	// World answers lookups of other resources (a subnet's VPC); nil reads as empty.
	World World
}

// World is what AWS knows of the resources that already exist in the object's account and
// region.
type World interface {
	// Resources returns the resources of a type.
	Resources(typ string) []Resource
	// Find returns the resource of a type with an id, or nil.
	Find(typ, id string) *Resource
}

// Resource is an existing resource as a World returns it, its properties as plain values.
type Resource struct {
	ID      string
	Inputs  map[string]any
	Outputs map[string]any
}

func (o *Object) in(key string) any { return Plain(o.In[resource.PropertyKey(key)]) }

func (o *Object) str(key string) string { return Str(o.In, key) }

func (o *Object) outStr(key string) string { return Str(o.Out, key) }

func (o *Object) set(key string, v any) { o.Out[resource.PropertyKey(key)] = Value(v) }

// def sets an output the inputs did not give.
func (o *Object) def(key string, v any) {
	if cur, ok := o.Out[resource.PropertyKey(key)]; !ok || cur.IsNull() {
		o.set(key, v)
	}
}

// hex returns n hex digits derived from the resource's seed and a purpose, so the values the
// model invents are stable across updates and processes.
func (o *Object) hex(purpose string, n int) string { return HashHex(o.Seed+"|"+purpose, n) }

// uuid returns a UUID derived like hex.
func (o *Object) uuid(purpose string) string {
	h := o.hex(purpose, 32)
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}

// upper returns n upper-case alphanumerics derived like hex.
func (o *Object) upper(purpose string, n int) string { return Upper(o.Seed+"|"+purpose, n) }

// Upper returns n upper-case alphanumerics derived from s.
func Upper(s string, n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	sum := sha256.Sum256([]byte(s))
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteByte(alphabet[int(sum[i%len(sum)]+byte(i/len(sum)))%len(alphabet)])
	}
	return b.String()
}

// ARN builds arn:aws:<service>:<region>:<account>:<resource>; region is empty for the global
// services (IAM, Route 53, CloudFront).
func ARN(service, region, account, res string) string {
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, region, account, res)
}

// arn builds an ARN in this resource's provider's region and account.
func (o *Object) arn(service, res string) string { return ARN(service, o.Region, o.Account, res) }

// globalArn builds an ARN without region (IAM, Route 53, CloudFront).
func (o *Object) globalArn(service, res string) string { return ARN(service, "", o.Account, res) }

// NameOf is a resource's AWS name: the input its type is named by (NameProp), else its "name"
// input, else its logical name.
func NameOf(typ, logical string, in resource.PropertyMap) string {
	if p := NameProp(typ); p != "" {
		if s := Str(in, p); s != "" {
			return s
		}
	}
	if s := Str(in, "name"); s != "" {
		return s
	}
	return logical
}

// name returns the resource's AWS name (NameOf).
func (o *Object) name() string { return NameOf(o.Type, o.Name, o.In) }

// find returns an existing resource of the world, or nil.
func (o *Object) find(typ, id string) *Resource {
	if o.World == nil || id == "" {
		return nil
	}
	return o.World.Find(typ, id)
}

// all returns the world's resources of a type.
func (o *Object) all(typ string) []Resource {
	if o.World == nil {
		return nil
	}
	return o.World.Resources(typ)
}

// lookupOut returns one string output of an existing resource ("" when unknown).
func (o *Object) lookupOut(typ, id, key string) string {
	if r := o.find(typ, id); r != nil {
		s, _ := r.Outputs[key].(string)
		return s
	}
	return ""
}

// Listed is a World read from a function that lists the resources of a type.
type Listed func(typ string) []Resource

// Resources returns the resources of a type.
func (l Listed) Resources(typ string) []Resource { return l(typ) }

// Find returns the resource of a type with an id, or nil.
func (l Listed) Find(typ, id string) *Resource {
	for _, r := range l(typ) {
		if r.ID == id {
			return &r
		}
	}
	return nil
}
