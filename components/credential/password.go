package credential

import (
	"crypto/rand"
	"fmt"
	"math"
	"math/big"
	"strings"
)

// DefaultAlphabet is the default password alphabet: ASCII letters and digits.
const DefaultAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// urlUnreserved are the characters RFC 3986 leaves unreserved: none of them is ever
// percent-encoded in a URL's userinfo, so a password made of them is written as is in a
// postgres:// or rediss:// URL (and in JSON, a shell or a YAML file).
const urlUnreserved = DefaultAlphabet + "-._~"

// Value is the JSON a credential secret holds, {"username": ..., "password": ...}: the shape
// RDS Proxy requires of its auth secrets.
type Value struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// NewPassword returns length characters drawn uniformly from alphabet with crypto/rand.
func NewPassword(length int, alphabet string) (string, error) {
	if len(alphabet) == 0 {
		return "", fmt.Errorf("generate password: empty alphabet")
	}
	b := make([]byte, length)
	limit := big.NewInt(int64(len(alphabet)))
	for i := range b {
		k, err := rand.Int(rand.Reader, limit)
		if err != nil {
			return "", fmt.Errorf("generate password: %w", err)
		}
		b[i] = alphabet[k.Int64()]
	}
	return string(b), nil
}

// EntropyBits is the strength of a password of length characters drawn uniformly from alphabet.
func EntropyBits(length int, alphabet string) float64 {
	if len(alphabet) < 2 {
		return 0
	}
	return float64(length) * math.Log2(float64(len(alphabet)))
}

// alphabetProblem says what is wrong with an alphabet, or "" when it is fine.
func alphabetProblem(alphabet string) string {
	seen := map[rune]bool{}
	for _, c := range alphabet {
		if !strings.ContainsRune(urlUnreserved, c) {
			return fmt.Sprintf("%q needs escaping in a URL", c)
		}
		if seen[c] {
			return fmt.Sprintf("%q appears twice, which would favour it", c)
		}
		seen[c] = true
	}
	if len(seen) < 2 {
		return "fewer than 2 characters"
	}
	return ""
}
