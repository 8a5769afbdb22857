package stacks

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGooglePrefixListMaxEntries: today's sizes by default and in dev's stack file, and a size
// EC2 refuses is reported with the key.
func TestGooglePrefixListMaxEntries(t *testing.T) {
	for stack, want := range map[string]int{"dev": 20, "staging": 100, "production": 100} {
		c, err := loadStack(t, stack, nil)
		require.NoError(t, err, stack)
		assert.Equal(t, want, c.GooglePrefixListMaxEntries, stack)
	}
	for _, bad := range []string{"0", "1001"} {
		_, err := loadStack(t, "staging", map[string]string{"gcnotify:googlePrefixListMaxEntries": bad})
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), `gcnotify:googlePrefixListMaxEntries: got "`+bad+`", want 1 to 1000`)
	}
}
