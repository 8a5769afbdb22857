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

func TestPlacement(t *testing.T) {
	ok := New("athena")
	ok.Placement("notification-canada-ca-dev", "123456789012", "ca-central-1")
	ok.Placement("p", "123456789012", "us-gov-west-1")
	assert.NoError(t, ok.Err())
	bad := New("athena")
	bad.Placement("", "1234", "canada")
	assert.EqualError(t, bad.Err(), "athena: NamePrefix: got \"\", want the environment's prefix\n"+
		"athena: AccountID: got \"1234\", want a 12-digit AWS account id\n"+
		"athena: Region: got \"canada\", want an AWS region such as ca-central-1")
}
