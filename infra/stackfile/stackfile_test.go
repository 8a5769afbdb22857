package stackfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// project makes a project folder with the repository's Pulumi.yaml and dev stack file, plus a
// short-lived stack "drill1" made from dev's configuration and extra lines.
func project(t *testing.T, drillExtra string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"Pulumi.yaml", "Pulumi.dev.yaml"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), raw, 0o644))
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "Pulumi.dev.yaml"))
	require.NoError(t, err)
	drill := strings.Replace(string(raw), "config:\n", "config:\n"+drillExtra, 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.drill1.yaml"), []byte(drill), 0o644))
	return dir
}

// drill1ConfigError loads the short-lived stack drill1 of project(t, drillExtra) and requires
// the load to fail with a *ConfigError, which it returns.
func drill1ConfigError(t *testing.T, drillExtra string) error {
	t.Helper()
	_, err := Load(project(t, drillExtra), "drill1")
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	return err
}

func TestShortLivedStacksMustBeEphemeral(t *testing.T) {
	err := drill1ConfigError(t, "")
	assert.Contains(t, err.Error(), "gcnotify:ephemeral: true")

	dir := project(t, "  gcnotify:ephemeral: true\n")
	f, err := Load(dir, "drill1")
	require.NoError(t, err)
	assert.True(t, f.Config.Ephemeral)
	assert.False(t, f.Config.Protect())
	assert.Equal(t, "drill1", f.Config.Environment, "the environment defaults to the stack name")
	assert.Equal(t, []string{"dev", "drill1"}, Available(dir))
}

func TestLoadReadsEveryKeyAndHidesSecrets(t *testing.T) {
	dir := project(t, "  gcnotify:ephemeral: true\n  gcnotify:slackWebhookUrl:\n    secure: v1:AAAA:BBBB\n  gcnotify:tags:\n    Team: notify\n")
	f, err := Load(dir, "drill1")
	require.NoError(t, err)
	assert.Equal(t, "[secret]", f.Values["gcnotify:slackWebhookUrl"])
	assert.Equal(t, []string{"gcnotify:slackWebhookUrl"}, f.SecretKeys)
	assert.JSONEq(t, `{"Team":"notify"}`, f.Values["gcnotify:tags"], "objects reach the program as JSON")
	assert.Equal(t, "notify", f.Config.Tags["Team"])
}

func TestNamesAndMissingFiles(t *testing.T) {
	for _, bad := range []string{"", "a", "Dev", "dev_1", "1dev", "bcp--1", "bcp-", "a-name-longer-than-thirty-two-chars"} {
		var nerr *NameError
		assert.ErrorAs(t, CheckName(bad), &nerr, bad)
	}
	for _, good := range []string{"dev", "staging", "production", "drill-1", "bcp-20261201-0930"} {
		assert.NoError(t, CheckName(good))
	}
	// A stack name longer than an environment's needs gcnotify:environment in its file.
	dir := project(t, "")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.bcp-20261201-0930.yaml"), []byte("config:\n  gcnotify:ephemeral: true\n"), 0o644))
	_, err := Load(dir, "bcp-20261201-0930")
	assert.ErrorContains(t, err, `gcnotify:environment: got "bcp-20261201-0930"`)
	_, err = Load(project(t, ""), "qa")
	var merr *MissingError
	require.ErrorAs(t, err, &merr)
	assert.Equal(t, []string{"dev", "drill1"}, merr.Available)

	_, err = FindProjectDir(t.TempDir())
	assert.ErrorContains(t, err, "--project-dir")
	dir, err = FindProjectDir(filepath.Join("..", "render"))
	require.NoError(t, err)
	abs, _ := filepath.Abs(filepath.Join("..", ".."))
	assert.Equal(t, abs, dir)
}

