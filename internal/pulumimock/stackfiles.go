package pulumimock

import (
	"os"
	"path/filepath"
	"testing"
)

// ProductionDNSAccount is the account that owns notification.canada.ca, whose role the
// committed production stack file names for its DNS records.
const ProductionDNSAccount = "866996500832"

// ProjectDir is a temporary project folder holding Pulumi.yaml and the given stacks' files, for tests that read a project from disk (render, stackfile.Load, the engine).
func ProjectDir(t testing.TB, stacks ...string) string {
	t.Helper()
	dir := t.TempDir()
	names := []string{"Pulumi.yaml"}
	for _, s := range stacks {
		names = append(names, "Pulumi."+s+".yaml")
	}
	for _, name := range names {
		raw, err := os.ReadFile(filepath.Join(RepoRoot(), name))
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), raw, 0o644); err != nil {
			t.Fatalf("write %s: %v", name, err)
		}
	}
	return dir
}
