package pulumimock

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/cds-snc/notification-pulumi/infra/awsmodel"
)

// modelOutputs are the outputs AWS returns for r, from the model the simulated cloud also
// uses (infra/awsmodel), with the mocks' predictable choices: the id is "<logical name>-id",
// invented values derive from the type and logical name, and a name the program leaves to the
// provider is the logical name (the provider would add a random suffix).
func modelOutputs(m *Mocks, r Resource, region, account string) resource.PropertyMap {
	in := r.Inputs.Copy()
	if p := awsmodel.NameProp(r.Type); p != "" && awsmodel.Str(in, p) == "" {
		in[resource.PropertyKey(p)] = resource.NewStringProperty(r.Name)
	}
	o := &awsmodel.Object{Type: r.Type, Name: r.Name, ID: r.ID, Seed: r.Type + "::" + r.Name, Region: region,
		Account: account, In: in, World: recorded(m)}
	awsmodel.Compute(o)
	return o.Out
}

// recorded is the model's view of the resources the mocks recorded so far.
func recorded(m *Mocks) awsmodel.World {
	return awsmodel.Listed(func(typ string) []awsmodel.Resource {
		var out []awsmodel.Resource
		for _, r := range m.ByType(typ) {
			out = append(out, awsmodel.Resource{ID: r.ID, Inputs: awsmodel.PlainMap(r.Inputs), Outputs: awsmodel.PlainMap(r.Outputs)})
		}
		return out
	})
}
