package tests

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// machinePath is an absolute path of a build machine: a clone elsewhere does not have it, and a
// clone on a machine that happens to have it hides the break (how a hard-coded CLI path once
// passed CI while failing every other clone).
var machinePath = regexp.MustCompile(`(^|[\s"'=(:,\x60])/(work|root|home|Users|builds|runner|var/lib/jenkins)/[A-Za-z0-9_.+-]+`)

// TestNoMachinePaths fails when a tracked file holds an absolute path of a build machine.
func TestNoMachinePaths(t *testing.T) {
	root := repoRoot(t)
	out, err := exec.Command("git", "-C", root, "ls-files", "-z").Output()
	if err != nil {
		t.Skipf("not a git checkout (%v): nothing tracked to check", err)
	}
	var bad []string
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if name == "" || strings.HasSuffix(name, "go.sum") {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(root, name))
		if err != nil || bytes.IndexByte(raw, 0) >= 0 {
			continue // deleted in the work tree, or binary
		}
		bad = append(bad, machinePathsIn(name, raw)...)
	}
	assert.Empty(t, bad, "tracked files hold absolute paths of a build machine; find files relative to the module root instead")
}

func machinePathsIn(name string, raw []byte) []string {
	var bad []string
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.Contains(sc.Text(), "machinepath:ok") {
			continue
		}
		if m := machinePath.FindString(sc.Text()); m != "" {
			bad = append(bad, name+":"+strconv.Itoa(n)+": "+strings.TrimSpace(m))
		}
	}
	return bad
}

func TestMachinePathDetector(t *testing.T) {
	for _, c := range []struct {
		line string
		bad  bool
	}{
		// Split so this file holds no machine path itself.
		{`const pulumiRoot = "/` + `work/main/.tooling"`, true},
		{`export PATH=/` + `root/go/bin:$PATH`, true},
		{`cd /` + `home/runner/work`, true},
		{`root := filepath.Join(filepath.Dir(file), "..")`, false},
		{`--backend file:///<absolute folder>`, false},
		{`rm -rf $(CURDIR)/.state`, false},
		{`see /usr/bin/time -v`, false},
	} {
		got := machinePathsIn("f", []byte(c.line))
		require.Equal(t, c.bad, len(got) > 0, c.line)
	}
}
