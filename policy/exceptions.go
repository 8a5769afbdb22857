package policy

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Exception excuses one rule on one resource, for a stated reason, optionally until a date.
// There are no wildcards: a rule applies everywhere except where an exception names the place.
type Exception struct {
	// Rule is the rule's id.
	Rule string `yaml:"rule" json:"rule"`
	// Resource is the resource's URN, or its logical name when only one resource the rule
	// checks has that name.
	Resource string `yaml:"resource" json:"resource"`
	// Reason says why the resource is right as it is, or what is waited for.
	Reason string `yaml:"reason" json:"reason"`
	// Expires (YYYY-MM-DD, optional) is the last day the exception holds; after it, Check
	// reports it as an error.
	Expires string `yaml:"expires,omitempty" json:"expires,omitempty"`
	// Source is the file and line the exception was read from.
	Source string `yaml:"-" json:"source,omitempty"`
}

// Exceptions are one stack's exceptions.
type Exceptions struct {
	List []Exception `json:"exceptions"`
}

// commonExceptions is the file of exceptions that hold in every stack: a choice of the
// program itself, the same in each environment.
const commonExceptions = "all"

//go:embed exceptions
var exceptionFiles embed.FS

// ExceptionsFor returns the exceptions of a stack: policy/exceptions/all.yaml (choices of the
// program, the same in every stack) and policy/exceptions/<stack>.yaml (an environment's own;
// a stack without one, such as a drill's, has none). Both are compiled into the program with
// the rules, so they are reviewed with the code they excuse.
func ExceptionsFor(stack string) (Exceptions, error) {
	out := Exceptions{List: []Exception{}}
	var errs []error
	seen := map[[2]string]string{}
	for _, name := range []string{commonExceptions, stack} {
		if name == commonExceptions && stack == commonExceptions {
			continue
		}
		path := "exceptions/" + name + ".yaml"
		data, err := exceptionFiles.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return Exceptions{}, fmt.Errorf("read policy/%s: %w", path, err)
		}
		ex, err := ParseExceptions("policy/"+path, data)
		if err != nil {
			errs = append(errs, err)
		}
		for _, e := range ex.List {
			key := [2]string{e.Rule, e.Resource}
			if first, dup := seen[key]; dup {
				errs = append(errs, fmt.Errorf("%s: rule %s on %s is already excepted at %s", e.Source, e.Rule, e.Resource, first))
				continue
			}
			seen[key] = e.Source
			out.List = append(out.List, e)
		}
	}
	return out, errors.Join(errs...)
}

// ParseExceptions reads an exceptions file:
//
//	exceptions:
//	  - rule: rds-deletion-protection
//	    resource: database-cluster
//	    reason: ...
//	    expires: 2027-06-30
//
// Every problem is reported at once, each with its line: an unknown key or rule, a missing
// resource or reason, a wildcard, a malformed date, the same rule and resource twice.
func ParseExceptions(source string, data []byte) (Exceptions, error) {
	out := Exceptions{List: []Exception{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return out, fmt.Errorf("%s: %w", source, err)
	}
	if len(doc.Content) == 0 {
		return out, nil
	}
	root := doc.Content[0]
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", source, line, fmt.Sprintf(format, args...)))
	}
	if root.Kind != yaml.MappingNode {
		return out, fmt.Errorf("%s:%d: want a mapping with the key exceptions", source, root.Line)
	}
	var items *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "exceptions" {
			fail(k.Line, "unknown key %q (allowed: exceptions)", k.Value)
			continue
		}
		items = v
	}
	if items != nil && items.Kind != yaml.SequenceNode && !(items.Kind == yaml.ScalarNode && items.Tag == "!!null") {
		fail(items.Line, "exceptions: want a list")
		items = nil
	}
	seen := map[[2]string]int{}
	if items != nil {
		for _, n := range items.Content {
			e, problems := parseException(n)
			e.Source = fmt.Sprintf("%s:%d", source, n.Line)
			for _, p := range problems {
				fail(n.Line, "%s", p)
			}
			if len(problems) > 0 {
				continue
			}
			key := [2]string{e.Rule, e.Resource}
			if first, dup := seen[key]; dup {
				fail(n.Line, "rule %s on %s is already excepted at line %d", e.Rule, e.Resource, first)
				continue
			}
			seen[key] = n.Line
			out.List = append(out.List, e)
		}
	}
	return out, errors.Join(errs...)
}

func parseException(n *yaml.Node) (Exception, []string) {
	e := Exception{}
	if n.Kind != yaml.MappingNode {
		return e, []string{"an exception is a mapping of rule, resource, reason and optionally expires"}
	}
	var problems []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			problems = append(problems, fmt.Sprintf("%s: want a string", k.Value))
			continue
		}
		val := strings.TrimSpace(v.Value)
		switch k.Value {
		case "rule":
			e.Rule = val
		case "resource":
			e.Resource = val
		case "reason":
			e.Reason = val
		case "expires":
			e.Expires = val
		default:
			problems = append(problems, fmt.Sprintf("unknown key %q (allowed: rule, resource, reason, expires)", k.Value))
		}
	}
	switch _, known := Lookup(e.Rule); {
	case e.Rule == "":
		problems = append(problems, "rule: missing: name the rule excepted")
	case !known:
		problems = append(problems, fmt.Sprintf("rule: %q is not a rule (docs/policy.md lists them)", e.Rule))
	}
	switch {
	case e.Resource == "":
		problems = append(problems, "resource: missing: name the resource (URN or logical name); there are no blanket exceptions")
	case strings.ContainsAny(e.Resource, "*?[]"):
		problems = append(problems, fmt.Sprintf("resource: %q is a pattern: name one resource; there are no blanket exceptions", e.Resource))
	}
	if e.Reason == "" {
		problems = append(problems, "reason: missing: say why the resource is right as it is")
	}
	if e.Expires != "" {
		if _, err := time.Parse(time.DateOnly, e.Expires); err != nil {
			problems = append(problems, fmt.Sprintf("expires: %q is not a date (YYYY-MM-DD)", e.Expires))
		}
	}
	return e, problems
}

// expired reports whether the exception's last day is before now's date (UTC).
func (e Exception) expired(now time.Time) bool {
	if e.Expires == "" {
		return false
	}
	last, err := time.Parse(time.DateOnly, e.Expires)
	if err != nil {
		return true
	}
	return now.UTC().After(last.Add(24 * time.Hour))
}

func (e Exception) where() string {
	if e.Source != "" {
		return fmt.Sprintf("%s: exception %s on %s", e.Source, e.Rule, e.Resource)
	}
	return fmt.Sprintf("exception %s on %s", e.Rule, e.Resource)
}
