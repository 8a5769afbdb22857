package stackfile

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Problem is one problem of a stack file, at the line and column of the key it is about (or of
// the syntax error) when they are known.
type Problem struct {
	// File is the stack file's name (Pulumi.<stack>.yaml).
	File string
	// Line and Column are 1-based; 0 when unknown (a key the file does not set).
	Line, Column int
	Err          error
}

func (p *Problem) Error() string {
	switch {
	case p.Line > 0 && p.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %v", p.File, p.Line, p.Column, p.Err)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %v", p.File, p.Line, p.Err)
	}
	return fmt.Sprintf("%s: %v", p.File, p.Err)
}

func (p *Problem) Unwrap() error { return p.Err }

// yamlLinePrefix is the position the YAML parser puts in its messages. It is not used: the
// parser names the line where the enclosing block started (line 2, "config:") or is one off
// for parser errors, so the position is found by locateSyntaxError instead.
var yamlLinePrefix = regexp.MustCompile(`^yaml: (line [0-9]+: )?`)

// syntaxProblem returns the stack file's YAML syntax error, at its line and column, or nil.
func syntaxProblem(file string, raw []byte) *Problem {
	var n yaml.Node
	err := yaml.Unmarshal(raw, &n)
	if err == nil {
		return nil
	}
	line, col := locateSyntaxError(string(raw))
	msg := yamlLinePrefix.ReplaceAllString(err.Error(), "")
	return &Problem{File: file, Line: line, Column: col, Err: fmt.Errorf("not valid YAML: %s", msg)}
}

// locateSyntaxError finds where a text that does not parse goes wrong: the line after the
// longest run of whole lines that parses, and on it the column after the longest prefix that
// still parses (an unclosed '[' or '"' is where the text stops parsing, whatever the parser
// names).
func locateSyntaxError(text string) (line, column int) {
	parses := func(s string) bool {
		var n yaml.Node
		return yaml.Unmarshal([]byte(s), &n) == nil
	}
	lines := strings.SplitAfter(text, "\n")
	good := 0
	for n := len(lines) - 1; n >= 0; n-- {
		if parses(strings.Join(lines[:n], "")) {
			good = n
			break
		}
	}
	if good >= len(lines) {
		return 0, 0
	}
	prefix := strings.Join(lines[:good], "")
	bad := strings.TrimRight(lines[good], "\r\n")
	for c := len(bad); c >= 0; c-- {
		if parses(prefix + bad[:c]) {
			return good + 1, c + 1
		}
	}
	return good + 1, 0
}

// positions maps the stack file's configuration keys to where they are written.
type positions struct {
	project string
	keys    map[string]*yaml.Node // "namespace:name" -> the key's node
	values  map[string]*yaml.Node // "namespace:name" -> the value's node
}

// readPositions indexes the keys under the stack file's config (nothing when it does not parse).
func readPositions(raw []byte, project string) positions {
	p := positions{project: project, keys: map[string]*yaml.Node{}, values: map[string]*yaml.Node{}}
	var doc yaml.Node
	if yaml.Unmarshal(raw, &doc) != nil || len(doc.Content) == 0 {
		return p
	}
	config := child(doc.Content[0], "config")
	if config == nil || config.Kind != yaml.MappingNode {
		return p
	}
	for i := 0; i+1 < len(config.Content); i += 2 {
		name := config.Content[i].Value
		if !strings.Contains(name, ":") {
			// Pulumi puts keys without a namespace in the project's.
			name = project + ":" + name
		}
		p.keys[name], p.values[name] = config.Content[i], config.Content[i+1]
	}
	return p
}

// child is the value of a mapping's key, or nil.
func child(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// at returns the line and column of a key as problems name it ("gcnotify:eks.minSize",
// "gcnotify:network.availabilityZones[1]", "aws:region"): the deepest part of the path the file
// writes, so a key the file leaves to its default points at its parent object, and one the file
// does not set at all is 0, 0.
func (p positions) at(path string) (line, column int) {
	ns, rest, _ := strings.Cut(path, ":")
	end := strings.IndexAny(rest, ".[")
	if end < 0 {
		end = len(rest)
	}
	top := ns + ":" + rest[:end]
	key, node := p.keys[top], p.values[top]
	if key == nil {
		return 0, 0
	}
	line, column = key.Line, key.Column
	rest = rest[end:]
	for rest != "" && node != nil {
		switch {
		case strings.HasPrefix(rest, "[") && node.Kind == yaml.SequenceNode:
			stop := strings.IndexByte(rest, ']')
			if stop < 0 {
				return line, column
			}
			i, err := strconv.Atoi(rest[1:stop])
			if err != nil || i < 0 || i >= len(node.Content) {
				return line, column
			}
			node = node.Content[i]
			line, column = node.Line, node.Column
			rest = rest[stop+1:]
		case strings.HasPrefix(rest, ".") && node.Kind == yaml.MappingNode:
			rest = rest[1:]
			// The longest key that starts the rest: map keys may hold dots (tags.app.kubernetes.io/name).
			best := -1
			for i := 0; i+1 < len(node.Content); i += 2 {
				k := node.Content[i].Value
				if (rest == k || strings.HasPrefix(rest, k+".") || strings.HasPrefix(rest, k+"[")) &&
					(best < 0 || len(k) > len(node.Content[best].Value)) {
					best = i
				}
			}
			if best < 0 {
				return line, column
			}
			line, column = node.Content[best].Line, node.Content[best].Column
			rest = rest[len(node.Content[best].Value):]
			node = node.Content[best+1]
		default:
			return line, column
		}
	}
	return line, column
}