func TestKeysOutsideTheProjectNamespaceAreRefused(t *testing.T) {
	err := drill1ConfigError(t, "  gcnotify:ephemeral: true\n  gcnotfy:domain: example.ca\n  aws:region: us-east-1\n")
	assert.Contains(t, err.Error(), "Pulumi.drill1.yaml:4:3: gcnotfy:domain: unknown key: want keys in the gcnotify namespace")
	assert.Contains(t, err.Error(), "Pulumi.drill1.yaml:5:3: aws:region: unknown key")
}

func TestWebhookURLsInClearTextAreRefused(t *testing.T) {
	err := drill1ConfigError(t, "  gcnotify:ephemeral: true\n  gcnotify:slackWebhookUrl: https://hooks.slack.com/services/T0/B0/x\n")
	assert.Contains(t, err.Error(), "gcnotify:slackWebhookUrl: got a value in clear text, want a secret")
	assert.NotContains(t, err.Error(), "hooks.slack.com", "the value itself is never repeated")

	err = drill1ConfigError(t, "  gcnotify:ephemeral: true\n  gcnotify:scanVerdictCallbackToken: abc123\n")
	assert.Contains(t, err.Error(), "gcnotify:scanVerdictCallbackToken: got a value in clear text, want a secret")
	assert.NotContains(t, err.Error(), "abc123")
}

// lineOf is the 1-based line of text that contains s.
func lineOf(t *testing.T, text, s string) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("no line holds %q", s)
	return 0
}

