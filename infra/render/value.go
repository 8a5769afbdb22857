package render

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Placeholders for values the rendered graph cannot show.
const (
	Secret  = "[secret]"
	Unknown = "[unknown]"
	Asset   = "[asset]"
	Archive = "[archive]"
)

func plainMap(m resource.PropertyMap) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[string(k)] = plainValue(v)
	}
	return out
}

// plainValue turns a property value into plain JSON values, hiding secrets and marking unknowns.
func plainValue(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return Secret
	case v.IsComputed():
		return Unknown
	case v.IsOutput():
		o := v.OutputValue()
		switch {
		case o.Secret:
			return Secret
		case !o.Known:
			return Unknown
		}
		return plainValue(o.Element)
	case v.IsResourceReference():
		return string(v.ResourceReferenceValue().URN)
	case v.IsAsset():
		return Asset
	case v.IsArchive():
		return Archive
	case v.IsArray():
		arr := v.ArrayValue()
		out := make([]any, len(arr))
		for i, e := range arr {
			out[i] = plainValue(e)
		}
		return out
	case v.IsObject():
		return plainMap(v.ObjectValue())
	case v.IsNull():
		return nil
	}
	return v.V
}
