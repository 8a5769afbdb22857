package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// useOwnTempDir points the process's TMPDIR at a folder of its own,
// <temp>/notifyctl-<uid>/<pid>, after removing the folders of notifyctl processes that no
// longer run; the returned func removes it. The automation API makes a folder per operation for
// the engine's event log (automation-logs-<command>-*, with os.MkdirTemp in the calling process:
// there is no option to put it elsewhere) and removes it when the operation ends, so a notifyctl
// killed mid-operation (SIGKILL, an OOM kill, a CI job's timeout) leaves it behind: now inside a
// folder the next run removes. The engine inherits TMPDIR. Errors leave TMPDIR as it was.
func useOwnTempDir() func() {
	base := filepath.Join(os.TempDir(), fmt.Sprintf("notifyctl-%d", os.Getuid()))
	dir, err := claimTempDir(base, os.Getpid(), processAlive)
	if err != nil {
		return func() {}
	}
	if err := os.Setenv("TMPDIR", dir); err != nil {
		_ = os.RemoveAll(dir)
		return func() {}
	}
	return func() { _ = os.RemoveAll(dir) }
}

// claimTempDir creates base/<pid> (empty) and removes base's folders of processes alive says
// have ended. Folders not named by a process id are left alone.
func claimTempDir(base string, pid int, alive func(int) bool) (string, error) {
	if err := os.MkdirAll(base, 0o700); err != nil {
		return "", err
	}
	entries, err := os.ReadDir(base)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		other, err := strconv.Atoi(e.Name())
		if err != nil || !e.IsDir() || other == pid || alive(other) {
			continue
		}
		_ = os.RemoveAll(filepath.Join(base, e.Name()))
	}
	// A folder under this process's id is an ended process's whose id was reused.
	dir := filepath.Join(base, strconv.Itoa(pid))
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		return "", err
	}
	return dir, nil
}

// processAlive reports whether a process runs under pid; when it cannot tell (another user's
// process, a system without signal 0), it says yes, so nothing in use is removed.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return !errors.Is(err, os.ErrProcessDone) && !errors.Is(err, syscall.ESRCH)
}
