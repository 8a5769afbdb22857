package infra

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/cds-snc/notification-pulumi/internal/atomicfile"
)

// The journal is one file in the stack's workspace, written before an operation that changes
// the cloud starts and removed when it ends with the state saved. A run that never got to
// remove it (notifyctl killed, the engine stopped at once by a second Ctrl-C, a machine that
// went down) leaves it behind, so the next run knows the state may not list what the cloud
// holds, says so, and points at the one command that reconciles them.

const journalFile = "operation.json"

// JournalEntry is an operation in flight, or one that did not end with its state saved.
type JournalEntry struct {
	Operation Operation `json:"operation"`
	Stack     string    `json:"stack"`
	Cloud     Cloud     `json:"cloud"`
	Started   time.Time `json:"started"`
	PID       int       `json:"pid"`
	Host      string    `json:"host"`
	// EveryStep says whether the engine saved the state after every step (AWS) or only at the
	// end of the operation (rehearsals).
	EveryStep bool `json:"everyStep"`
	// Outcome says how the operation ended, when it ended without its state saved.
	Outcome string `json:"outcome,omitempty"`
}

func (s *Stack) journalPath() string { return filepath.Join(s.workDir, journalFile) }

// Journal returns the entry of an operation that did not end with its state saved (nil when
// there is none, or when the operation that wrote it is still running on this machine).
func (s *Stack) Journal() (*JournalEntry, error) {
	raw, err := os.ReadFile(s.journalPath())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the operation journal of %s: %w", s.Name(), err)
	}
	var e JournalEntry
	if err := json.Unmarshal(raw, &e); err != nil {
		return nil, fmt.Errorf("operation journal %s is not one of notifyctl's: %w", s.journalPath(), err)
	}
	if e.Outcome == "" && running(e) {
		return nil, nil // another run's operation in flight: the backend's lock answers it
	}
	if e.Outcome == "" {
		e.Outcome = fmt.Sprintf("the process that ran it (pid %d) ended before the operation did", e.PID)
	}
	return &e, nil
}

// running says whether the process that wrote an entry still runs on this machine.
func running(e JournalEntry) bool {
	host, _ := os.Hostname()
	if e.Host != host || e.PID <= 0 {
		return false
	}
	return syscall.Kill(e.PID, 0) == nil || errors.Is(syscall.Kill(e.PID, 0), syscall.EPERM)
}

// beginJournal records an operation about to change the cloud.
func (s *Stack) beginJournal(op Operation) error {
	host, _ := os.Hostname()
	e := JournalEntry{Operation: op, Stack: s.Name(), Cloud: s.opts.Cloud, Started: s.opts.Now(), PID: os.Getpid(), Host: host,
		EveryStep: s.everyStep()}
	return s.writeJournal(e)
}

func (s *Stack) writeJournal(e JournalEntry) error {
	raw, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.Write(s.journalPath(), raw, 0o600); err != nil {
		return fmt.Errorf("write the operation journal of %s: %w", s.Name(), err)
	}
	return nil
}

// endJournal removes the entry when the engine saved the state, or records why it did not.
func (s *Stack) endJournal(op Operation, unsaved string) error {
	if unsaved == "" {
		if err := os.Remove(s.journalPath()); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("clear the operation journal of %s: %w", s.Name(), err)
		}
		return nil
	}
	raw, err := os.ReadFile(s.journalPath())
	if err != nil {
		return fmt.Errorf("read the operation journal of %s: %w", s.Name(), err)
	}
	var e JournalEntry
	if err := json.Unmarshal(raw, &e); err != nil {
		return err
	}
	e.Outcome = unsaved
	return s.writeJournal(e)
}

// ClearJournal forgets an unfinished operation once its state has been reconciled.
func (s *Stack) ClearJournal() error { return s.endJournal("", "") }

func (s *Stack) everyStep() bool { return s.opts.Cloud != CloudSim || s.opts.EveryStepCheckpoints }

// UnfinishedError refuses an operation on a stack whose previous operation did not end with its
// state saved: the state may not list resources the cloud holds (or list some it no longer
// holds), and an up now would create them twice.
type UnfinishedError struct {
	Entry JournalEntry
}

func (e *UnfinishedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the %s of stack %s started %s did not end with its state saved (%s): ", e.Entry.Operation, e.Entry.Stack,
		e.Entry.Started.Format(time.RFC3339), e.Entry.Outcome)
	if e.Entry.EveryStep {
		b.WriteString("the state lists every step that completed, but steps in flight may have created resources it does not know")
	} else {
		b.WriteString("the state is the one saved before it began, so resources that operation created or deleted are not recorded")
	}
	fmt.Fprintf(&b, "; run `notifyctl orphans --stack %s --cloud %s --adopt` to reconcile the state with the cloud before anything else", e.Entry.Stack, e.Entry.Cloud)
	return b.String()
}
