package render

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra/stackfile"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// fixtureProgram exercises what the renderer must show: an explicit provider, a component with
// children, a dependency, a value unknown until deployment, a secret and a top-level resource.
func fixtureProgram(ctx *pulumi.Context) error {
	p, err := aws.NewProvider(ctx, "aws-ca-central-1", &aws.ProviderArgs{Region: pulumi.String("ca-central-1")})
	if err != nil {
		return err
	}
	comp := &struct{ pulumi.ResourceState }{}
	if err := ctx.RegisterComponentResource("gcnotify:test:Queues", "queues", comp); err != nil {
		return err
	}
	opts := []pulumi.ResourceOption{pulumi.Parent(comp), pulumi.Provider(p)}
	dlq, err := sqs.NewQueue(ctx, "queues-dlq", &sqs.QueueArgs{Name: pulumi.String("test-dlq")}, opts...)
	if err != nil {
		return err
	}
	hook, _ := ctx.GetConfig("gcnotify:slackWebhookUrl")
	_, err = sqs.NewQueue(ctx, "queues-main", &sqs.QueueArgs{
		Name: pulumi.String("test-main"),
		RedrivePolicy: dlq.Arn.ApplyT(func(arn string) string {
			return `{"deadLetterTargetArn":"` + arn + `","maxReceiveCount":3}`
		}).(pulumi.StringOutput),
		Tags: pulumi.StringMap{"Hook": pulumi.ToSecret(pulumi.String(hook)).(pulumi.StringOutput)},
	}, opts...)
	if err != nil {
		return err
	}
	_, err = cloudwatch.NewLogGroup(ctx, "loose-logs", &cloudwatch.LogGroupArgs{
		Name: pulumi.String("/test/loose"), RetentionInDays: pulumi.Int(14)}, pulumi.Provider(p))
	if err != nil {
		return err
	}
	return ctx.RegisterResourceOutputs(comp, pulumi.Map{})
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./infra/render -update to create %s", path)
	assert.Equal(t, string(want), string(got), "%s differs; rerun with -update if the change is intended", path)
}

func TestRenderGolden(t *testing.T) {
	g, err := Render(context.Background(), Options{Stack: "dev", ProjectDir: "testdata/project", Program: fixtureProgram})
	require.NoError(t, err)

	var js, table bytes.Buffer
	require.NoError(t, WriteJSON(&js, g))
	require.NoError(t, WriteTable(&table, g))
	golden(t, "fixture.json.golden", js.Bytes())
	golden(t, "fixture.table.golden", table.Bytes())

	main := find(t, g, "queues-main")
	assert.Equal(t, Unknown, main.Inputs["redrivePolicy"], "an input derived from a computed output is unknown")
	assert.Equal(t, Secret, main.Inputs["tags"].(map[string]any)["Hook"], "a secret never appears in clear")
	assert.NotContains(t, js.String(), "BBBBBBBB", "the secure config value is not rendered")
}

func find(t *testing.T, g *Graph, name string) Resource {
	t.Helper()
	for _, r := range g.Resources {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no resource named %s", name)
	return Resource{}
}

// TestRenderEnvironments renders the real program for every environment, concurrently (config
// travels through RunInfo, not the process environment), and checks the graph is closed and
// deterministic.
func TestRenderEnvironments(t *testing.T) {
	for _, env := range stackfile.Permanent {
		t.Run(env, func(t *testing.T) {
			t.Parallel()
			project := pulumimock.ProjectDir(t, env)
			var outs [2][]byte
			var wg sync.WaitGroup
			for i := range outs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					g, err := Render(context.Background(), Options{Stack: env, ProjectDir: project})
					if !assert.NoError(t, err) {
						return
					}
					var b bytes.Buffer
					assert.NoError(t, WriteJSON(&b, g))
					outs[i] = b.Bytes()
				}()
			}
			wg.Wait()
			require.NotEmpty(t, outs[0])
			assert.Equal(t, string(outs[0]), string(outs[1]), "two renders of %s differ", env)

			var g Graph
			require.NoError(t, json.Unmarshal(outs[0], &g))
			assert.Equal(t, env, g.Stack)
			urns := map[string]bool{}
			for _, r := range g.Resources {
				assert.False(t, urns[r.URN], "duplicate urn %s", r.URN)
				urns[r.URN] = true
			}
			providers := 0
			for _, r := range g.Resources {
				assert.NotEmpty(t, r.Type)
				assert.True(t, strings.HasSuffix(r.URN, "::"+r.Name), r.URN)
				for _, ref := range append([]string{r.Parent, r.Provider}, r.Dependencies...) {
					assert.True(t, ref == "" || urns[ref], "%s refers to %s, which is not in the graph", r.URN, ref)
				}
				if strings.HasPrefix(r.Type, "pulumi:providers:") {
					providers++
				} else if strings.HasPrefix(r.Type, "aws:") {
					assert.NotEmpty(t, r.Provider, "%s has no explicit provider", r.URN)
				}
			}
			assert.GreaterOrEqual(t, providers, 4, "one provider per region")
		})
	}
}

