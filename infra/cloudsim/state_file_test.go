package cloudsim

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLookupMissesReadTheWorldOnlyWhenAnotherProcessWroteIt: a lookup that misses takes in what
// another process (here a second store on the same file) wrote, but a world nobody wrote since
// is neither read nor rewritten, however many lookups miss (a preview's lookups of resources
// not created yet), and a store's own pending change is written before it reads.
func TestLookupMissesReadTheWorldOnlyWhenAnotherProcessWroteIt(t *testing.T) {
	file := filepath.Join(t.TempDir(), "world.json")
	a, err := newStore(file)
	require.NoError(t, err)
	defer a.close()
	b, err := newStore(file)
	require.NoError(t, err)
	defer b.close()
	view := &scopeView{st: a, account: defaultAccount, region: "ca-central-1"}

	require.NoError(t, a.flush())
	before, err := os.Stat(file)
	require.NoError(t, err)
	for i := 0; i < 50; i++ {
		assert.Nil(t, view.find("aws:sqs/queue:Queue", "missing"))
	}
	after, err := os.Stat(file)
	require.NoError(t, err)
	assert.True(t, os.SameFile(before, after) && after.ModTime().Equal(before.ModTime()), "misses do not rewrite an unchanged world")

	time.Sleep(10 * time.Millisecond) // a later write has a later time on coarse clocks too
	b.put(&record{Type: "aws:sqs/queue:Queue", ID: "q-1", Region: "ca-central-1", Account: defaultAccount,
		Outputs: map[string]any{"name": "jobs"}})
	require.NoError(t, b.flush())
	assert.Equal(t, "jobs", view.lookupOut("aws:sqs/queue:Queue", "q-1", "name"), "another process's write is seen on a miss")

	a.put(&record{Type: "aws:sqs/queue:Queue", ID: "q-2", Region: "ca-central-1", Account: defaultAccount})
	assert.Nil(t, view.find("aws:sqs/queue:Queue", "missing"))
	require.NoError(t, b.flush())
	assert.NotNil(t, b.get(defaultAccount, "ca-central-1", "aws:sqs/queue:Queue", "q-2"), "a miss writes what is pending first")
}
