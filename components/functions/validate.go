package functions

import (
	"fmt"
	"maps"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
)

var (
	imageTag = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$`)
	envName  = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]*$`)
	label    = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,30}$`)
	// secretName flags environment variables that would carry a secret in clear.
	secretName = regexp.MustCompile(`(?i)(password|secret|token|api_?key|private_?key)`)
	// reference marks a variable that names or points at a secret rather than holding it.
	reference = regexp.MustCompile(`(?i)_(arn|name|id)$`)
)

// maxEnvironmentBytes is Lambda's limit on the total size of a function's environment.
const maxEnvironmentBytes = 4096

// roleName is the IAM role of a function in a region (function names repeat across regions,
// role names are account-wide).
func roleName(fn, region string) string { return fn + "-" + region }

func (a Args) validate(catalog []Spec) error {
	found := problems.New("functions")
	add := found.Addf
	if a.NamePrefix == "" {
		add("NamePrefix: got empty, want a name prefix such as notification-canada-ca-dev")
	}
	if !awsrule.AccountID.MatchString(a.AccountID) {
		add("AccountID: got %q, want a 12-digit AWS account id", a.AccountID)
	}
	if a.Architecture != X8664 && a.Architecture != Arm64 {
		add("Architecture: got %q, want %s or %s", a.Architecture, X8664, Arm64)
	}
	found.LogRetention(a.LogRetentionDays)
	specs := map[string]Spec{}
	repos := map[string][]string{}
	vpc := false
	for _, s := range catalog {
		specs[s.Name] = s
		vpc = vpc || s.VPC
		for _, r := range s.Regions {
			repos[r] = append(repos[r], s.Repository)
		}
	}
	for _, role := range slices.Sorted(maps.Keys(a.Regions)) {
		if _, used := repos[role]; !used {
			add("Regions: got role %q, want one of %s, %s, %s", role, RegionPrimary, RegionSMS, RegionEmail)
		}
	}
	for _, role := range slices.Sorted(maps.Keys(repos)) {
		r, ok := a.Regions[role]
		if !ok {
			add("Regions[%s]: got nothing, want the region of its functions", role)
			continue
		}
		if !awsrule.Region.MatchString(r.Name) {
			add("Regions[%s].Name: got %q, want an AWS region such as ca-central-1", role, r.Name)
		}
		if r.Provider == nil && role != RegionPrimary {
			add("Regions[%s].Provider: got nil, want the provider of %s (only the primary region uses the component's provider)", role, r.Name)
		}
		if r.KmsKeyArn == nil {
			add("Regions[%s].KmsKeyArn: got nil, want a KMS key of %s", role, r.Name)
		}
		for _, repo := range repos[role] {
			if _, ok := r.RepositoryURLs[repo]; !ok {
				add("Regions[%s].RepositoryURLs: %q missing, want the registry's URL of it in %s", role, repo, r.Name)
			}
		}
	}
	for _, s := range catalog {
		tag := a.ImageTags[s.Name]
		if !imageTag.MatchString(tag) {
			add("ImageTags[%s]: got %q, want an image tag (letters, digits, '_', '.', '-', up to 128)", s.Name, tag)
		}
		for _, role := range s.Regions {
			if r, ok := a.Regions[role]; ok && len(roleName(s.Name, r.Name)) > 64 {
				add("role of %s in %s: %q is longer than IAM's 64 characters", s.Name, r.Name, roleName(s.Name, r.Name))
			}
		}
		found.Add(a.Functions[s.Name].validate(s)...)
	}
	found.Add(a.GooglePrefixList.validate(catalog)...)
	for _, fn := range slices.Sorted(maps.Keys(a.ImageTags)) {
		if _, ok := specs[fn]; !ok {
			add("ImageTags: got function %q, want one of the catalog", fn)
		}
	}
	for _, fn := range slices.Sorted(maps.Keys(a.Functions)) {
		if _, ok := specs[fn]; !ok {
			add("Functions: got function %q, want one of the catalog", fn)
		}
	}
	if vpc {
		if a.Vpc.ID == nil || a.Vpc.SubnetIDs == nil {
			add("Vpc: got no ID or SubnetIDs, want the VPC and private subnets of the VPC functions")
		}
		if p, err := netip.ParsePrefix(a.Vpc.CidrBlock); err != nil || p.Masked() != p {
			add("Vpc.CidrBlock: got %q, want the VPC's CIDR block", a.Vpc.CidrBlock)
		}
	}
	return found.Err()
}

func (f Function) validate(s Spec) []error {
	var errs []error
	add := func(format string, v ...any) {
		errs = append(errs, fmt.Errorf("functions: Functions[%s]."+format, append([]any{s.Name}, v...)...))
	}
	switch {
	case s.Trigger == TriggerQueue && f.TriggerQueueArn == nil:
		add("TriggerQueueArn: got nil, want the ARN of the queue that triggers it")
	case s.Trigger != TriggerQueue && f.TriggerQueueArn != nil:
		add("TriggerQueueArn: got a queue, want none (it is triggered by %s)", s.Trigger)
	}
	regions := map[string]bool{}
	for _, r := range s.Regions {
		regions[r] = true
		if s.Trigger == TriggerLogs && len(f.LogGroups[r]) == 0 {
			add("LogGroups[%s]: got none, want the delivery log groups it subscribes to in that region", r)
		}
	}
	for _, r := range slices.Sorted(maps.Keys(f.LogGroups)) {
		if s.Trigger != TriggerLogs || !regions[r] {
			add("LogGroups[%s]: got log groups, want none (it runs in %v, triggered by %s)", r, s.Regions, s.Trigger)
		}
		for _, l := range slices.Sorted(maps.Keys(f.LogGroups[r])) {
			if !label.MatchString(l) || f.LogGroups[r][l] == nil {
				add("LogGroups[%s][%q]: want a lowercase label (a-z, 0-9, '-') and a log group name", r, l)
			}
		}
	}
	size := 0
	for _, k := range slices.Sorted(maps.Keys(f.Environment)) {
		size += len(k) + len(f.Environment[k])
		if !envName.MatchString(k) {
			add("Environment: got variable %q, want letters, digits and '_', starting with a letter", k)
		}
		if strings.HasPrefix(strings.ToUpper(k), "AWS_") {
			add("Environment: got variable %q, want no AWS_ variable (Lambda reserves them)", k)
		}
		if secretName.MatchString(k) && !reference.MatchString(k) {
			add("Environment: got variable %q, which looks like a secret; pass its ARN in Access.SecretArns and read it at run time", k)
		}
	}
	if _, set := f.Environment[PrefixListIDVariable]; set && s.PrefixList {
		add("Environment: got variable %s, want it unset (the component gives the prefix list's id)", PrefixListIDVariable)
	}
	if size > maxEnvironmentBytes {
		add("Environment: got %d bytes, want at most %d", size, maxEnvironmentBytes)
	}
	if f.ReservedConcurrency != nil && *f.ReservedConcurrency < Unreserved {
		add("ReservedConcurrency: got %d, want %d (unreserved) or more", *f.ReservedConcurrency, Unreserved)
	}
	return errs
}
