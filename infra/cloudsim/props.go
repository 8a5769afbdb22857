package cloudsim

import (
	"github.com/cds-snc/notification-pulumi/infra/awsmodel"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"google.golang.org/protobuf/types/known/structpb"
)

// wireOpts keeps everything the engine sends: unknowns (previews), secrets and resource
// references, so what goes back to the engine is exactly as secret as what came in.
var wireOpts = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true}

func unmarshal(s *structpb.Struct) (resource.PropertyMap, error) {
	if s == nil {
		return resource.PropertyMap{}, nil
	}
	return plugin.UnmarshalProperties(s, wireOpts)
}

// oldInputs are what a diff or an update compares the new inputs with: the request's old
// inputs or, from a state that recorded none, its old outputs.
func oldInputs(req interface {
	GetOldInputs() *structpb.Struct
	GetOlds() *structpb.Struct
}) (resource.PropertyMap, error) {
	olds, err := unmarshal(req.GetOldInputs())
	if err == nil && len(olds) == 0 {
		olds, err = unmarshal(req.GetOlds())
	}
	return olds, err
}

func marshal(m resource.PropertyMap) (*structpb.Struct, error) {
	return plugin.MarshalProperties(m, wireOpts)
}

// toWire turns a property map into a JSON-friendly map (secrets keep Pulumi's signature
// objects), the form the state file stores.
func toWire(m resource.PropertyMap) (map[string]any, error) {
	s, err := marshal(m)
	if err != nil {
		return nil, err
	}
	return s.AsMap(), nil
}

func fromWire(m map[string]any) (resource.PropertyMap, error) {
	s, err := structpb.NewStruct(m)
	if err != nil {
		return nil, err
	}
	return unmarshal(s)
}

// The property helpers are the model's (infra/awsmodel), under the short names the
// simulation uses.

// plain returns a property value as plain Go values, secrets unwrapped; unknowns become nil.
func plain(v resource.PropertyValue) any { return awsmodel.Plain(v) }

func plainMap(m resource.PropertyMap) map[string]any { return awsmodel.PlainMap(m) }

// str reads a string property ("" when absent, unknown or not a string).
func str(m resource.PropertyMap, key string) string { return awsmodel.Str(m, key) }

// strs reads a list of strings.
func strs(v any) []string { return awsmodel.Strs(v) }

// stringMap reads a map of strings (tags).
func stringMap(v any) map[string]string { return awsmodel.StringMap(v) }

// value converts plain Go values (including []string and map[string]string) to a property.
func value(v any) resource.PropertyValue { return awsmodel.Value(v) }
