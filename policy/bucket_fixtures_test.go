package policy

import (
	"encoding/json"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

// bucketWith is a bucket and, unless typ is empty, one resource of typ that depends on it.
func bucketWith(typ string, inputs map[string]any) []render.Resource {
	b := res(typeBucket, "b", map[string]any{"bucket": "notification-canada-ca-test-b"})
	if typ == "" {
		return []render.Resource{b}
	}
	inputs["bucket"] = render.Unknown
	return []render.Resource{b, res(typ, "b-x", inputs, b.URN)}
}

// one is a graph of one resource.
func one(typ string, inputs map[string]any) []render.Resource {
	return []render.Resource{res(typ, "subject", inputs)}
}

// withDependent is a resource of typ and one of depTyp that depends on it.
func withDependent(typ, depTyp string, depInputs map[string]any) []render.Resource {
	r := res(typ, "subject", map[string]any{})
	return []render.Resource{r, res(depTyp, "subject-dep", depInputs, r.URN)}
}

func mustJSONTest(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
