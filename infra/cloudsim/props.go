package cloudsim

import (
	"fmt"
	"sort"

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

// plain returns a property value as plain Go values (string, float64, bool, []any,
// map[string]any), secrets unwrapped; unknowns become nil.
func plain(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return plain(v.SecretValue().Element)
	case v.IsOutput():
		if !v.OutputValue().Known {
			return nil
		}
		return plain(v.OutputValue().Element)
	case v.IsComputed(), v.IsNull():
		return nil
	case v.IsString():
		return v.StringValue()
	case v.IsNumber():
		return v.NumberValue()
	case v.IsBool():
		return v.BoolValue()
	case v.IsArray():
		out := make([]any, 0, len(v.ArrayValue()))
		for _, e := range v.ArrayValue() {
			out = append(out, plain(e))
		}
		return out
	case v.IsObject():
		return plainMap(v.ObjectValue())
	case v.IsResourceReference():
		ref := v.ResourceReferenceValue()
		if id, ok := ref.IDString(); ok {
			return id
		}
		return string(ref.URN)
	}
	return v.V
}

func plainMap(m resource.PropertyMap) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[string(k)] = plain(v)
	}
	return out
}

// str reads a string property ("" when absent, unknown or not a string).
func str(m resource.PropertyMap, key string) string {
	if s, ok := plain(m[resource.PropertyKey(key)]).(string); ok {
		return s
	}
	return ""
}

// strs reads a list of strings.
func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// stringMap reads a map of strings (tags).
func stringMap(v any) map[string]string {
	m, _ := v.(map[string]any)
	out := make(map[string]string, len(m))
	for k, e := range m {
		out[k] = fmt.Sprint(e)
	}
	return out
}

// value converts plain Go values (including []string and map[string]string) to a property.
func value(v any) resource.PropertyValue {
	switch t := v.(type) {
	case resource.PropertyValue:
		return t
	case []string:
		arr := make([]resource.PropertyValue, len(t))
		for i, s := range t {
			arr[i] = resource.NewStringProperty(s)
		}
		return resource.NewArrayProperty(arr)
	case map[string]string:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		m := resource.PropertyMap{}
		for _, k := range keys {
			m[resource.PropertyKey(k)] = resource.NewStringProperty(t[k])
		}
		return resource.NewObjectProperty(m)
	case []map[string]any:
		arr := make([]resource.PropertyValue, len(t))
		for i, e := range t {
			arr[i] = value(e)
		}
		return resource.NewArrayProperty(arr)
	case map[string]any:
		m := resource.PropertyMap{}
		for k, e := range t {
			m[resource.PropertyKey(k)] = value(e)
		}
		return resource.NewObjectProperty(m)
	case []any:
		arr := make([]resource.PropertyValue, len(t))
		for i, e := range t {
			arr[i] = value(e)
		}
		return resource.NewArrayProperty(arr)
	case int:
		return resource.NewNumberProperty(float64(t))
	}
	return resource.NewPropertyValue(v)
}
