package cloudsim

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Phase says when a rule is applied.
type Phase int

const (
	// OnCheck rules run when the engine checks inputs, in previews too: the provider's own
	// schema validation (name lengths and characters) and awsx's validations of its arguments.
	OnCheck Phase = iota
	// OnCreate rules run when the resource is created: AWS's API refuses the request.
	OnCreate
	// OnUpdate rules run when the resource is updated.
	OnUpdate
	// OnDelete rules run when the resource is deleted.
	OnDelete
)

func (p Phase) String() string {
	switch p {
	case OnCheck:
		return "check (preview and up)"
	case OnCreate:
		return "create"
	case OnUpdate:
		return "update"
	default:
		return "delete"
	}
}

// Rule is one refusal of AWS's (or awsx's) that the simulated cloud reproduces. A rehearsal is
// only worth what the simulator refuses: every rule AWS enforces that the program relies on is
// a Rule here, with AWS's error code and message, where it is documented, and a test with a
// passing and a failing case (rules_test.go checks that every rule has both).
type Rule struct {
	// ID is stable and short, "<service>.<what>", e.g. "lambda.image-exists".
	ID string
	// Service and Operation name the AWS API that refuses, e.g. "Lambda" and "CreateFunction";
	// for awsx, "awsx" and the component ("ec2.Vpc").
	Service, Operation string
	// Resource is how the provider names the resource in its errors, e.g. "Lambda Function".
	Resource string
	// Code is AWS's error code (InvalidParameterValueException); awsx rules have none.
	Code string
	// Status is the HTTP status AWS answers with. Default 400.
	Status int
	// Summary says in one line what is refused.
	Summary string
	// Source is where the behaviour is documented: an AWS API reference page or awsx's source.
	Source string
	// Types are the resource type tokens the rule applies to.
	Types []string
	// Phases say when it applies.
	Phases []Phase
	// Check returns the refusal's message, or "" when the request is accepted.
	Check func(c *RuleCall) string
}

// RuleCall is one request a rule judges.
type RuleCall struct {
	Phase Phase
	// Obj is the resource as requested: type, logical name, region, account and the new inputs.
	Obj *object
	// Olds are the inputs before an update (nil on create and check).
	Olds resource.PropertyMap
	// World is the whole simulated world (every account and region).
	World *store
}

// str returns a string input of the request.
func (c *RuleCall) str(key string) string { return c.Obj.str(key) }

// RefusalError is AWS's refusal of a request, in the shape the real provider reports it.
type RefusalError struct {
	Rule    *Rule
	Name    string // the resource's AWS name, or its logical name
	Verb    string // creating, updating
	Message string
}

func (e *RefusalError) Error() string {
	tag := fmt.Sprintf(" [cloudsim rule %s, %s]", e.Rule.ID, e.Rule.Source)
	if e.Rule.Code == "" { // awsx: a plain error of the component
		return fmt.Sprintf("%s%s", e.Message, tag)
	}
	status := e.Rule.Status
	if status == 0 {
		status = 400
	}
	return fmt.Sprintf("%s %s (%s): operation error %s: %s, https response error StatusCode: %d, RequestID: %s, %s: %s%s",
		e.Verb, e.Rule.Resource, e.Name, e.Rule.Service, e.Rule.Operation, status, requestID(e.Name+e.Rule.ID),
		e.Rule.Code, e.Message, tag)
}

// requestID is a stable, AWS-shaped request id.
func requestID(seed string) string {
	h := hashHex(seed, 32)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// catalogue holds every rule by id.
var catalogue = map[string]*Rule{}

// rulesByType indexes the rules by resource type.
var rulesByType = map[string][]*Rule{}

// register adds a rule to the catalogue (from the init of the service's rules file).
func register(r Rule) *Rule {
	if _, dup := catalogue[r.ID]; dup {
		panic("cloudsim: rule registered twice: " + r.ID)
	}
	if r.Check == nil || len(r.Types) == 0 || len(r.Phases) == 0 || r.Source == "" || r.Summary == "" {
		panic("cloudsim: rule " + r.ID + " lacks a check, types, phases, source or summary")
	}
	p := &r
	catalogue[r.ID] = p
	for _, t := range r.Types {
		rulesByType[t] = append(rulesByType[t], p)
	}
	return p
}

// Rules returns the catalogue sorted by id (for the generated docs and tests).
func Rules() []*Rule {
	return slices.SortedFunc(maps.Values(catalogue), func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
}

// judge applies every rule of the object's type for a phase and returns the first refusal
// (AWS answers one error per request).
func judge(c *RuleCall) error {
	for _, r := range rulesByType[c.Obj.Type] {
		if !hasPhase(r, c.Phase) {
			continue
		}
		if msg := r.Check(c); msg != "" {
			verb := map[Phase]string{OnUpdate: "updating", OnDelete: "deleting"}[c.Phase]
			if verb == "" {
				verb = "creating"
			}
			name := c.Obj.Name
			if nameProp(c.Obj.Type) != "" {
				name = c.Obj.name()
			}
			return &RefusalError{Rule: r, Name: name, Verb: verb, Message: msg}
		}
	}
	return nil
}

func hasPhase(r *Rule, p Phase) bool {
	for _, x := range r.Phases {
		if x == p {
			return true
		}
	}
	return false
}

// CatalogueMarkdown renders the catalogue as the table of docs/rules.md.
func CatalogueMarkdown() string {
	var b strings.Builder
	b.WriteString("| rule | refuses | AWS error | when | source |\n|---|---|---|---|---|\n")
	for _, r := range Rules() {
		code := "`" + r.Code + "`"
		switch {
		case r.Code != "":
		case r.Service == "awsx":
			code = "(awsx error)"
		default:
			code = "(provider validation, before any AWS call)"
		}
		var phases []string
		for _, p := range r.Phases {
			phases = append(phases, p.String())
		}
		fmt.Fprintf(&b, "| `%s` | %s (%s %s) | %s | %s | %s |\n", r.ID, r.Summary, r.Service, r.Operation, code,
			strings.Join(phases, ", "), r.Source)
	}
	return b.String()
}
