package credential

import (
	"regexp"

	"github.com/cds-snc/notification-pulumi/components/internal/problems"
)

var (
	secretName = regexp.MustCompile(`^[A-Za-z0-9/_+=.@-]{1,512}$`)
	arnSuffix  = regexp.MustCompile(`-[A-Za-z0-9]{6}$`)
	userName   = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,128}$`)
)

const (
	minBits           = 128
	maxDescription    = 2048
	minPasswordLength = 16
	maxPasswordLength = 128
)

// Validate reports every problem of args, after defaults, at once. New calls it; a component
// that creates a Credential calls it in its own validation, so that nothing is registered
// when either is wrong.
func (a Args) Validate() error { return a.withDefaults().validate() }

func (a Args) validate() error {
	found := problems.New("credential")
	add := found.Addf
	switch {
	case !secretName.MatchString(a.SecretName):
		add("SecretName: got %q (%d characters), want 1 to 512 ASCII letters, digits and /_+=.@-", a.SecretName, len(a.SecretName))
	case arnSuffix.MatchString(a.SecretName):
		add("SecretName: got %q, which ends with a hyphen and six characters; want another ending (Secrets Manager appends one to the ARN, and partial-ARN look-ups would be ambiguous)", a.SecretName)
	}
	if len(a.Description) > maxDescription {
		add("Description: got %d characters, want at most %d", len(a.Description), maxDescription)
	}
	if !userName.MatchString(a.Username) {
		add("Username: got %q, want 1 to 128 letters, digits, '_', '.' or '-'", a.Username)
	}
	if a.KmsKeyArn == nil {
		add("KmsKeyArn: got nil, want the KMS key ARN that encrypts the secret")
	}
	if a.PasswordLength < minPasswordLength || a.PasswordLength > maxPasswordLength {
		add("PasswordLength: got %d, want %d to %d", a.PasswordLength, minPasswordLength, maxPasswordLength)
	}
	if problem := alphabetProblem(a.Alphabet); problem != "" {
		add("Alphabet: got %q: %s; want distinct URL-unreserved characters (letters, digits, '-', '.', '_', '~')", a.Alphabet, problem)
	} else if bits := EntropyBits(a.PasswordLength, a.Alphabet); bits < float64(minBits) {
		add("PasswordLength/Alphabet: got %d characters from an alphabet of %d, %.0f bits; want at least %d bits", a.PasswordLength, len(a.Alphabet), bits, minBits)
	}
	if a.Previous != nil && a.Previous.Name == "" {
		add("Previous.Name: got empty, want the former logical name of the secret and its version")
	}
	return found.Err()
}
