package cloudsim

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// object is a resource being created, updated or previewed: the checked inputs the program
// gave, and the outputs the simulated cloud computes from them.
type object struct {
	Type string // type token, e.g. aws:sqs/queue:Queue
	Name string // logical name
	URN  string
	ID   string
	// Seed makes the values the simulation invents for this resource stable: it is chosen at
	// creation and kept in the state with the resource.
	Seed    string
	Region  string
	Account string
	Preview bool
	In      resource.PropertyMap
	Out     resource.PropertyMap
	// DefaultTags are the provider's default tags, merged into tagsAll.
	DefaultTags map[string]string
	// state answers lookups of other simulated resources (e.g. a VPC's main route table).
	state *scopeView
}

// in returns an input as plain Go values.
func (o *object) in(key string) any { return plain(o.In[resource.PropertyKey(key)]) }

// str returns a string input ("" when absent or unknown).
func (o *object) str(key string) string { return str(o.In, key) }

// out returns an output as plain Go values.
func (o *object) out(key string) any { return plain(o.Out[resource.PropertyKey(key)]) }

// outStr returns a string output.
func (o *object) outStr(key string) string { return str(o.Out, key) }

// set sets an output.
func (o *object) set(key string, v any) { o.Out[resource.PropertyKey(key)] = value(v) }

// def sets an output the inputs did not give.
func (o *object) def(key string, v any) {
	if cur, ok := o.Out[resource.PropertyKey(key)]; !ok || cur.IsNull() {
		o.set(key, v)
	}
}

// hex returns n hex digits derived from the resource's seed and a purpose, so the values the
// simulated cloud invents are stable across updates and processes.
func (o *object) hex(purpose string, n int) string {
	return hashHex(o.Seed+"|"+purpose, n)
}

// uuid returns a UUID derived like hex.
func (o *object) uuid(purpose string) string {
	h := o.hex(purpose, 32)
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}

// upper returns n upper-case alphanumerics derived like hex.
func (o *object) upper(purpose string, n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	sum := sha256.Sum256([]byte(o.Seed + "|" + purpose))
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteByte(alphabet[int(sum[i%len(sum)]+byte(i/len(sum)))%len(alphabet)])
	}
	return b.String()
}

func hashHex(s string, n int) string {
	var out string
	for i := 0; len(out) < n; i++ {
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s|%d", s, i)))
		out += hex.EncodeToString(sum[:])
	}
	return out[:n]
}

// arn builds arn:aws:<service>:<region>:<account>:<resource> for this resource's provider.
func (o *object) arn(service, res string) string {
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, o.Region, o.Account, res)
}

// globalArn builds an ARN without region (IAM, Route 53, CloudFront).
func (o *object) globalArn(service, res string) string {
	return fmt.Sprintf("arn:aws:%s::%s:%s", service, o.Account, res)
}

// name returns the resource's name: its name property, else its logical name.
func (o *object) name() string {
	if p := nameProp(o.Type); p != "" {
		if s := o.str(p); s != "" {
			return s
		}
	}
	if s := o.str("name"); s != "" {
		return s
	}
	return o.Name
}
