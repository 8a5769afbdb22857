package registry

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// repositoryName is ECR's grammar for repository names: lowercase path components of
// letters and digits separated by '.', '_' or '-', joined by '/'.
var repositoryName = regexp.MustCompile(`^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$`)

// ValidRepositoryName reports why name is not an ECR repository name, or nil.
func ValidRepositoryName(name string) error {
	if len(name) < 2 || len(name) > 256 {
		return fmt.Errorf("%q has %d characters, want 2 to 256", name, len(name))
	}
	if !repositoryName.MatchString(name) {
		return fmt.Errorf("%q is not a repository name (lowercase letters, digits, '.', '_', '-' and '/' between components)", name)
	}
	return nil
}

// slug turns a repository name into a logical-name fragment: notify/api -> notify-api.
func slug(name string) string { return strings.ReplaceAll(name, "/", "-") }

// lifecycleRule and friends are ECR's lifecycle policy grammar.
type lifecycleRule struct {
	RulePriority int               `json:"rulePriority"`
	Description  string            `json:"description"`
	Selection    lifecycleSelector `json:"selection"`
	Action       lifecycleAction   `json:"action"`
}

type lifecycleSelector struct {
	TagStatus   string `json:"tagStatus"`
	CountType   string `json:"countType"`
	CountUnit   string `json:"countUnit,omitempty"`
	CountNumber int    `json:"countNumber"`
}

type lifecycleAction struct {
	Type string `json:"type"`
}

type lifecyclePolicy struct {
	Rules []lifecycleRule `json:"rules"`
}

// LifecyclePolicy is the lifecycle policy of every repository: untagged images (the layers a
// re-pushed tag leaves behind) are kept at most keep at a time and at most expiryDays days.
// Tagged images are never expired: a deployed Lambda or pod may still reference one.
func LifecyclePolicy(expiryDays, keep int) string {
	p := lifecyclePolicy{Rules: []lifecycleRule{
		{
			RulePriority: 1,
			Description:  fmt.Sprintf("keep at most %d untagged images", keep),
			Selection:    lifecycleSelector{TagStatus: "untagged", CountType: "imageCountMoreThan", CountNumber: keep},
			Action:       lifecycleAction{Type: "expire"},
		},
		{
			RulePriority: 2,
			Description:  fmt.Sprintf("expire untagged images after %d days", expiryDays),
			Selection: lifecycleSelector{TagStatus: "untagged", CountType: "sinceImagePushed", CountUnit: "days",
				CountNumber: expiryDays},
			Action: lifecycleAction{Type: "expire"},
		},
	}}
	b, err := json.Marshal(p)
	if err != nil { // only strings and ints: cannot fail
		panic(err)
	}
	return string(b)
}
