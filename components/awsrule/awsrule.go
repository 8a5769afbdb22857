// Package awsrule holds the values AWS accepts that both the stack's configuration validator
// (stacks) and the components check: one copy of each rule, so a component never accepts less or
// more than the configuration that feeds it.
package awsrule

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// AccountID is a 12-digit AWS account id.
var AccountID = regexp.MustCompile(`^[0-9]{12}$`)

// AccountIDRule says what AccountID accepts, for error messages.
const AccountIDRule = "a 12-digit AWS account id"

// Region is an AWS region's name, such as ca-central-1.
var Region = regexp.MustCompile(`^[a-z]{2}(?:-[a-z]+)+-[0-9]$`)

// SimpleRegion is the narrower shape several components accept: two letters, an optional
// -gov, one word and a digit (ca-central-1, us-gov-west-1).
var SimpleRegion = regexp.MustCompile(`^[a-z]{2}(-gov)?-[a-z]+-[0-9]$`)

// domainPattern is a lowercase DNS name of at least two labels whose last is letters only.
var domainPattern = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)

// DomainRule says what ValidDomain accepts, for error messages.
const DomainRule = "a lowercase DNS name such as notification.canada.ca"

// ValidDomain reports whether d is a lowercase DNS name of at most 253 characters.
func ValidDomain(d string) bool { return len(d) <= 253 && domainPattern.MatchString(d) }

// LogRetentionDays are the values CloudWatch Logs accepts for retentionInDays (0: never expire).
var LogRetentionDays = []int{0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
	1096, 1827, 2192, 2557, 2922, 3288, 3653}

// ValidLogRetention reports whether days is one of LogRetentionDays.
func ValidLogRetention(days int) bool { return slices.Contains(LogRetentionDays, days) }

// LogRetentionRule says what ValidLogRetention accepts, for error messages.
var LogRetentionRule = func() string {
	s := make([]string, len(LogRetentionDays))
	for i, d := range LogRetentionDays {
		s[i] = strconv.Itoa(d)
	}
	return "one of the values CloudWatch Logs accepts: " + strings.Join(s, ", ") + " (0 never expires)"
}()

// EKS managed node group bounds: the environment's node group keeps at least one node (the
// cluster's add-ons run there), and EKS caps a managed node group at 450.
const (
	MinNodes = 1
	MaxNodes = 450
)
