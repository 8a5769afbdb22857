package problems

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestList(t *testing.T) {
	l := New("cdn")
	assert.NoError(t, l.Err())
	assert.NoError(t, l.Sorted())
	l.Bad("Zone", `""`, "a zone id")
	l.Addf("Domain: got %q, want a domain", "x y")
	l.Add(errors.New("cdn: Alpha: wrong"))
	assert.EqualError(t, l.Err(), "cdn: Zone: got \"\", want a zone id\ncdn: Domain: got \"x y\", want a domain\ncdn: Alpha: wrong")
	assert.EqualError(t, l.Sorted(), "cdn: Alpha: wrong\ncdn: Domain: got \"x y\", want a domain\ncdn: Zone: got \"\", want a zone id")
}
