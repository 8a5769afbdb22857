package awsmodel

import (
	"fmt"

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
		return arrayOf(t, resource.NewStringProperty)
	case map[string]string:
		return objectOf(t, resource.NewStringProperty)
	case []map[string]any:
		return arrayOf(t, func(e map[string]any) resource.PropertyValue { return Value(e) })
	case map[string]any:
		return objectOf(t, Value)
	case []any:
		return arrayOf(t, Value)
	case int:
		return resource.NewNumberProperty(float64(t))
	}
	return resource.NewPropertyValue(v)
}

// arrayOf is the array property of a slice, each element converted by conv.
func arrayOf[E any](es []E, conv func(E) resource.PropertyValue) resource.PropertyValue {
	arr := make([]resource.PropertyValue, len(es))
	for i, e := range es {
		arr[i] = conv(e)
	}
	return resource.NewArrayProperty(arr)
}

// objectOf is the object property of a map, each value converted by conv.
func objectOf[E any](m map[string]E, conv func(E) resource.PropertyValue) resource.PropertyValue {
	out := make(resource.PropertyMap, len(m))
	for k, e := range m {
		out[resource.PropertyKey(k)] = conv(e)
	}
	return resource.NewObjectProperty(out)
}
