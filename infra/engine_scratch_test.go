package infra

import (
	"context"
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func TestScratchEngine(t *testing.T) {
	state := t.TempDir()
	prog := func(ctx *pulumi.Context) error {
		for i := 0; i < 3; i++ {
			c := &struct{ pulumi.ResourceState }{}
			if err := ctx.RegisterComponentResource("gcnotify:test:Thing", fmt.Sprintf("thing-%d", i), c); err != nil {
				return err
			}
		}
		ctx.Export("hello", pulumi.String("world"))
		ctx.Export("sec", pulumi.ToSecret(pulumi.String("s3cr3t")))
		return nil
	}
	ctx := context.Background()
	s, err := Open(ctx, Options{Stack: "dev", Cloud: CloudSim, ProjectDir: "..", StateDir: state, Program: prog})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Preview(ctx, RunOptions{Observer: func(e Event) { t.Logf("%+v", e) }})
	t.Logf("preview %+v %v", r, err)
	r, err = s.Up(ctx, RunOptions{})
	t.Logf("up %+v %v", r, err)
	r, err = s.Preview(ctx, RunOptions{ExpectNoChanges: true})
	t.Logf("preview2 %+v %v", r.Summary, err)
	o, err := s.Outputs(ctx)
	t.Logf("outputs %+v %v", o, err)
	r, err = s.Destroy(ctx, RunOptions{Unprotect: true})
	t.Logf("destroy %+v %v", r.Summary, err)
}
