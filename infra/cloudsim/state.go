package cloudsim

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// stateNotice heads the state file so nobody mistakes it for an inventory of real resources.
const stateNotice = "cloudsim: SIMULATED cloud for rehearsals. Nothing listed here exists in AWS."

// record is one simulated resource. Inputs and outputs are kept in the engine's wire form
// (JSON-friendly, secrets wrapped in Pulumi's signature objects).
type record struct {
	Type    string         `json:"type"`
	ID      string         `json:"id"`
	URN     string         `json:"urn,omitempty"`
	Name    string         `json:"name,omitempty"` // the AWS name (bucket, queue, role...) when it has one
	Region  string         `json:"region"`
	Account string         `json:"account"`
	Seed    string         `json:"seed"`
	Inputs  map[string]any `json:"inputs"`
	Outputs map[string]any `json:"outputs"`
}

func (r *record) key() string { return recordKey(r.Account, r.Region, r.Type, r.ID) }

func recordKey(account, region, typ, id string) string {
	return account + "|" + region + "|" + typ + "|" + id
}

func (r *record) outputs() resource.PropertyMap {
	m, err := fromWire(r.Outputs)
	if err != nil {
		return resource.PropertyMap{}
	}
	return m
}

func (r *record) inputs() resource.PropertyMap {
	m, err := fromWire(r.Inputs)
	if err != nil {
		return resource.PropertyMap{}
	}
	return m
}

type stateFile struct {
	Notice    string    `json:"notice"`
	Resources []*record `json:"resources"`
}

// store holds the simulated cloud's resources. With a file, every change is merged into the
// file under an advisory lock (flushed in batches), so several processes - the Sim and the
// plugin binaries the CLI may start - share one simulated cloud.
type store struct {
	mu      sync.Mutex
	file    string
	recs    map[string]*record
	pending map[string]*record // key -> record to write, or nil to delete
	done    chan struct{}
	flushed chan struct{}
	// sync writes every change through and re-reads the file for every listing (plugin
	// processes, several per run, each may be killed at any time).
	sync bool
	// externalZones exist outside the simulation (Options.ExternalZones).
	externalZones []ExternalZone
}

func newStore(file string) (*store, error) {
	s := &store{file: file, recs: map[string]*record{}, pending: map[string]*record{}}
	if file == "" {
		return s, nil
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return nil, fmt.Errorf("cloudsim: state file directory: %w", err)
	}
	if err := s.withFile(func(m map[string]*record) { s.recs = copyRecords(m) }); err != nil {
		return nil, err
	}
	s.done, s.flushed = make(chan struct{}), make(chan struct{})
	go s.flushLoop()
	return s, nil
}

func (s *store) get(account, region, typ, id string) *record {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.recs[recordKey(account, region, typ, id)]
}

func (s *store) put(r *record) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.recs[r.key()] = r
	if s.file != "" {
		s.pending[r.key()] = r
	}
	s.flushNow()
}

// flushNow writes pending changes at once in sync mode. Callers hold s.mu.
func (s *store) flushNow() {
	if !s.sync {
		return
	}
	s.mu.Unlock()
	_ = s.flush()
	s.mu.Lock()
}

func (s *store) remove(account, region, typ, id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := recordKey(account, region, typ, id)
	_, ok := s.recs[k]
	delete(s.recs, k)
	if s.file != "" {
		s.pending[k] = nil
	}
	s.flushNow()
	return ok
}

// list returns the records matching a filter, sorted for stable answers.
func (s *store) list(keep func(*record) bool) []*record {
	if s.sync {
		s.reload()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*record
	for _, r := range s.recs {
		if keep == nil || keep(r) {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key() < out[j].key() })
	return out
}

// reload merges what other processes wrote (used when a lookup misses).
func (s *store) reload() {
	if s.file == "" {
		return
	}
	_ = s.flush()
}

func (s *store) flushLoop() {
	defer close(s.flushed)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-tick.C:
			s.mu.Lock()
			n := len(s.pending)
			s.mu.Unlock()
			if n > 0 {
				_ = s.flush()
			}
		}
	}
}

// flush merges pending changes into the file and takes in what others wrote.
func (s *store) flush() error {
	if s.file == "" {
		return nil
	}
	return s.withFile(func(m map[string]*record) {
		s.mu.Lock()
		defer s.mu.Unlock()
		for k, r := range s.pending {
			if r == nil {
				delete(m, k)
			} else {
				m[k] = r
			}
		}
		s.pending = map[string]*record{}
		s.recs = copyRecords(m) // m is written to the file after the lock is released
	})
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
	tmp := s.file + ".tmp"
	if err := os.WriteFile(tmp, out, 0o644); err != nil {
		return fmt.Errorf("cloudsim: write state: %w", err)
	}
	return os.Rename(tmp, s.file)
}

func (s *store) close() error {
	if s.file == "" {
		return nil
	}
	close(s.done)
	<-s.flushed
	return s.flush()
}

func copyRecords(m map[string]*record) map[string]*record {
	out := make(map[string]*record, len(m))
	for k, r := range m {
		out[k] = r
	}
	return out
}

// scopeView is the part of the state one provider configuration (account, region) sees.
type scopeView struct {
	st              *store
	account, region string
}

// find returns a resource of the scope by type and id, or nil.
func (v *scopeView) find(typ, id string) *record {
	if v == nil || id == "" {
		return nil
	}
	if r := v.st.get(v.account, v.region, typ, id); r != nil {
		return r
	}
	v.st.reload()
	return v.st.get(v.account, v.region, typ, id)
}

// all returns the scope's resources of a type.
func (v *scopeView) all(typ string) []*record {
	if v == nil {
		return nil
	}
	return v.st.list(func(r *record) bool {
		return r.Account == v.account && r.Region == v.region && (typ == "" || r.Type == typ)
	})
}

// lookupOut returns one output of a resource found by type and id ("" when unknown).
func (v *scopeView) lookupOut(typ, id, key string) string {
	if r := v.find(typ, id); r != nil {
		if s, ok := plain(r.outputs()[resource.PropertyKey(key)]).(string); ok {
			return s
		}
	}
	return ""
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
