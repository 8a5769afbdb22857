package drill

import (
	"context"
	"time"

	"github.com/cds-snc/notification-pulumi/infra/ephemeral"
)

// RefusedError is a drill that may not run as asked: nothing was created.
type RefusedError = ephemeral.RefusedError

// ManualStep is a step of a rebuild that no program can take (ephemeral.ManualStep).
type ManualStep = ephemeral.ManualStep

// ManualSteps are the steps a rebuild into a new account cannot skip (ephemeral.ManualSteps).
var ManualSteps = ephemeral.ManualSteps

// DefaultName is a drill's stack name when --name is not given: bcp-<yyyymmdd-hhmm>.
func DefaultName(now time.Time) string { return "bcp-" + now.UTC().Format("20060102-1504") }

// environmentOf is the environment name of a drill stack (ephemeral.EnvironmentOf).
func environmentOf(name string) string { return ephemeral.EnvironmentOf(name) }

// simAccount is the account a rehearsal drill gets when --account is not given: derived from its
// name, so two drills never share one.
func simAccount(name string) string { return ephemeral.SimAccount("drill", name) }

// plan is the drill's stack as it will be created.
type plan = ephemeral.Plan

// newPlan checks the drill's name, source and overrides, writes the drill's stack file into its
// own folder and validates it (ephemeral.NewPlan).
func newPlan(ctx context.Context, o *Options) (*plan, error) {
	return ephemeral.NewPlan(ctx, ephemeral.Request{
		Kind: "drill", Label: "drill", Command: "notifyctl drill", NameFlag: "--name",
		Name: o.Name, From: o.From, Environment: o.Environment, Cloud: o.Cloud, Account: o.Account, Domain: o.Domain,
		Set: o.Set, AllowOccupiedAccount: o.AllowOccupiedAccount, ProjectDir: o.ProjectDir, Dir: o.dir(), Occupant: o.Occupant,
	})
}
