package credential

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewPasswordDrawsFromTheAlphabet(t *testing.T) {
	seen := map[rune]bool{}
	for range 20 {
		p, err := NewPassword(32, "xyz")
		require.NoError(t, err)
		assert.Regexp(t, `^[xyz]{32}$`, p)
		for _, c := range p {
			seen[c] = true
		}
	}
	assert.Len(t, seen, 3, "every character of the alphabet is used")
	a, _ := NewPassword(32, DefaultAlphabet)
	b, _ := NewPassword(32, DefaultAlphabet)
	assert.NotEqual(t, a, b)
	_, err := NewPassword(8, "")
	assert.Error(t, err)
}

// TestAllowedCharactersNeedNoEscapingInAURL is why Alphabet is restricted: the password is
// written as is in postgres:// and rediss:// URLs.
func TestAllowedCharactersNeedNoEscapingInAURL(t *testing.T) {
	u := url.URL{Scheme: "postgres", User: url.UserPassword("notify_app", urlUnreserved), Host: "proxy:5432"}
	assert.Equal(t, "postgres://notify_app:"+urlUnreserved+"@proxy:5432", u.String())
	assert.Equal(t, "", alphabetProblem(urlUnreserved))
	for _, c := range "@:/?#%+ !$&'()*,;=[]\"\\" {
		assert.NotEmpty(t, alphabetProblem("ab"+string(c)), "%q", c)
	}
	for _, c := range "@:/?%" {
		assert.NotEqual(t, "u:"+string(c), url.UserPassword("u", string(c)).String(), "%q is escaped", c)
	}
	assert.Contains(t, alphabetProblem("abca"), "'a' appears twice")
	assert.Contains(t, alphabetProblem("a"), "fewer than 2")
	assert.InDelta(t, 190.5, EntropyBits(32, DefaultAlphabet), 0.1)
	assert.True(t, strings.HasPrefix(urlUnreserved, DefaultAlphabet))
}
