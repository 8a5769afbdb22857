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
		Account: account, In: in, World: recorded{m}}
	awsmodel.Compute(o)
	return o.Out
}

// recorded is the model's view of the resources the mocks recorded so far.
type recorded struct{ m *Mocks }

func (w recorded) Resources(typ string) []awsmodel.Resource {
	var out []awsmodel.Resource
	for _, r := range w.m.ByType(typ) {
		out = append(out, modelResource(r))
	}
	return out
}

func (w recorded) Find(typ, id string) *awsmodel.Resource {
	for _, r := range w.m.ByType(typ) {
		if r.ID == id {
			res := modelResource(r)
			return &res
		}
	}
	return nil
}

func modelResource(r Resource) awsmodel.Resource {
	return awsmodel.Resource{ID: r.ID, Inputs: plainMap(r.Inputs), Outputs: plainMap(r.Outputs)}
}

func plainMap(m resource.PropertyMap) map[string]any {
	out, _ := plain(resource.NewObjectProperty(m)).(map[string]any)
	return out
}
