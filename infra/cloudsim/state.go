package cloudsim

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
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
	// seen is the file as this store last read or wrote it: a reload finds it unchanged (no
	// other process wrote since) and skips reading it again.
	seen os.FileInfo
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

// reload merges what other processes wrote (used when a lookup misses). A file no other
// process wrote since this store last read or wrote it holds nothing new: a preview's lookups
// of resources that do not exist yet (hundreds) would otherwise each read, parse, encode and
// write the whole world.
func (s *store) reload() {
	if s.file == "" || s.unchanged() {
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
	s.mu.Lock()
	pending := len(s.pending)
	s.mu.Unlock()
	if pending == 0 {
		// Nothing to write: only take in what others wrote.
		if read, err := s.read(); read {
			return err
		}
	}
	return s.withFile(func(m map[string]*record) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.applyPending(m)
		s.pending = map[string]*record{}
		s.recs = copyRecords(m) // m is written to the file after the lock is released
	})
}

// applyPending lays the pending changes over the records m: a pending record replaces m's, a
// pending deletion (nil) removes it. Callers hold s.mu.
func (s *store) applyPending(m map[string]*record) {
	for k, r := range s.pending {
		if r == nil {
			delete(m, k)
		} else {
			m[k] = r
		}
	}
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
