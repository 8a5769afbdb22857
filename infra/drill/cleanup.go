package drill

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// CleanupOptions say which drill to finish and how to reach its cloud.
type CleanupOptions struct {
	Name     string
	StateDir string
	Base     infra.Options
	Connect  func(ctx context.Context, f *stackfile.File) (Cloud, error)
	Progress func(string)
}

// Cleanup finishes a drill that was interrupted or kept: it reconciles an interrupted
// operation, destroys the drill's stack, proves that neither the state nor the cloud holds
// anything of it, removes the stack and records it in the drill's record. Only a drill's own
// stack, as its record names it, is touched.
func Cleanup(ctx context.Context, o CleanupOptions) (*Record, []string, error) {
	if o.Progress == nil {
		o.Progress = func(string) {}
	}
	rec, err := ReadRecord(o.StateDir, o.Name)
	if err != nil {
		return nil, nil, err
	}
	if rec.TornDown {
		return rec, nil, nil
	}
	projectDir := filepath.Join(Dir(o.StateDir, o.Name), "project")
	f, err := stackfile.Load(projectDir, rec.Name)
	if err != nil {
		return rec, nil, fmt.Errorf("the drill's stack file: %w", err)
	}
	if !f.Config.Ephemeral {
		return rec, nil, fmt.Errorf("stack %s is not ephemeral: drill cleanup only removes drills", rec.Name)
	}
	c, err := o.Connect(ctx, f)
	if err != nil {
		return rec, nil, fmt.Errorf("reach the cloud: %w", err)
	}
	defer c.Close()
	opts := o.Base
	opts.Stack, opts.Cloud, opts.ProjectDir, opts.StateDir = rec.Name, rec.Cloud, projectDir, o.StateDir
	c.Hooks(&opts)
	st, err := infra.Open(ctx, opts)
	if err != nil {
		return rec, nil, err
	}
	o.Progress(fmt.Sprintf("tearing down drill %s (%s, account %s) ...", rec.Name, rec.Cloud, rec.Account))
	left, err := destroyAndProve(ctx, st, c, rec.Cloud, rec.Account, nil)
	if err != nil {
		return rec, left, err
	}
	rec.TornDown, rec.Kept = true, false
	return rec, nil, writeRecord(Dir(o.StateDir, o.Name), rec)
}
