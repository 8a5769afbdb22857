package awsmodel

import (
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Plain returns a property value as plain Go values (string, float64, bool, []any,
// map[string]any), secrets unwrapped; unknowns become nil.
func Plain(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return Plain(v.SecretValue().Element)
	case v.IsOutput():
		if !v.OutputValue().Known {
			return nil
		}
		return Plain(v.OutputValue().Element)
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
			out = append(out, Plain(e))
		}
		return out
	case v.IsObject():
		return PlainMap(v.ObjectValue())
	case v.IsResourceReference():
		ref := v.ResourceReferenceValue()
		if id, ok := ref.IDString(); ok {
			return id
		}
		return string(ref.URN)
	}
	return v.V
}

// PlainMap returns a property map as plain Go values.
func PlainMap(m resource.PropertyMap) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[string(k)] = Plain(v)
	}
	return out
}

// Str reads a string property ("" when absent, unknown or not a string).
func Str(m resource.PropertyMap, key string) string {
	if s, ok := Plain(m[resource.PropertyKey(key)]).(string); ok {
		return s
	}
	return ""
}

// Strs reads a list of strings.
func Strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// StringMap reads a map of strings (tags).
func StringMap(v any) map[string]string {
	m, _ := v.(map[string]any)
	out := make(map[string]string, len(m))
	for k, e := range m {
		out[k] = fmt.Sprint(e)
	}
	return out
}

// Value converts plain Go values (including []string and map[string]string) to a property.
func Value(v any) resource.PropertyValue {
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
		keys := slices.Sorted(maps.Keys(t))
		m := resource.PropertyMap{}
		for _, k := range keys {
			m[resource.PropertyKey(k)] = resource.NewStringProperty(t[k])
		}
		return resource.NewObjectProperty(m)
	case []map[string]any:
		arr := make([]resource.PropertyValue, len(t))
		for i, e := range t {
			arr[i] = Value(e)
		}
		return resource.NewArrayProperty(arr)
	case map[string]any:
		m := resource.PropertyMap{}
		for k, e := range t {
			m[resource.PropertyKey(k)] = Value(e)
		}
		return resource.NewObjectProperty(m)
	case []any:
		arr := make([]resource.PropertyValue, len(t))
		for i, e := range t {
			arr[i] = Value(e)
		}
		return resource.NewArrayProperty(arr)
	case int:
		return resource.NewNumberProperty(float64(t))
	}
	return resource.NewPropertyValue(v)
}
