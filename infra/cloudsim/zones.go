package cloudsim

import (
	"fmt"
	"strings"

	"github.com/cds-snc/notification-pulumi/infra/awsmodel"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// ExternalZone is a public hosted zone that exists before the rehearsal, outside any stack the
// simulation runs: the parent zone another account owns (dev writes into staging's
// notification.cdssandbox.xyz, production into the DNS account's notification.canada.ca).
// Route 53 lookups of it (route53.getZone) answer as AWS would for a zone that exists.
type ExternalZone struct {
	// Account is the 12-digit account that owns the zone.
	Account string
	// Name is the zone's name, e.g. notification.canada.ca.
	Name string
}

// zoneID is the stable id of an external zone, as the model gives it.
func (z ExternalZone) zoneID() string { return awsmodel.ExternalZoneID(z.Account, z.Name) }

func init() {
	invokeFuncs["aws:route53/getZone:getZone"] = getZone
}

// getZone answers route53.getZone by name (or zoneId) from the zones of the caller's account,
// created in the simulation (Route 53 is global: any region) or external; like the real
// provider, a zone that does not exist is an error.
func getZone(v *scopeView, args resource.PropertyMap) (resource.PropertyMap, error) {
	name := strings.TrimSuffix(str(args, "name"), ".")
	id := str(args, "zoneId")
	private, _ := plain(args["privateZone"]).(bool)
	if name == "" && id == "" {
		return nil, fmt.Errorf("either name or zone_id must be set")
	}
	for _, r := range v.st.list(func(r *record) bool { return r.Account == v.account && r.Type == "aws:route53/zone:Zone" }) {
		out := plainMap(r.outputs())
		vpcs, _ := out["vpcs"].([]any)
		if (id != "" && r.ID != id) || (name != "" && strings.TrimSuffix(fmt.Sprint(out["name"]), ".") != name) || (len(vpcs) > 0) != private {
			continue
		}
		return awsmodel.ZoneResult(r.ID, strings.TrimSuffix(fmt.Sprint(out["name"]), "."), fmt.Sprint(out["arn"]), strs(out["nameServers"]), private), nil
	}
	if !private {
		for _, z := range v.st.externalZones {
			if z.Account == v.account && (name == "" || z.Name == name) && (id == "" || z.zoneID() == id) {
				return awsmodel.ExternalZone(z.Account, z.Name), nil
			}
		}
	}
	return nil, fmt.Errorf("no matching Route 53 Hosted Zone found (name %q, zone id %q, private %t, account %s: "+
		"the simulation knows the zones it created and the external zones it was started with)", name, id, private, v.account)
}
