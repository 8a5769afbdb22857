package infra

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/blang/semver"
)

// cliVersions remembers the version of each CLI binary this process has run, so the stacks
// opened by one notifyctl run (preview --all opens three at once) run `pulumi version` once:
// each run is a CLI start, about 0.35 CPU-second, as much as a tenth of a preview.
var cliVersions = struct {
	mu   sync.Mutex
	byID map[cliID]*cliEntry
}{byID: map[cliID]*cliEntry{}}

// cliID identifies one build of the CLI: a rebuilt or replaced binary is asked again.
type cliID struct {
	path    string
	size    int64
	modTime time.Time
}

type cliEntry struct {
	once    sync.Once
	version semver.Version
	err     error
}

// cliVersion runs `<path> version` and checks that the CLI is Pulumi v3, once per binary.
func cliVersion(path string) (semver.Version, error) {
	id := cliID{path: path}
	resolved := path
	if !strings.ContainsRune(path, os.PathSeparator) {
		if p, err := exec.LookPath(path); err == nil {
			resolved = p
		}
	}
	fi, err := os.Stat(resolved)
	if err != nil {
		return runVersion(path)
	}
	id.size, id.modTime = fi.Size(), fi.ModTime()
	cliVersions.mu.Lock()
	e, ok := cliVersions.byID[id]
	if !ok {
		e = &cliEntry{}
		cliVersions.byID[id] = e
	}
	cliVersions.mu.Unlock()
	e.once.Do(func() { e.version, e.err = runVersion(path) })
	if e.err != nil {
		// A failure is not remembered: the next stack tries again (the CLI may have been built).
		cliVersions.mu.Lock()
		delete(cliVersions.byID, id)
		cliVersions.mu.Unlock()
	}
	return e.version, e.err
}

func runVersion(path string) (semver.Version, error) {
	out, err := exec.Command(path, "version").Output()
	if err != nil {
		return semver.Version{}, fmt.Errorf("run %s version: %w (build the CLI with `make pulumi`)", path, err)
	}
	v, err := semver.ParseTolerant(strings.TrimSpace(string(out)))
	if err != nil {
		return semver.Version{}, fmt.Errorf("parse the version of %s (%q): %w", path, strings.TrimSpace(string(out)), err)
	}
	if v.Major != 3 {
		return semver.Version{}, fmt.Errorf("%s is Pulumi %s; want v3", path, v)
	}
	return v, nil
}
