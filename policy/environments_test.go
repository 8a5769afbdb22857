package policy

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/render"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

// drillStack is an ephemeral stack made from dev's configuration, as a rebuild drill makes one.
const drillStack = "drill1"

var (
	graphsOnce sync.Once
	graphs     map[string]*render.Graph
	graphsErr  error
)

// renderedGraphs renders dev, staging, production (with the tests' DNS account) and an
// ephemeral drill stack once per test binary, concurrently.
func renderedGraphs(t *testing.T) map[string]*render.Graph {
	t.Helper()
	graphsOnce.Do(func() {
		dir := pulumimock.ProjectDir(t, stackfile.Permanent...)
		dev, err := os.ReadFile(filepath.Join(dir, "Pulumi.dev.yaml"))
		require.NoError(t, err)
		drill := append(bytes.TrimRight(dev, "\n"), []byte("\n  gcnotify:ephemeral: true\n")...)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi."+drillStack+".yaml"), drill, 0o644))
		stacks := append(append([]string{}, stackfile.Permanent...), drillStack)
		graphs = map[string]*render.Graph{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, s := range stacks {
			wg.Add(1)
			go func() {
				defer wg.Done()
				g, err := render.Render(context.Background(), render.Options{Stack: s, ProjectDir: dir})
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					graphsErr = err
					return
				}
				graphs[s] = g
			}()
		}
		wg.Wait()
	})
	require.NoError(t, graphsErr)
	return graphs
}

// TestEnvironmentsComply runs every rule on every permanent environment's rendered graph: any
// finding an exception does not excuse, and any stale, expired or ambiguous exception, fails.
func TestEnvironmentsComply(t *testing.T) {
	gs := renderedGraphs(t)
	for _, env := range stackfile.Permanent {
		t.Run(env, func(t *testing.T) {
			ex, err := ExceptionsFor(env)
			require.NoError(t, err)
			rep := Check(gs[env], ex, false)
			if !rep.OK() {
				var b bytes.Buffer
				require.NoError(t, WriteText(&b, rep))
				t.Errorf("%s does not comply:\n%s", env, b.String())
			}
			for _, r := range rep.Rules {
				assert.False(t, r.Skipped, "%s: no rule is skipped in a permanent stack", r.ID)
			}
		})
	}
}

// TestEveryRuleAppliesSomewhere checks that each entry of each rule's Applies matched a
// resource in at least one environment (so a mistyped type token cannot pass silently), and
// that every rule checked something in every environment.
func TestEveryRuleAppliesSomewhere(t *testing.T) {
	gs := renderedGraphs(t)
	byType := map[string]map[string]int{}
	for _, env := range stackfile.Permanent {
		rep := Check(gs[env], Exceptions{}, false)
		for _, r := range rep.Rules {
			assert.NotZero(t, r.Applied, "rule %s checked nothing in %s", r.ID, env)
			if byType[r.ID] == nil {
				byType[r.ID] = map[string]int{}
			}
			for typ, n := range r.AppliedByType {
				byType[r.ID][typ] += n
			}
		}
	}
	for _, r := range Rules() {
		for _, typ := range r.Applies {
			if optionalTypes[typ] {
				continue
			}
			assert.NotZero(t, byType[r.ID][typ], "rule %s: %s matched no resource in any environment (mistyped, or no longer used?)", r.ID, typ)
		}
	}
}

// optionalTypes are types rules cover that the program does not create today; they are listed
// so that a component adding one is checked from the start.
var optionalTypes = map[string]bool{
	typeInstance: true, typeVolume: true, "aws:rds/instance:Instance": true,
	"aws:iam/userPolicy:UserPolicy": true, "aws:iam/groupPolicy:GroupPolicy": true, typePolicy: true,
}

// TestEphemeralStackIsDestroyable checks a drill stack: its stateful resources are unprotected
// and the rules that hold only in permanent stacks are skipped.
func TestEphemeralStackIsDestroyable(t *testing.T) {
	g := renderedGraphs(t)[drillStack]
	rep := Check(g, Exceptions{}, true)
	protect, ok := rep.Rule("stateful-protected")
	require.True(t, ok)
	assert.NotZero(t, protect.Applied)
	assert.Zero(t, protect.Findings, "stateful resources are unprotected in an ephemeral stack")
	for _, r := range Rules() {
		res, _ := rep.Rule(r.ID)
		assert.Equal(t, r.PermanentOnly, res.Skipped, r.ID)
	}
}
