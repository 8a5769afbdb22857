package cloudsim

import "github.com/pulumi/pulumi/sdk/v3/go/common/resource"

// World lookups the rules use: the whole simulated world, every account and region.

// find returns the first record of a type in an account and region that keep accepts (any
// account or region when empty).
func (s *store) find(account, region, typ string, keep func(*record) bool) *record {
	for _, r := range s.list(func(r *record) bool {
		return r.Type == typ && (account == "" || r.Account == account) && (region == "" || r.Region == region)
	}) {
		if keep == nil || keep(r) {
			return r
		}
	}
	return nil
}

// byOutput returns the record of a type whose output key equals value (an ARN, a name, ...).
func (s *store) byOutput(typ, key, value string) *record {
	if value == "" {
		return nil
	}
	return s.find("", "", typ, func(r *record) bool { return r.out(key) == value })
}

// out returns one output of a record as a string ("" when absent or not a string).
func (r *record) out(key string) string {
	v, _ := plain(r.outputs()[resource.PropertyKey(key)]).(string)
	return v
}

// outNum returns a numeric output (def when absent).
func (r *record) outNum(key string, def float64) float64 {
	if v, ok := plain(r.outputs()[resource.PropertyKey(key)]).(float64); ok {
		return v
	}
	return def
}
