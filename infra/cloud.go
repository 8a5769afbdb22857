package infra

import (
	"fmt"
	"strings"
)

// Cloud is where a stack's resources live.
type Cloud string

// The clouds a stack can target. There is no default: callers choose explicitly.
const (
	// CloudSim is the simulated AWS of infra/cloudsim, served from the caller's process.
	CloudSim Cloud = "sim"
	// CloudAWS is real AWS, through the real provider plugins and the caller's credentials.
	CloudAWS Cloud = "aws"
)

// ParseCloud parses "sim" or "aws".
func ParseCloud(s string) (Cloud, error) {
	switch c := Cloud(strings.ToLower(strings.TrimSpace(s))); c {
	case CloudSim, CloudAWS:
		return c, nil
	}
	return "", fmt.Errorf("cloud %q is not known: want sim (the simulated AWS, for rehearsals) or aws (real AWS)", s)
}

// awsCredentialSources are the environment variables through which the AWS provider finds
// credentials without a shared config file lookup; any one set is enough.
var awsCredentialSources = [][]string{
	{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"},
	{"AWS_PROFILE"},
	{"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN"},
	{"AWS_CONTAINER_CREDENTIALS_FULL_URI"},
	{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"},
}

// CheckAWSCredentials reports a *NoCredentialsError unless the environment names an AWS
// credential source: access keys, a profile, web identity (CI), or container credentials.
func CheckAWSCredentials(lookup func(string) (string, bool)) error {
	for _, set := range awsCredentialSources {
		ok := true
		for _, name := range set {
			if v, found := lookup(name); !found || v == "" {
				ok = false
				break
			}
		}
		if ok {
			return nil
		}
	}
	return &NoCredentialsError{
		Need: "AWS credentials: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN",
		Hint: "to rehearse without AWS, run the same command with --cloud sim",
	}
}
