package tests

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/stacks"
)

var record = flag.Bool("record", false,
	"rehearse in the simulated cloud and record the engine event streams the PR comment's golden tests replay")

// eventsDir is where the recorded streams go (infra/prcomment/testdata/events).
func eventsDir(t *testing.T) string {
	return filepath.Join(repoRoot(t), "infra", "prcomment", "testdata", "events")
}

// TestRecordEventStreams rehearses what a pull request's preview shows, in the simulated cloud
// through the real engine, and saves each operation's event stream: a new environment (creates,
// large enough to split), an update, an update that fails in the cloud, a replacement whose
// dependents' inputs are known only after deploy, a changed secret, a deletion, a deletion the
// engine refuses (a protected database instance), and production's database cluster replaced.
// It runs only with -record (go test ./tests -run TestRecordEventStreams -record); then
// regenerate the golden comments with go test ./infra/prcomment -update and review both diffs.
func TestRecordEventStreams(t *testing.T) {
	if !*record {
		t.Skip("records event streams only with -record")
	}
	require.NoError(t, os.MkdirAll(eventsDir(t), 0o755))
	t.Run("dev", func(t *testing.T) {
		t.Parallel()
		r := newRig(t, "dev")
		r.record("create", infra.OpPreview, true)
		r.up()

		r.setConfig("logRetentionDays", "30")
		r.open()
		r.record("update", infra.OpPreview, true)
		r.sim.AddFault(cloudsim.Fault{Type: "aws:cloudwatch/logGroup:LogGroup", Op: "update", Mode: cloudsim.FailOnce,
			Message: "simulated: ThrottlingException: Rate exceeded"})
		r.record("update-failed", infra.OpUp, false)
		r.up()

		r.openWith(renamed("aws:sqs/queue:Queue", "-delivery-receipts", "-v2"))
		r.record("replace", infra.OpPreview, true)
		r.open()

		r.setSecret("slackWebhookUrl", "https://hooks.slack.com/services/T000/B000/first")
		r.up()
		r.setSecret("slackWebhookUrl", "https://hooks.slack.com/services/T000/B000/second")
		r.record("secret", infra.OpPreview, true)
		r.removeConfig("slackWebhookUrl")
		r.record("delete", infra.OpPreview, true)

		r.setNested("database", "instances", "2")
		r.open()
		r.record("delete-protected", infra.OpPreview, false)
	})
	t.Run("production", func(t *testing.T) {
		t.Parallel()
		r := newRig(t, "production")
		r.up()
		r.openWith(renamed("aws:rds/cluster:Cluster", "-cluster", "-v2"))
		r.record("production-replace-database", infra.OpPreview, false)
		r.open()
	})
}

// renamed is the program with the physical name of the resources of typ whose logical name ends
// with suffix changed (name or clusterIdentifier + add): the change a pull request renaming them
// makes, which forces their replacement.
func renamed(typ, suffix, add string) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		err := ctx.RegisterStackTransformation(func(a *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
			if a.Type != typ || !strings.HasSuffix(a.Name, suffix) {
				return nil
			}
			switch p := a.Props.(type) {
			case *sqs.QueueArgs:
				if n, ok := p.Name.(pulumi.String); ok {
					p.Name = pulumi.String(string(n) + add)
				}
			case *rds.ClusterArgs:
				if n, ok := p.ClusterIdentifier.(pulumi.String); ok {
					p.ClusterIdentifier = pulumi.String(string(n) + add)
				}
			}
			return &pulumi.ResourceTransformationResult{Props: a.Props, Opts: a.Opts}
		})
		if err != nil {
			return err
		}
		return stacks.Program(ctx)
	}
}

// openWith reopens the stack running program instead of the repository's.
func (r *rig) openWith(program pulumi.RunFunc) {
	r.t.Helper()
	o := r.options()
	o.Program = program
	s, err := infra.Open(context.Background(), o)
	require.NoError(r.t, err)
	r.stack = s
}

// record runs op, saving its event stream as <eventsDir>/<name>.json.gz with machine paths
// scrubbed; ok says whether the operation must succeed or fail (a failure is a case too).
func (r *rig) record(name string, op infra.Operation, ok bool) {
	r.t.Helper()
	var mu sync.Mutex
	log := infra.EventLog{Stack: r.env, Cloud: infra.CloudSim, Operation: op}
	o := infra.RunOptions{EngineEvents: func(e apitype.EngineEvent) {
		mu.Lock()
		defer mu.Unlock()
		log.Events = append(log.Events, trim(e))
	}}
	ctx := withTimeout(r.t, 20*time.Minute)
	var err error
	switch op {
	case infra.OpPreview:
		_, err = r.stack.Preview(ctx, o)
	case infra.OpUp:
		_, err = r.stack.Up(ctx, o)
	}
	log.OK = err == nil
	if ok {
		require.NoError(r.t, err, name)
	} else {
		require.Error(r.t, err, name)
	}
	mu.Lock()
	defer mu.Unlock()
	data, err := json.Marshal(log)
	require.NoError(r.t, err)
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	_, err = w.Write(r.scrub(data))
	require.NoError(r.t, err)
	require.NoError(r.t, w.Close())
	require.NoError(r.t, os.WriteFile(filepath.Join(eventsDir(r.t), name+".json.gz"), gz.Bytes(), 0o644))
}

