package pulumimock

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ProductionDNSRolePlaceholder is the dns.roleArn the committed production stack file holds: a
// role of production's own account, since the DNS account's id is withheld from public code.
// The configuration refuses it (another account owns the zone), so production cannot be
// deployed from the committed file by accident.
const ProductionDNSRolePlaceholder = "arn:aws:iam::296255494825:role/notify_production_dns_manager"

// TestDNSAccount is the made-up DNS account the tests give production in the placeholder's
// place, and TestDNSRoleArn its role.
const (
	TestDNSAccount = "210987654321"
	TestDNSRoleArn = "arn:aws:iam::" + TestDNSAccount + ":role/notify_production_dns_manager"
)

// Deployable is a stack file's text (or one of its values) with the placeholder DNS role
// replaced by TestDNSRoleArn: what the tests deploy, render and rehearse. Anything else is
// returned as it is.
func Deployable(text string) string {
	return strings.ReplaceAll(text, ProductionDNSRolePlaceholder, TestDNSRoleArn)
}

// ProjectDir is a temporary project folder holding Pulumi.yaml and the given stacks' files,
// made Deployable, for tests that read a project from disk (render, stackfile.Load, the engine).
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
		if err := os.WriteFile(filepath.Join(dir, name), []byte(Deployable(string(raw))), 0o644); err != nil {
			t.Fatalf("write %s: %v", name, err)
		}
	}
	return dir
}
