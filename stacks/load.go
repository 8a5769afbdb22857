package stacks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// Getter returns the raw value of a configuration key in the project namespace (without the
// "gcnotify:" prefix) and whether it is set. Objects and lists arrive as JSON text.
type Getter func(key string) (string, bool)

// Keys lists every configuration key Load reads, in the order of the Config struct.
func Keys() []string {
	t := reflect.TypeOf(Config{})
	keys := make([]string, 0, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		keys = append(keys, jsonName(t.Field(i)))
	}
	return keys
}

// Load reads the configuration through get over the documented defaults and validates the
// result: a key that is not set keeps its default, and an object sets only the fields it names.
// stack is the Pulumi stack name, the default environment name. present lists every key
// set in the namespace (nil to skip the unknown-key check). Every problem found is returned at
// once, joined.
func Load(stack string, get Getter, present []string) (Config, error) {
	var errs []error
	errs = append(errs, unknownKeys(present)...)

	cfg := Defaults(stack)
	v := reflect.ValueOf(&cfg).Elem()
	for i := 0; i < v.NumField(); i++ {
		field := v.Type().Field(i)
		key := jsonName(field)
		raw, ok := get(key)
		if !ok {
			continue
		}
		if err := decodeField(raw, v.Field(i)); err != nil {
			errs = append(errs, fmt.Errorf("%s:%s: %w", Namespace, key, err))
		}
	}
	if len(errs) > 0 {
		return Config{}, errors.Join(errs...)
	}
	cfg = cfg.derive()
	if err := cfg.Validate(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// decodeField decodes one raw value into its field: strings verbatim, anything else as JSON
// with unknown object keys refused so a typo is reported instead of ignored.
func decodeField(raw string, field reflect.Value) error {
	if field.Kind() == reflect.String {
		field.SetString(raw)
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(field.Addr().Interface()); err != nil {
		return fmt.Errorf("value %q is not a valid %s: %s", truncate(raw), describe(field.Type()), jsonProblem(err))
	}
	return nil
}

// jsonProblem says what is wrong in the terms of the stack file rather than Go's.
func jsonProblem(err error) string {
	var typ *json.UnmarshalTypeError
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &typ) && typ.Field != "":
		return fmt.Sprintf("%s: got a %s, want a %s", typ.Field, typ.Value, describe(typ.Type))
	case errors.As(err, &typ):
		return fmt.Sprintf("got a %s", typ.Value)
	case errors.As(err, &syntax):
		return "not valid JSON or YAML here (" + syntax.Error() + ")"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func unknownKeys(present []string) []error {
	known := map[string]bool{SlackWebhookKey: true, OpsGenieKey: true}
	for _, k := range Keys() {
		known[k] = true
	}
	var unknown []string
	for _, k := range present {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	errs := make([]error, 0, len(unknown))
	for _, k := range unknown {
		errs = append(errs, fmt.Errorf("%s:%s: unknown key; allowed keys are %s", Namespace, k,
			strings.Join(Keys(), ", ")))
	}
	return errs
}

func jsonName(f reflect.StructField) string {
	return strings.Split(f.Tag.Get("json"), ",")[0]
}

func describe(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "boolean (true or false)"
	case reflect.Int:
		return "whole number"
	case reflect.Slice:
		return "list"
	case reflect.Map:
		return "map of strings"
	default:
		return "object with keys " + strings.Join(fieldNames(t), ", ")
	}
}

func fieldNames(t reflect.Type) []string {
	if t.Kind() != reflect.Struct {
		return nil
	}
	names := make([]string, 0, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		names = append(names, jsonName(t.Field(i)))
	}
	return names
}

func truncate(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}