// trim drops the property bags of unchanged resources' steps (most of a stream, and never read
// by a renderer); every other event is kept as the engine sent it.
func trim(e apitype.EngineEvent) apitype.EngineEvent {
	strip := func(m *apitype.StepEventMetadata) {
		if m.Op != "same" && m.Op != "read" {
			return
		}
		for _, s := range []*apitype.StepEventStateMetadata{m.Old, m.New} {
			if s != nil {
				s.Inputs, s.Outputs = nil, nil
			}
		}
	}
	switch {
	case e.ResourcePreEvent != nil:
		strip(&e.ResourcePreEvent.Metadata)
	case e.ResOutputsEvent != nil:
		strip(&e.ResOutputsEvent.Metadata)
	}
	return e
}

// scrub replaces the machine's paths with placeholders.
func (r *rig) scrub(data []byte) []byte {
	home, _ := os.UserHomeDir()
	for _, p := range []struct{ path, as string }{
		{r.stateDir, "<state>"}, {r.projectDir, "<project>"}, {repoRoot(r.t), "<repo>"},
		{os.TempDir(), "<tmp>"}, {home, "<home>"},
	} {
		if p.path != "" && p.path != "/" {
			data = bytes.ReplaceAll(data, []byte(p.path), []byte(p.as))
		}
	}
	return data
}

// setNested rewrites one key of a nested configuration block (gcnotify:<block>: then indented
// keys) in the stack file copy, adding it when absent.
func (r *rig) setNested(block, key, value string) {
	r.t.Helper()
	path := filepath.Join(r.projectDir, "Pulumi."+r.env+".yaml")
	raw, err := os.ReadFile(path)
	require.NoError(r.t, err)
	head := regexp.MustCompile(`(?m)^(\s*)gcnotify:` + regexp.QuoteMeta(block) + `:\s*\n`)
	loc := head.FindSubmatchIndex(raw)
	require.NotNil(r.t, loc, "stack file of %s has no gcnotify:%s block", r.env, block)
	indent := string(raw[loc[2]:loc[3]]) + "  "
	rest := raw[loc[1]:]
	line := regexp.MustCompile(`(?m)^` + indent + regexp.QuoteMeta(key) + `:.*$`)
	if m := line.FindIndex(rest); m != nil && !bytes.Contains(rest[:m[0]], []byte("\n"+indent[:len(indent)-2]+"gcnotify:")) {
		rest = append(append(append([]byte{}, rest[:m[0]]...), []byte(indent+key+": "+value)...), rest[m[1]:]...)
	} else {
		rest = append([]byte(indent+key+": "+value+"\n"), rest...)
	}
	out := append(append([]byte{}, raw[:loc[1]]...), rest...)
	require.NoError(r.t, os.WriteFile(path, out, 0o644))
}

// removeConfig removes a top-level key (and its secure: line) from the stack file copy.
func (r *rig) removeConfig(key string) {
	r.t.Helper()
	path := filepath.Join(r.projectDir, "Pulumi."+r.env+".yaml")
	raw, err := os.ReadFile(path)
	require.NoError(r.t, err)
	re := regexp.MustCompile(`(?m)^  gcnotify:` + regexp.QuoteMeta(key) + `:.*\n(    secure: .*\n)?`)
	require.True(r.t, re.Match(raw), "stack file of %s has no gcnotify:%s", r.env, key)
	require.NoError(r.t, os.WriteFile(path, re.ReplaceAll(raw, nil), 0o644))
	r.open()
}

// setSecret sets a secret configuration key the way `pulumi config set --secret` does (the
// engine encrypts it in the workspace's copy of the stack file), then carries the encrypted
// value into the project's stack file, which each run copies again.
func (r *rig) setSecret(key, value string) {
	r.t.Helper()
	env := os.Environ()
	for k, v := range r.sim.Env() {
		env = append(env, k+"="+v)
	}
	env = append(env, "PULUMI_BACKEND_URL=file://"+filepath.Join(r.stateDir, "backend"),
		"PULUMI_CONFIG_PASSPHRASE="+infra.RehearsalPassphrase)
	cmd := exec.Command(r.cli, "config", "set", "--secret", "--stack", r.env, "gcnotify:"+key, value)
	cmd.Dir, cmd.Env = r.stack.WorkDir(), env
	out, err := cmd.CombinedOutput()
	require.NoError(r.t, err, string(out))
	copied, err := os.ReadFile(filepath.Join(r.stack.WorkDir(), "Pulumi."+r.env+".yaml"))
	require.NoError(r.t, err)
	m := regexp.MustCompile(`(?m)^  gcnotify:` + regexp.QuoteMeta(key) + `:\n    secure: .*$`).Find(copied)
	require.NotNil(r.t, m, "the engine wrote the secret")
	path := filepath.Join(r.projectDir, "Pulumi."+r.env+".yaml")
	raw, err := os.ReadFile(path)
	require.NoError(r.t, err)
	old := regexp.MustCompile(`(?m)^  gcnotify:` + regexp.QuoteMeta(key) + `:\n    secure: .*\n`)
	raw = old.ReplaceAll(raw, nil)
	raw = regexp.MustCompile(`(?m)^config:\n`).ReplaceAll(raw, append([]byte("config:\n"), append(m, '\n')...))
	require.NoError(r.t, os.WriteFile(path, raw, 0o644))
	r.open()
}
