package infra

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"

	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// Errors about the stack file, raised before anything is touched.
type (
	// NameError is a stack name that is not allowed.
	NameError = stackfile.NameError
	// MissingStackFileError is a stack without a Pulumi.<stack>.yaml.
	MissingStackFileError = stackfile.MissingError
	// ConfigError is a stack file whose configuration is refused (every problem listed).
	ConfigError = stackfile.ConfigError
	// NoProjectError is a project folder without Pulumi.yaml.
	NoProjectError = stackfile.NoProjectError
)

// OptionsError is an Options value that is missing or not allowed.
type OptionsError struct{ Problems []string }

func (e *OptionsError) Error() string { return strings.Join(e.Problems, "\n") }

// NoCredentialsError says which credentials are missing and how to do without them.
type NoCredentialsError struct{ Need, Hint string }

func (e *NoCredentialsError) Error() string {
	if e.Hint == "" {
		return "missing " + e.Need
	}
	return "missing " + e.Need + "; " + e.Hint
}

// StackNotFoundError is an operation on a stack the backend does not hold.
type StackNotFoundError struct{ Stack, Backend string }

func (e *StackNotFoundError) Error() string {
	return fmt.Sprintf("stack %s does not exist in backend %s: run up first", e.Stack, e.Backend)
}

// ConcurrentUpdateError is another update holding the stack's lock.
type ConcurrentUpdateError struct {
	Stack string
	// Cloud is the stack's cloud, for the recovery command.
	Cloud Cloud
	Err   error
}

func (e *ConcurrentUpdateError) Error() string {
	cloud := string(e.Cloud)
	if cloud == "" {
		cloud = "<sim|aws>"
	}
	return fmt.Sprintf("stack %s is being updated by another run (its lock is held); wait for it to finish. If that run died, "+
		"run `notifyctl orphans --stack %s --cloud %s --adopt`: it removes the lock only when its engine no longer runs on this "+
		"machine, and reconciles the state with the cloud; never delete lock or state files by hand", e.Stack, e.Stack, cloud)
}

func (e *ConcurrentUpdateError) Unwrap() error { return e.Err }

// CancelledError is an operation interrupted through its context (Ctrl-C).
type CancelledError struct {
	Stack string
	Op    Operation
	Err   error
	// Unsaved says what the state does not record when the engine was stopped before it saved
	// (empty when it saved what it completed).
	Unsaved string
	// Cloud is the stack's cloud, for the recovery command.
	Cloud Cloud
}

func (e *CancelledError) Error() string {
	if e.Unsaved != "" {
		return fmt.Sprintf("%s of stack %s was stopped before the engine saved its state: %s; run `notifyctl orphans --stack %s --cloud %s --adopt` before anything else",
			e.Op, e.Stack, e.Unsaved, e.Stack, e.Cloud)
	}
	return fmt.Sprintf("%s of stack %s was cancelled; the engine saved what it completed, run it again to finish", e.Op, e.Stack)
}

func (e *CancelledError) Unwrap() error { return e.Err }

// ResourceFailureError lists the resources whose operations failed.
type ResourceFailureError struct {
	Stack    string
	Op       Operation
	Failures []ResourceRecord
	Err      error
}

func (e *ResourceFailureError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s of stack %s failed on %d resource(s):", e.Op, e.Stack, len(e.Failures))
	for _, f := range e.Failures {
		fmt.Fprintf(&b, "\n  %s %s (%s): %s", f.Op, f.Name, f.Type, f.Error)
	}
	return b.String()
}

func (e *ResourceFailureError) Unwrap() error { return e.Err }

// ChangesPresentError is a preview that expected no changes and found some.
type ChangesPresentError struct {
	Stack   string
	Summary map[string]int
	// Drift is set when the changes were made outside the program (a refresh found them).
	Drift bool
}