// TestEveryProblemOfTheStackFileAtOnce is the on-call report: a clear-text webhook, a key of
// another namespace, a misspelt key, a value of the wrong type and eight values not allowed
// took four runs to see. One load lists all twelve, each at its key's line.
func TestEveryProblemOfTheStackFileAtOnce(t *testing.T) {
	dir := project(t, "")
	raw, err := os.ReadFile(filepath.Join(dir, "Pulumi.dev.yaml"))
	require.NoError(t, err)
	text := string(raw)
	for from, to := range map[string]string{
		"    instanceType: m7i-flex.xlarge": "    instanceType: huge",
		"    minSize: 1":                    "    minSize: 9",
		"    instanceClass: db.t3.medium":   "    instanceClass: db.m1.small",
		"    instances: 3":                  "    instances: 0",
		"    nodes: 3":                      "    nodes: 1",
		"  gcnotify:logRetentionDays: 14":   "  gcnotify:logRetentionDays: 13",
		"  gcnotify:wafNewRuleMode: block":  "  gcnotify:wafNewRuleMode: allow",
		"    monthlyUsd: 5000":              "    monthlyUsd: 0",
		"  gcnotify:forceDestroy: true":     "  gcnotify:forceDestroy: yes",
		"  gcnotify:deletionProtection: false": "  gcnotify:deletionProtection: false\n" +
			"  gcnotify:slackWebhookUrl: https://hooks.slack.com/services/T0/B0/x\n  aws:region: us-east-1\n  gcnotify:ekss: {}",
	} {
		require.Contains(t, text, from+"\n", "dev's stack file changed: update this test")
		text = strings.Replace(text, from+"\n", to+"\n", 1)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"), []byte(text), 0o644))

	_, err = Load(dir, "dev")
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	want := map[string]string{ // the line's text -> the problem reported at it
		"gcnotify:slackWebhookUrl:":  "gcnotify:slackWebhookUrl: got a value in clear text, want a secret",
		"aws:region:":                "aws:region: unknown key",
		"gcnotify:ekss:":             "gcnotify:ekss: unknown key",
		"gcnotify:forceDestroy:":     `gcnotify:forceDestroy: value "yes" is not a valid boolean`,
		"instanceType: huge":         `gcnotify:eks.instanceType: got "huge"`,
		"minSize: 9":                 `gcnotify:eks.minSize: got "9", want at most eks.maxSize (7)`,
		"instanceClass: db.m1.small": `gcnotify:database.instanceClass: got "db.m1.small"`,
		"instances: 0":               `gcnotify:database.instances: got "0"`,
		"nodes: 1":                   `gcnotify:cache.nodes: got "1"`,
		"gcnotify:logRetentionDays:": `gcnotify:logRetentionDays: got "13"`,
		"gcnotify:wafNewRuleMode:":   `gcnotify:wafNewRuleMode: got "allow"`,
		"monthlyUsd: 0":              `gcnotify:budget.monthlyUsd: got "0"`,
	}
	for at, problem := range want {
		line := lineOf(t, text, at)
		col := strings.Index(strings.Split(text, "\n")[line-1], strings.Fields(at)[0]) + 1
		assert.Contains(t, err.Error(), fmt.Sprintf("Pulumi.dev.yaml:%d:%d: %s", line, col, problem))
	}
	problems := flatten(ce.Err)
	assert.Len(t, problems, len(want), "exactly the twelve problems:\n%v", ce.Err)
	var p *Problem
	for _, e := range problems {
		assert.True(t, errors.As(e, &p), "%v is a *Problem", e)
	}
	assert.NotContains(t, err.Error(), "hooks.slack.com", "the webhook is never repeated")
}

// TestSyntaxErrorsNameTheirLine: the YAML parser names the line where the enclosing block
// starts (2, "config:") or the line before (11) for an error on line 12; the report names 12,
// and the column where the text stops making sense.
func TestSyntaxErrorsNameTheirLine(t *testing.T) {
	for name, tc := range map[string]struct {
		line12 string
		col    int
		want   string
	}{
		"unclosed list":         {"    minSize: [1", 14, "did not find expected ',' or ']'"},
		"unclosed object":       {"  gcnotify:x: {a: 1", 15, "did not find expected ',' or '}'"},
		"unterminated string":   {`  gcnotify:x: "text`, 15, "found unexpected end of stream"},
		"tab indentation":       {"\tminSize: 1", 1, "tab character"},
		"wrong indentation":     {"   minSize: 1", 4, "did not find expected key"},
		"second colon in value": {"    minSize: 1 : 2", 16, "mapping values are not allowed"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := project(t, "")
			raw, err := os.ReadFile(filepath.Join(dir, "Pulumi.dev.yaml"))
			require.NoError(t, err)
			lines := strings.Split(string(raw), "\n")
			require.Equal(t, "  gcnotify:eks:", lines[9], "dev's stack file changed: update this test")
			lines[11] = tc.line12
			require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"), []byte(strings.Join(lines, "\n")), 0o644))
			_, err = Load(dir, "dev")
			var ce *ConfigError
			require.ErrorAs(t, err, &ce)
			var p *Problem
			require.ErrorAs(t, err, &p)
			assert.Equal(t, [2]int{12, tc.col}, [2]int{p.Line, p.Column}, "%v", err)
			assert.Contains(t, err.Error(), fmt.Sprintf("Pulumi.dev.yaml:12:%d: not valid YAML: ", tc.col))
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), "line 11", "the parser's own line number is not repeated")
		})
	}
}

func TestKeysTheFileDoesNotSetPointAtTheirParent(t *testing.T) {
	raw := []byte("config:\n  gcnotify:network:\n    availabilityZones:\n      - ca-central-1a\n      - us-east-1a\n  eks:\n    minSize: 2\n  gcnotify:tags:\n    app.kubernetes.io/name: x\n")
	pos := readPositions(raw, "gcnotify")
	for path, want := range map[string][2]int{
		"gcnotify:network.availabilityZones[1]": {5, 9},
		"gcnotify:network.availabilityZones[7]": {3, 5},
		"gcnotify:network.vpcCidr":              {2, 3},
		"gcnotify:eks.minSize":                  {7, 5},
		"gcnotify:tags.app.kubernetes.io/name":  {9, 5},
		"gcnotify:accountId":                    {0, 0},
	} {
		line, col := pos.at(path)
		assert.Equal(t, want, [2]int{line, col}, path)
	}
}

func TestAFolderWithoutTheProjectIsNamed(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nonexistent"), "dev")
	var np *NoProjectError
	require.ErrorAs(t, err, &np)
	assert.Contains(t, err.Error(), "--project-dir")
}
