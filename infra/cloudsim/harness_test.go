package cloudsim

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"
)

// pulumiRoot is the module's .tooling folder, where `make pulumi` builds the CLI: found from this
// file's place in the module, so any clone at any path finds its own CLI.
var pulumiRoot = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", ".tooling")
}()

// testAccount is the account the test providers pin.
const testAccount = "111122223333"

// engine runs inline programs through the real Pulumi CLI against a Sim.
type engine struct {
	t   *testing.T
	sim *Sim
	dir string
}

// newEngine starts a Sim and prepares a local backend; engine tests run in parallel, each with
// its own Sim, backend and PULUMI_HOME. They skip only when the CLI is missing and -short is set.
func newEngine(t *testing.T, opts Options) *engine {
	t.Helper()
	t.Parallel()
	if _, err := os.Stat(filepath.Join(pulumiRoot, "bin", "pulumi")); err != nil {
		if testing.Short() {
			t.Skipf("engine test skipped: Pulumi CLI not found at %s/bin/pulumi and -short is set", pulumiRoot)
		}
		t.Fatalf("engine test needs the Pulumi CLI at %s/bin/pulumi: %v", pulumiRoot, err)
	}
	sim, err := Start(context.Background(), opts)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, sim.Close()) })
	return &engine{t: t, sim: sim, dir: t.TempDir()}
}

// stack creates (or selects) the stack "test" running program.
func (e *engine) stack(program pulumi.RunFunc) auto.Stack {
	e.t.Helper()
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: pulumiRoot, SkipVersionCheck: true})
	require.NoError(e.t, err)
	env := map[string]string{
		"PULUMI_SKIP_UPDATE_CHECK":                 "true",
		"PULUMI_CONFIG_PASSPHRASE":                 "cloudsim-test",
		"PULUMI_DIY_BACKEND_GZIP":                  "false",
		"PULUMI_SKIP_CHECKPOINTS":                  "false",
		"PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK": "true",
	}
	for k, v := range e.sim.Env() {
		env[k] = v
	}
	backend := "file://" + filepath.Join(e.dir, "backend")
	require.NoError(e.t, os.MkdirAll(filepath.Join(e.dir, "backend"), 0o755))
	st, err := auto.UpsertStackInlineSource(context.Background(), "test", "cloudsimtest", program,
		auto.Pulumi(cmd), auto.PulumiHome(filepath.Join(e.dir, "home")), auto.EnvVars(env),
		auto.SecretsProvider("passphrase"),
		auto.Project(workspace.Project{Name: "cloudsimtest", Runtime: workspace.NewProjectRuntimeInfo("go", nil),
			Backend: &workspace.ProjectBackend{URL: backend}}))
	require.NoError(e.t, err)
	return st
}

// provider is the explicit aws provider every test program uses.
func testProvider(ctx *pulumi.Context, name, region string) (*aws.Provider, error) {
	return aws.NewProvider(ctx, name, &aws.ProviderArgs{
		Region:            pulumi.String(region),
		AllowedAccountIds: pulumi.ToStringArray([]string{testAccount}),
		DefaultTags:       &aws.ProviderDefaultTagsArgs{Tags: pulumi.StringMap{"CostCentre": pulumi.String("notify-test")}},
	})
}

// timed logs how long an engine operation took.
func timed(t *testing.T, what string, start time.Time) {
	t.Logf("%s took %s", what, time.Since(start).Round(time.Millisecond))
}

// byType returns the simulated resources of a type.
func byType(s *Sim, typ string) []SimResource {
	var out []SimResource
	for _, r := range s.Resources() {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}
