package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID: "stateful-protected",
	Rationale: "Resources holding data (database, caches, buckets, vaults, zones, keys, cluster) carry Pulumi's protect " +
		"outside ephemeral stacks, so no destroy or replacement loses them; in an ephemeral stack they do not, so it can be destroyed.",
	Applies: []string{typeRDSCluster, typeCache, typeBucket, typeVault, typeZone, typeKey, typeEKSCluster},
	Check: func(c *Context, r *render.Resource) []string {
		switch {
		case !c.Ephemeral && !r.Protect:
			return []string{"not protected: a destroy or a replacement would delete it"}
		case c.Ephemeral && r.Protect:
			return []string{"protected in an ephemeral stack: its destroy would be refused"}
		}
		return nil
	},
})
