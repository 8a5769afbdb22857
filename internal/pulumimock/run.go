package pulumimock

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"gopkg.in/yaml.v3"
)

// Run runs program under fresh mocks as stack, with config (full keys such as "gcnotify:eks",
// values as Pulumi passes them: strings, objects as JSON). It sets PULUMI_CONFIG for the run, so
// tests that use it cannot be parallel.
func Run(t testing.TB, stack string, config map[string]string, program pulumi.RunFunc) (*Mocks, error) {
	t.Helper()
	raw, err := json.Marshal(config)
	if err != nil {
		t.Fatalf("marshal config: %v", err)
	}
	t.Setenv(pulumi.EnvConfig, string(raw))
	m := New()
	m.stack = stack
	err = pulumi.RunErr(program, pulumi.WithMocks(Project, stack, m))
	return m, err
}

// StackConfig reads Pulumi.<stack>.yaml from the repository root into the form Run takes.
func StackConfig(t testing.TB, stack string) map[string]string {
	t.Helper()
	cfg, err := ReadStackFile(filepath.Join(RepoRoot(), "Pulumi."+stack+".yaml"))
	if err != nil {
		t.Fatalf("read stack %s: %v", stack, err)
	}
	return cfg
}

// ReadStackFile reads a Pulumi stack file's config section, objects and lists as JSON text.
func ReadStackFile(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Config map[string]any `yaml:"config"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	out := map[string]string{}
	for k, v := range doc.Config {
		switch v := v.(type) {
		case string:
			out[k] = v
		case bool, int, float64:
			out[k] = fmt.Sprint(v)
		default:
			b, err := json.Marshal(v)
			if err != nil {
				return nil, fmt.Errorf("%s: key %s: %w", path, k, err)
			}
			out[k] = string(b)
		}
	}
	return out, nil
}

// RepoRoot is the repository's root folder, found from this source file.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Await resolves a string output of a finished mocked run, failing the test when it does not
// resolve within 30 s.
func Await(t *testing.T, o pulumi.StringOutput) string {
	t.Helper()
	got := make(chan string, 1)
	o.ApplyT(func(s string) string { got <- s; return s })
	select {
	case s := <-got:
		return s
	case <-time.After(30 * time.Second):
		t.Fatal("output did not resolve")
		return ""
	}
}
