package cli

import (
	"context"
	"errors"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/prcomment"
	"github.com/cds-snc/notification-pulumi/policy"
)

// Exit codes of notifyctl (documented in docs/notifyctl.md). ExitCode is the only place that
// maps errors to them.
const (
	ExitOK               = 0  // success
	ExitFailure          = 1  // anything not listed below (engine or internal error)
	ExitUsage            = 2  // bad flags, stack name, missing stack file, or refusing without --yes
	ExitChanges          = 3  // preview --expect-no-changes found changes
	ExitConcurrentUpdate = 4  // another run holds the stack's lock
	ExitCancelled        = 5  // interrupted (Ctrl-C; state saved, rerun to finish) or not confirmed
	ExitResourceFailure  = 6  // one or more resources failed; the output names them
	ExitInvalidConfig    = 7  // the stack file's configuration is refused (every problem listed)
	ExitNoCredentials    = 8  // missing AWS credentials or state passphrase
	ExitStackNotFound    = 9  // the stack does not exist in the backend (outputs, refresh, destroy)
	ExitUnfinished       = 10 // the previous operation did not end with its state saved: run orphans --adopt
	ExitPolicy           = 11 // a policy rule (check) or the stateful-resource gate (preview --deny-replace) refused, with no reasoned exception
)

// UsageError is a command line that cannot be run.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// ExitCode maps an error to notifyctl's exit code.
func ExitCode(err error) int {
	var (
		usage      *UsageError
		changes    *infra.ChangesPresentError
		conflict   *infra.ConcurrentUpdateError
		cancelled  *infra.CancelledError
		failure    *infra.ResourceFailureError
		config     *infra.ConfigError
		creds      *infra.NoCredentialsError
		notFound   *infra.StackNotFoundError
		unfinished *infra.UnfinishedError
		orphans    *infra.OrphansFoundError
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &config):
		// Checked first: a run refused for several reasons (flags and the stack file) exits
		// 7 whenever the stack file is among them, since fixing it is a change to review.
		return ExitInvalidConfig
	case errors.As(err, &usage), infra.IsUsage(err):
		return ExitUsage
	case errors.As(err, new(*policy.FailedError)), errors.As(err, new(*prcomment.GateError)):
		return ExitPolicy
	case errors.As(err, &changes), errors.As(err, &orphans):
		return ExitChanges
	case errors.As(err, &unfinished):
		return ExitUnfinished
	case errors.As(err, &conflict):
		return ExitConcurrentUpdate
	case errors.As(err, &cancelled), errors.As(err, new(DeclinedError)), errors.Is(err, context.Canceled):
		return ExitCancelled
	case errors.As(err, &failure):
		return ExitResourceFailure
	case errors.As(err, &creds):
		return ExitNoCredentials
	case errors.As(err, &notFound):
		return ExitStackNotFound
	}
	return ExitFailure
}
