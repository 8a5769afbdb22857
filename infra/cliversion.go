package infra

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/blang/semver"
)

// cliVersions remembers the version of each CLI binary this process has run, so the stacks
// opened by one notifyctl run (preview --all opens three at once) run `pulumi version` once:
// each run is a CLI start, about 0.35 CPU-second, as much as a tenth of a preview. With a
// state folder, the versions are also kept in it (cliVersionFile), so later runs ask no more.
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

// cliVersionFile is where a state folder keeps the versions of the CLI binaries it has run,
// by path, size and modification time.
const cliVersionFile = "cli-versions.json"

// cliVersion runs `<path> version` and checks that the CLI is Pulumi v3, once per binary:
// once per process, and once per state folder when stateDir is set.
func cliVersion(path, stateDir string) (semver.Version, error) {
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
	e.once.Do(func() {
		if v, ok := readVersion(stateDir, id); ok {
			e.version = v
			return
		}
		if e.version, e.err = runVersion(path); e.err == nil {
			writeVersion(stateDir, id, e.version)
		}
	})
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

func (id cliID) key() string {
	return fmt.Sprintf("%s|%d|%d", id.path, id.size, id.modTime.UnixNano())
}

// readVersion finds a binary's version in the state folder's record.
func readVersion(stateDir string, id cliID) (semver.Version, bool) {
	if stateDir == "" {
		return semver.Version{}, false
	}
	data, err := os.ReadFile(filepath.Join(stateDir, cliVersionFile))
	if err != nil {
		return semver.Version{}, false
	}
	var known map[string]string
	if json.Unmarshal(data, &known) != nil {
		return semver.Version{}, false
	}
	v, err := semver.Parse(known[id.key()])
	if err != nil || v.Major != 3 {
		return semver.Version{}, false
	}
	return v, true
}

// writeVersion records a binary's version in the state folder (best effort: a record that
// cannot be written only means asking again next time).
func writeVersion(stateDir string, id cliID, v semver.Version) {
	if stateDir == "" {
		return
	}
	file := filepath.Join(stateDir, cliVersionFile)
	known := map[string]string{}
	if data, err := os.ReadFile(file); err == nil {
		_ = json.Unmarshal(data, &known)
	}
	for k := range known {
		// One entry per binary: an older build of the same path is forgotten.
		if strings.HasPrefix(k, id.path+"|") {
			delete(known, k)
		}
	}
	known[id.key()] = v.String()
	data, err := json.MarshalIndent(known, "", "  ")
	if err != nil || os.MkdirAll(stateDir, 0o700) != nil {
		return
	}
	tmp, err := os.CreateTemp(stateDir, cliVersionFile+".*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(append(data, '\n'))
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), file) != nil {
		_ = os.Remove(tmp.Name())
	}
}
