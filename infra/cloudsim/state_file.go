package cloudsim

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"syscall"

	"github.com/cds-snc/notification-pulumi/internal/atomicfile"
)

// unchanged is true when nothing is pending and the file is the one this store last read or
// wrote (every write replaces the file, so a write by another process changes its identity,
// and almost always its size or time).
func (s *store) unchanged() bool {
	s.mu.Lock()
	seen, pending := s.seen, len(s.pending)
	s.mu.Unlock()
	if seen == nil || pending > 0 {
		return false
	}
	fi, err := os.Stat(s.file)
	return err == nil && os.SameFile(fi, seen) && fi.Size() == seen.Size() && fi.ModTime().Equal(seen.ModTime())
}

// withFile loads the file under an exclusive lock, lets change edit the map, and writes it
// back atomically.
func (s *store) withFile(change func(map[string]*record)) error {
	lock, err := os.OpenFile(s.file+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("cloudsim: state lock: %w", err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("cloudsim: state lock: %w", err)
	}
	defer func() { _ = syscall.Flock(int(lock.Fd()), syscall.LOCK_UN) }()

	m := map[string]*record{}
	data, err := os.ReadFile(s.file)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := migrateStackFiles(s.file, m); err != nil {
			return err
		}
	case err != nil:
		return fmt.Errorf("cloudsim: read state %s: %w", s.file, err)
	default:
		var f stateFile
		if err := json.Unmarshal(data, &f); err != nil {
			return fmt.Errorf("cloudsim: state %s is not a cloudsim state file: %w", s.file, err)
		}
		for _, r := range f.Resources {
			m[r.key()] = r
		}
	}
	change(m)
	f := stateFile{Notice: stateNotice, Resources: []*record{}}
	for _, r := range m {
		f.Resources = append(f.Resources, r)
	}
	sort.Slice(f.Resources, func(i, j int) bool { return f.Resources[i].key() < f.Resources[j].key() })
	out, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		return fmt.Errorf("cloudsim: encode state: %w", err)
	}
	if err := atomicfile.Write(s.file, out, 0o644); err != nil {
		return fmt.Errorf("cloudsim: write state: %w", err)
	}
	s.remember()
	return nil
}

// read takes in the file under the lock without writing it; read is false when the file
// does not exist yet (the caller writes it, migrating earlier files).
func (s *store) read() (read bool, err error) {
	lock, err := os.OpenFile(s.file+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return true, fmt.Errorf("cloudsim: state lock: %w", err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return true, fmt.Errorf("cloudsim: state lock: %w", err)
	}
	defer func() { _ = syscall.Flock(int(lock.Fd()), syscall.LOCK_UN) }()
	data, err := os.ReadFile(s.file)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return false, nil
	case err != nil:
		return true, fmt.Errorf("cloudsim: read state %s: %w", s.file, err)
	}
	var f stateFile
	if err := json.Unmarshal(data, &f); err != nil {
		return true, fmt.Errorf("cloudsim: state %s is not a cloudsim state file: %w", s.file, err)
	}
	m := make(map[string]*record, len(f.Resources))
	for _, r := range f.Resources {
		m[r.key()] = r
	}
	s.mu.Lock()
	// What was put while the file was read is pending: it stays over the file's version.
	s.applyPending(m)
	s.recs = m
	s.mu.Unlock()
	s.remember()
	return true, nil
}

// remember records the file's identity as this store last read or wrote it. Callers hold the
// file's lock.
func (s *store) remember() {
	fi, err := os.Stat(s.file)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.seen = nil
		return
	}
	s.seen = fi
}

// WorldFile is the simulated world kept in a state folder: one file for every stack of the
// folder, as one AWS holds every account's resources.
func WorldFile(stateDir string) string { return filepath.Join(stateDir, "cloudsim", "world.json") }

// migrateStackFiles folds the per-stack state files of earlier versions (cloudsim/<stack>.json)
// into a new world file, so no rehearsal's resources are forgotten; each is renamed
// <stack>.json.migrated.
func migrateStackFiles(world string, into map[string]*record) error {
	if filepath.Base(world) != "world.json" {
		return nil
	}
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(world), "*.json"))
	for _, f := range old {
		if f == world {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("cloudsim: read %s: %w", f, err)
		}
		var sf stateFile
		if err := json.Unmarshal(data, &sf); err != nil || sf.Notice != stateNotice {
			continue // not a state file of ours
		}
		for _, r := range sf.Resources {
			into[r.key()] = r
		}
		if err := os.Rename(f, f+".migrated"); err != nil {
			return fmt.Errorf("cloudsim: migrate %s: %w", f, err)
		}
	}
	return nil
}
