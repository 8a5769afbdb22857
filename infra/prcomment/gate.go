package prcomment

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/cds-snc/notification-pulumi/infra"
)

// StatefulTypes are the resources whose replacement or deletion loses data or breaks what
// depends on them beyond the stack: the database, the caches, buckets, backup vaults, KMS keys
// (data encrypted with a deleted key is lost) and hosted zones (delegations point at their name
// servers). Each maps to what the refusal calls it.
var StatefulTypes = map[string]string{
	"aws:rds/cluster:Cluster":                           "database cluster",
	"aws:rds/instance:Instance":                         "database instance",
	"aws:rds/globalCluster:GlobalCluster":               "global database",
	"aws:elasticache/replicationGroup:ReplicationGroup": "cache",
	"aws:elasticache/cluster:Cluster":                   "cache",
	"aws:elasticache/serverlessCache:ServerlessCache":   "cache",
	"aws:s3/bucket:Bucket":                              "bucket",
	"aws:s3/bucketV2:BucketV2":                          "bucket",
	"aws:backup/vault:Vault":                            "backup vault",
	"aws:kms/key:Key":                                   "KMS key",
	"aws:kms/replicaKey:ReplicaKey":                     "KMS key",
	"aws:route53/zone:Zone":                             "hosted zone",
	"aws:dynamodb/table:Table":                          "table",
}

// DenyReplaceDefault is --deny-replace's default for a stack: on for production.
func DenyReplaceDefault(stack string) bool { return stack == "production" }

// Allowance lets one reviewed replacement or deletion of a stateful resource through.
type Allowance struct {
	// Stack is the stack it applies to.
	Stack string `yaml:"stack" json:"stack"`
	// Resource is the resource's URN, or its logical name when unique in the stack.
	Resource string `yaml:"resource" json:"resource"`
	// Op is replace or delete.
	Op string `yaml:"op" json:"op"`
	// Reason says why it is safe (the review, the restore plan); required.
	Reason string `yaml:"reason" json:"reason"`
}

// ParseAllowances reads an allowance file:
//
//	allow:
//	  - stack: production
//	    resource: database-cluster
//	    op: replace
//	    reason: "restore from the rehearsed snapshot, reviewed in #123"
//
// Every problem is reported at once; an allowance without a reason is one.
func ParseAllowances(r io.Reader) ([]Allowance, error) {
	var f struct {
		Allow []Allowance `yaml:"allow"`
	}
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read allowances: %w", err)
	}
	var errs []error
	for i, a := range f.Allow {
		if strings.TrimSpace(a.Reason) == "" {
			errs = append(errs, fmt.Errorf("allowance %d (%s %s): reason is required", i+1, a.Op, a.Resource))
		}
		if a.Op != "replace" && a.Op != "delete" {
			errs = append(errs, fmt.Errorf("allowance %d: op %q: allowed are replace, delete", i+1, a.Op))
		}
		if a.Stack == "" || a.Resource == "" {
			errs = append(errs, fmt.Errorf("allowance %d: stack and resource are required", i+1))
		}
	}
	return f.Allow, errors.Join(errs...)
}

// Verdict is the gate's decision on one stack's preview.
type Verdict struct {
	// Refused are the replacements and deletions of stateful resources no allowance covers.
	Refused []Decision `json:"refused"`
	// Allowed are those an allowance let through, with its reason.
	Allowed []Decision `json:"allowed"`
}

// Decision is one stateful resource's replacement or deletion.
type Decision struct {
	URN  string `json:"urn"`
	Type string `json:"type"`
	Name string `json:"name"`
	// Kind is what StatefulTypes calls it.
	Kind string `json:"kind"`
	Op   string `json:"op"`
	// Properties force the replacement (empty for a deletion).
	Properties []string `json:"properties,omitempty"`
	// Reason is the allowance's reason (allowed) or why it is refused.
	Reason string `json:"reason"`
}

// Gate checks a preview for replacements and deletions of stateful resources: each is refused
// unless an allowance of the stack names it with the same operation.
func Gate(res *infra.Result, allow []Allowance) *Verdict {
	v := &Verdict{Refused: []Decision{}, Allowed: []Decision{}}
	if res == nil {
		return v
	}
	for _, rec := range res.Resources {
		kind, stateful := StatefulTypes[rec.Type]
		if !stateful || (rec.Op != "replace" && rec.Op != "delete") {
			continue
		}
		d := Decision{URN: rec.URN, Type: rec.Type, Name: rec.Name, Kind: kind, Op: rec.Op}
		if rec.Op == "replace" {
			d.Properties = forcing(rec)
		}
		if a, ok := allowed(res.Stack, rec, allow); ok {
			d.Reason = a.Reason
			v.Allowed = append(v.Allowed, d)
			continue
		}
		d.Reason = refusal(d)
		v.Refused = append(v.Refused, d)
	}
	sort.Slice(v.Refused, func(i, j int) bool { return v.Refused[i].URN < v.Refused[j].URN })
	sort.Slice(v.Allowed, func(i, j int) bool { return v.Allowed[i].URN < v.Allowed[j].URN })
	return v
}

// forcing names the properties that force a replacement: the engine's replace reasons, else
// the changes marked as replacing.
func forcing(rec infra.ResourceRecord) []string {
	if len(rec.ReplaceReasons) > 0 {
		return rec.ReplaceReasons
	}
	var out []string
	for _, c := range rec.Changes {
		if c.Replace {
			out = append(out, c.Path)
		}
	}
	return out
}

func refusal(d Decision) string {
	if d.Op == "delete" {
		return fmt.Sprintf("the %s %s would be deleted, with what it holds", d.Kind, d.Name)
	}
	why := "the engine gave no reason"
	if len(d.Properties) > 0 {
		why = "a change of " + strings.Join(d.Properties, ", ") + " forces it"
	}
	return fmt.Sprintf("the %s %s would be replaced (a new, empty one created and this one deleted): %s", d.Kind, d.Name, why)
}

func allowed(stack string, rec infra.ResourceRecord, allow []Allowance) (Allowance, bool) {
	for _, a := range allow {
		if a.Stack == stack && a.Op == rec.Op && strings.TrimSpace(a.Reason) != "" &&
			(a.Resource == rec.URN || a.Resource == rec.Name) {
			return a, true
		}
	}
	return Allowance{}, false
}

// GateError is a preview refused by the gate; the CLI maps it to its exit code.
type GateError struct {
	Stack   string
	Refused []Decision
}

func (e *GateError) Error() string {
	msgs := make([]string, len(e.Refused))
	for i, d := range e.Refused {
		msgs[i] = d.Reason
	}
	return fmt.Sprintf("stack %s: --deny-replace refuses %d change(s) of stateful resources: %s (a reviewed change is let through by an allowance with its reason)",
		e.Stack, len(e.Refused), strings.Join(msgs, "; "))
}

// Err is the verdict as an error: a *GateError when anything is refused, else nil.
func (v *Verdict) Err(stack string) error {
	if v == nil || len(v.Refused) == 0 {
		return nil
	}
	return &GateError{Stack: stack, Refused: v.Refused}
}
