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
		if k := jsonName(t.Field(i)); k != "-" {
			keys = append(keys, k)
		}
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
	unread := map[string]bool{}
	v := reflect.ValueOf(&cfg).Elem()
	for i := 0; i < v.NumField(); i++ {
		field := v.Type().Field(i)
		key := jsonName(field)
		if key == "-" {
			continue
		}
		raw, ok := get(key)
		if !ok {
			continue
		}
		if err := decodeField(key, raw, v.Field(i)); err != nil {
			errs = append(errs, err)
			unread[key] = true
		}
	}
	for key, secret := range cfg.Secrets.byKey() {
		if raw, ok := get(key); ok {
			*secret = NewSecret(raw)
		}
	}
	// The values that could be read are validated too, so one run lists every problem; a key
	// that could not be read keeps its default, whose problems would only mislead.
	cfg = cfg.derive()
	if err := cfg.validate(stack); err != nil {
		for _, p := range flatten(err) {
			var ce *ConfigError
			if errors.As(p, &ce) && unread[topKey(ce.Key)] {
				continue
			}
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		return Config{}, errors.Join(errs...)
	}
	return cfg, nil
}

// KeyError is a key of the stack file that is unknown or whose value cannot be read as its
// type. Key is the key without the namespace; Field, when set, is the object field at fault
// (eks.minSize for a string where a number belongs), so tools can point at its line.
type KeyError struct {
	Key, Field string
	Err        error
}

func (e *KeyError) Error() string { return fmt.Sprintf("%s:%s: %v", Namespace, e.Key, e.Err) }

func (e *KeyError) Unwrap() error { return e.Err }

// Path is the key, and the field when one is named, as ConfigError.Key spells them.
func (e *KeyError) Path() string {
	if e.Field == "" {
		return e.Key
	}
	return e.Key + "." + e.Field
}

// flatten lists the problems of an errors.Join.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// topKey is the stack file key of a problem's key: eks for eks.minSize, network for
// network.availabilityZones[1].
func topKey(key string) string {
	if i := strings.IndexAny(key, ".["); i >= 0 {
		return key[:i]
	}
	return key
}

// decodeField decodes one raw value into its field: strings verbatim, anything else as JSON
// with unknown object keys refused so a typo is reported instead of ignored.
func decodeField(key, raw string, field reflect.Value) error {
	if field.Kind() == reflect.String {
		field.SetString(raw)
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(field.Addr().Interface()); err != nil {
		problem, at := jsonProblem(err)
		return &KeyError{Key: key, Field: at, Err: fmt.Errorf("value %q is not a valid %s: %s", truncate(raw), describe(field.Type()), problem)}
	}
	return nil
}

// jsonProblem says what is wrong in the terms of the stack file rather than Go's, and which
// field of an object is at fault when JSON says.
func jsonProblem(err error) (problem, field string) {
	var typ *json.UnmarshalTypeError
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &typ) && typ.Field != "":
		return fmt.Sprintf("%s: got a %s, want a %s", typ.Field, typ.Value, describe(typ.Type)), typ.Field
	case errors.As(err, &typ):
		return fmt.Sprintf("got a %s", typ.Value), ""
	case errors.As(err, &syntax):
		return "not valid JSON or YAML here (" + syntax.Error() + ")", ""
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if name, ok := strings.CutPrefix(msg, "unknown field "); ok {
		return msg, strings.Trim(name, `"`)
	}
	return msg, ""
}

func unknownKeys(present []string) []error {
	known := map[string]bool{}
	for _, k := range SecretKeys {
		known[k] = true
	}
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
		errs = append(errs, &KeyError{Key: k, Err: fmt.Errorf("unknown key; allowed keys are %s", strings.Join(Keys(), ", "))})
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
