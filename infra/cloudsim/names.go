package cloudsim

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra/awsmodel"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// defaultsKey lists the inputs Check filled in (as the real provider's bridge does), so an
// update keeps an auto-generated name and a replacement knows the name was not the program's.
const defaultsKey = "__defaults"

// checkInputs applies the provider's defaults to a resource's new inputs: the auto-generated
// name where the type has one and the program left it empty (logical name + "-" + 7 hex, kept
// from the old inputs on updates). It returns the failures the real provider would report for
// missing required inputs.
func checkInputs(typ, logical string, olds, news resource.PropertyMap, seed []byte) []*pulumirpc.CheckFailure {
	var failures []*pulumirpc.CheckFailure
	for _, req := range awsmodel.Required(typ) {
		if v, ok := news[resource.PropertyKey(req)]; !ok || v.IsNull() {
			failures = append(failures, &pulumirpc.CheckFailure{
				Property: req,
				Reason:   fmt.Sprintf("Missing required property '%s' (cloudsim, simulating %s)", req, typ),
			})
		}
	}
	prop := nameProp(typ)
	if prop == "" {
		return failures
	}
	key := resource.PropertyKey(prop)
	if v, ok := news[key]; ok && !v.IsNull() {
		return failures
	}
	if prefix := str(news, "namePrefix"); prefix != "" && prop == "name" {
		news[key] = resource.NewStringProperty(prefix + hashDigits(fmt.Sprintf("%x", seed)+logical, 26))
		addDefault(news, prop)
		return failures
	}
	if old, ok := olds[key]; ok && isDefault(olds, prop) {
		news[key] = old
		addDefault(news, prop)
		return failures
	}
	news[key] = resource.NewStringProperty(autoName(typ, logical, news, seed))
	addDefault(news, prop)
	return failures
}

// autoName is logical name + "-" + 7 hex, within the type's length and case rules; FIFO queues
// and topics keep their .fifo suffix.
func autoName(typ, logical string, news resource.PropertyMap, seed []byte) string {
	suffix := randomHex(seed, 7)
	rule := awsmodel.NameRuleOf(typ)
	base := logical
	if rule.Lower {
		base = strings.ToLower(base)
	}
	ext := ""
	if fifo, _ := plain(news["fifoQueue"]).(bool); fifo {
		ext = ".fifo"
	}
	if fifo, _ := plain(news["fifoTopic"]).(bool); fifo {
		ext = ".fifo"
	}
	if rule.Max > 0 && len(base)+8+len(ext) > rule.Max {
		base = base[:rule.Max-8-len(ext)]
	}
	return base + "-" + suffix + ext
}

func randomHex(seed []byte, n int) string {
	if len(seed) > 0 {
		return hashHex(hex.EncodeToString(seed), n)
	}
	b := make([]byte, (n+1)/2)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)[:n]
}

func isDefault(m resource.PropertyMap, prop string) bool {
	for _, d := range strs(plain(m[defaultsKey])) {
		if d == prop {
			return true
		}
	}
	return false
}

func addDefault(m resource.PropertyMap, prop string) {
	list := strs(plain(m[defaultsKey]))
	for _, d := range list {
		if d == prop {
			return
		}
	}
	m[defaultsKey] = value(append(list, prop))
}