func (e *ChangesPresentError) Error() string {
	var parts []string
	for op, n := range e.Summary {
		if isChange(op) && n > 0 {
			parts = append(parts, fmt.Sprintf("%d to %s", n, op))
		}
	}
	sort.Strings(parts)
	if e.Drift {
		return fmt.Sprintf("drift found: the cloud changed outside the program in stack %s: %s", e.Stack, strings.Join(parts, ", "))
	}
	return fmt.Sprintf("stack %s has changes where none were expected: %s", e.Stack, strings.Join(parts, ", "))
}

// EngineError is any other failure of the engine; Message is its own words.
type EngineError struct {
	Stack   string
	Op      Operation
	Message string
	Err     error
}

func (e *EngineError) Error() string {
	return fmt.Sprintf("%s of stack %s failed: %s", e.Op, e.Stack, e.Message)
}

func (e *EngineError) Unwrap() error { return e.Err }

// classify turns an operation's error into the typed error callers branch on.
func classify(err error, stack string, op Operation, cancelled bool, col *collector) error {
	if err == nil {
		return nil
	}
	switch {
	case cancelled:
		return &CancelledError{Stack: stack, Op: op, Err: err}
	case auto.IsConcurrentUpdateError(err):
		return &ConcurrentUpdateError{Stack: stack, Err: err}
	case wrongPassphrase(err):
		return passphraseError(stack)
	}
	if failures := col.failures(); len(failures) > 0 {
		return &ResourceFailureError{Stack: stack, Op: op, Failures: failures, Err: err}
	}
	msg := col.errorText()
	if msg == "" {
		msg = excerpt(err.Error())
	}
	return &EngineError{Stack: stack, Op: op, Message: msg, Err: err}
}

// wrongPassphrase reports whether the engine could not decrypt the stack's secrets with the
// passphrase it was given.
func wrongPassphrase(err error) bool {
	return err != nil && strings.Contains(err.Error(), "incorrect passphrase")
}

func passphraseError(stack string) error {
	return &NoCredentialsError{
		Need: "the passphrase that encrypted stack " + stack + "'s secrets: PULUMI_CONFIG_PASSPHRASE (or _FILE) does not decrypt them",
		Hint: "set the passphrase the stack was created with; nothing was run",
	}
}

// excerpt keeps the lines of an automation-API error that carry the engine's own message.
func excerpt(s string) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, "error:") || strings.HasPrefix(l, "failed to") {
			keep = append(keep, l)
		}
	}
	if len(keep) == 0 {
		lines := strings.Split(strings.TrimSpace(s), "\n")
		if len(lines) > 10 {
			lines = lines[len(lines)-10:]
		}
		keep = lines
	}
	return strings.Join(keep, "\n")
}

// IsUsage reports whether err is a problem with what the caller asked for (name, file,
// configuration, options) rather than with the engine or the cloud.
func IsUsage(err error) bool {
	var n *NameError
	var m *MissingStackFileError
	var o *OptionsError
	var p *ProtectedResourcesError
	var np *NoProjectError
	return errors.As(err, &n) || errors.As(err, &m) || errors.As(err, &o) || errors.As(err, &p) || errors.As(err, &np)
}

// ProtectedResourcesError is a destroy refused before it starts because the stack holds
// protected resources: the engine would delete everything else and then stop at them, leaving
// an environment without its network or cluster but with its data stores. Nothing was deleted.
type ProtectedResourcesError struct {
	Stack string
	Cloud Cloud
	URNs  []string
}

func (e *ProtectedResourcesError) Error() string {
	const shown = 3
	names := make([]string, 0, shown)
	for _, u := range e.URNs[:min(shown, len(e.URNs))] {
		names = append(names, u[strings.LastIndex(u, "::")+2:])
	}
	how := "the stateful resources of a real environment lose protection only deliberately: set gcnotify:ephemeral: true in its stack file (refused for dev, staging and production) and run up before destroy"
	if e.Cloud == CloudSim {
		how = "to tear down a rehearsal pass --unprotect"
	}
	return fmt.Sprintf("refusing to destroy stack %s: it holds %d protected resources (%s, ...), and destroy would delete everything else before stopping at them; nothing was deleted: %s",
		e.Stack, len(e.URNs), strings.Join(names, ", "), how)
}