func TestRenderRefusesBadConfigBeforeRunning(t *testing.T) {
	dir := t.TempDir()
	raw, err := os.ReadFile("testdata/project/Pulumi.yaml")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), raw, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"),
		[]byte("config:\n  gcnotify:colour: blue\n"), 0o644))
	ran := false
	program := func(*pulumi.Context) error { ran = true; return nil }
	_, err = Render(context.Background(), Options{Stack: "dev", ProjectDir: dir, Program: program})
	var cerr *stackfile.ConfigError
	require.ErrorAs(t, err, &cerr)
	assert.Contains(t, err.Error(), "gcnotify:colour: unknown key")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"),
		[]byte("config:\n  gcnotify:logRetentionDays: 13\n"), 0o644))
	_, err = Render(context.Background(), Options{Stack: "dev", ProjectDir: dir, Program: program})
	require.ErrorAs(t, err, &cerr)
	for _, want := range []string{"logRetentionDays", "13", "accountId", "domain"} {
		assert.Contains(t, err.Error(), want, "every problem is reported at once")
	}
	assert.False(t, ran, "the program must not run when the configuration is refused")

	_, err = Render(context.Background(), Options{Stack: "nope", ProjectDir: dir})
	var merr *stackfile.MissingError
	require.ErrorAs(t, err, &merr)
	assert.Contains(t, err.Error(), "dev")
	_, err = Render(context.Background(), Options{Stack: "Bad_Name", ProjectDir: dir})
	var nerr *stackfile.NameError
	require.ErrorAs(t, err, &nerr)
}

func TestPlainValue(t *testing.T) {
	str := resource.NewStringProperty
	cases := map[string]struct {
		in   resource.PropertyValue
		want any
	}{
		"string":         {str("a"), "a"},
		"number":         {resource.NewNumberProperty(3), 3.0},
		"null":           {resource.NewNullProperty(), nil},
		"secret":         {resource.MakeSecret(str("hunter2")), Secret},
		"computed":       {resource.MakeComputed(str("")), Unknown},
		"unknown output": {resource.NewOutputProperty(resource.Output{Known: false}), Unknown},
		"secret output":  {resource.NewOutputProperty(resource.Output{Element: str("x"), Known: true, Secret: true}), Secret},
		"known output":   {resource.NewOutputProperty(resource.Output{Element: str("x"), Known: true}), "x"},
		"nested": {resource.NewObjectProperty(resource.PropertyMap{
			"list": resource.NewArrayProperty([]resource.PropertyValue{resource.MakeSecret(str("s")), str("p")}),
		}), map[string]any{"list": []any{Secret, "p"}}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) { assert.Equal(t, c.want, plainValue(c.in)) })
	}
}

// TestSecretValuesNeverReachTheRenderer renders a secret version whose value is known (a
// generated password) and one whose value is known only after deployment (built from a queue's
// ARN): the first shows as "[secret]", never in clear, and the second as "[unknown]".
func TestSecretValuesNeverReachTheRenderer(t *testing.T) {
	g, err := Render(context.Background(), Options{Stack: "dev", ProjectDir: "testdata/project", Program: func(ctx *pulumi.Context) error {
		q, err := sqs.NewQueue(ctx, "q", &sqs.QueueArgs{})
		if err != nil {
			return err
		}
		if _, err := secretsmanager.NewSecretVersion(ctx, "known", &secretsmanager.SecretVersionArgs{
			SecretId: pulumi.String("a"), SecretString: pulumi.ToSecret(pulumi.String("hunter2")).(pulumi.StringOutput)}); err != nil {
			return err
		}
		_, err = secretsmanager.NewSecretVersion(ctx, "unknown", &secretsmanager.SecretVersionArgs{
			SecretId: pulumi.String("b"), SecretString: pulumi.Sprintf("uri://%s", q.Arn)})
		return err
	}})
	require.NoError(t, err)
	got := map[string]any{}
	for _, r := range g.Resources {
		if r.Type == "aws:secretsmanager/secretVersion:SecretVersion" {
			got[r.Name] = r.Inputs["secretString"]
		}
	}
	assert.Equal(t, map[string]any{"known": Secret, "unknown": Unknown}, got)
	raw, err := json.Marshal(g)
	require.NoError(t, err)
	assert.NotContains(t, string(raw), "hunter2")
}
