package component

import (
	"errors"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
)

func TestStepsStopAtTheFirstError(t *testing.T) {
	var called []string
	step := func(label string, err error) Step[string] {
		return func(_ *pulumi.Context, name, args string, child []pulumi.ResourceOption) error {
			called = append(called, label+":"+name+":"+args)
			assert.Len(t, child, 1)
			return err
		}
	}
	child := []pulumi.ResourceOption{pulumi.Protect(true)}
	assert.NoError(t, Steps(nil, "n", "a", child, step("one", nil), step("two", nil)))
	assert.Equal(t, []string{"one:n:a", "two:n:a"}, called)

	called = nil
	boom := errors.New("boom")
	assert.ErrorIs(t, Steps(nil, "n", "a", child, step("one", boom), step("two", nil)), boom)
	assert.Equal(t, []string{"one:n:a"}, called)
}
