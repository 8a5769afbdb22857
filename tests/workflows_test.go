package tests

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// linter is actionlint as a library, with shellcheck over run: scripts when it is installed.
func linter(t *testing.T) *actionlint.Linter {
	t.Helper()
	opts := &actionlint.LinterOptions{}
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		opts.Shellcheck = sc
	} else {
		t.Log("shellcheck is not installed: run: scripts are not checked by it")
	}
	l, err := actionlint.NewLinter(io.Discard, opts)
	require.NoError(t, err)
	return l
}

// TestWorkflowsPassActionlint lints every workflow of .github/workflows (syntax, expressions,
// contexts, action inputs, the local action's too) and fails on any finding.
func TestWorkflowsPassActionlint(t *testing.T) {
	root := repoRoot(t)
	files, err := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.yml"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "the repository has workflows")
	l := linter(t)
	proj, err := actionlint.NewProject(root)
	require.NoError(t, err)
	errs, err := l.LintFiles(files, proj)
	require.NoError(t, err)
	for _, e := range errs {
		t.Errorf("%s:%d:%d: %s [%s]", filepath.Base(e.Filepath), e.Line, e.Column, e.Message, e.Kind)
	}
}

// TestActionlintFindsProblems keeps the lint honest: a workflow with an unknown context, a bad
// expression and a job without runs-on is refused.
func TestActionlintFindsProblems(t *testing.T) {
	bad := "on: push\njobs:\n  x:\n    steps:\n      - run: echo ${{ github.nope.nope }}\n"
	errs, err := linter(t).Lint("bad.yml", []byte(bad), nil)
	require.NoError(t, err)
	assert.NotEmpty(t, errs)
}

// workflow is the part of a workflow file the rules below read.
type workflow struct {
	Concurrency any `yaml:"concurrency"`
	Jobs        map[string]struct {
		Concurrency any    `yaml:"concurrency"`
		Environment any    `yaml:"environment"`
		Steps       []step `yaml:"steps"`
	} `yaml:"jobs"`
}

type step struct {
	Run string `yaml:"run"`
}

var upRE = regexp.MustCompile(`notifyctl (up|destroy|drill)\b`)

// TestEveryUpdateIsSerializedAndTraceable: every job that changes a stack runs in the stack's
// one concurrency group (notifyctl-<stack>, never cancelled mid-way) behind a GitHub
// environment, and every up carries a message (the commit, pull request and actor come with it,
// from the environment, see infra.UpdateInfoFromEnv).
func TestEveryUpdateIsSerializedAndTraceable(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot(t), ".github", "workflows", "*.yml"))
	require.NoError(t, err)
	changers := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		var w workflow
		require.NoError(t, yaml.Unmarshal(raw, &w), f)
		for name, job := range w.Jobs {
			var runs []string
			for _, s := range job.Steps {
				if upRE.MatchString(s.Run) {
					runs = append(runs, s.Run)
				}
			}
			if len(runs) == 0 {
				continue
			}
			changers++
			where := filepath.Base(f) + " job " + name
			group, cancel := concurrency(job.Concurrency)
			if group == "" {
				group, cancel = concurrency(w.Concurrency)
			}
			assert.True(t, strings.HasPrefix(group, "notifyctl-"), "%s changes a stack outside a notifyctl-<stack> concurrency group (%q)", where, group)
			assert.False(t, cancel, "%s: an update is never cancelled by the next one", where)
			assert.NotNil(t, job.Environment, "%s changes a stack without a GitHub environment", where)
			for _, r := range runs {
				if strings.Contains(r, "notifyctl up") {
					assert.Contains(t, r, "--message", "%s: the update records why", where)
				}
			}
		}
	}
	assert.GreaterOrEqual(t, changers, 5, "staging, production, the hotfix (2) and the rollback deploy")
}

func concurrency(c any) (string, bool) {
	switch v := c.(type) {
	case string:
		return v, false
	case map[string]any:
		g, _ := v["group"].(string)
		cancel, _ := v["cancel-in-progress"].(bool)
		return g, cancel
	}
	return "", false
}
