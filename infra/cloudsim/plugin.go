package cloudsim

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// ServePlugin serves one simulated provider ("aws" or "awsx") as a plugin process the Pulumi
// CLI starts itself (infra/cmd/pulumi-resource-aws and -awsx, found on PATH): it writes its
// port on out, as the CLI expects of plugins, and serves until ctx ends (addition to the
// contract). The CLI starts one process per provider, so the state file is written through on
// every change and re-read on every lookup; faults and Calls are per process.
func ServePlugin(ctx context.Context, pkg string, opts Options, out io.Writer) error {
	st, err := newStore(opts.StateFile)
	if err != nil {
		return err
	}
	st.sync = true
	s := &Sim{opts: opts, store: st, ports: map[string]int{}, running: map[string]int{}}
	s.ctx, s.stop = context.WithCancel(context.WithoutCancel(ctx))
	for _, f := range opts.Faults {
		s.faults.add(f)
	}
	s.aws = newAWS(s)
	var srv pulumirpc.ResourceProviderServer
	switch pkg {
	case "aws":
		srv = s.aws
	case "awsx":
		srv = newAWSX(s)
	default:
		return fmt.Errorf("cloudsim: no simulated provider %q (aws or awsx)", pkg)
	}
	if err := s.serve(pkg, srv); err != nil {
		_ = s.Close()
		return err
	}
	if _, err := fmt.Fprintf(out, "%d\n", s.ports[pkg]); err != nil {
		_ = s.Close()
		return err
	}
	<-ctx.Done()
	return s.Close()
}

// PluginMain is the whole of a simulated provider plugin's main (infra/cmd/pulumi-resource-aws
// and -awsx): it serves pkg with the options of the environment (pluginOptions) until SIGINT or
// SIGTERM and returns the process's exit code.
func PluginMain(pkg string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := ServePlugin(ctx, pkg, pluginOptions(os.Getenv), os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-resource-%s (cloudsim, simulated): %v\n", pkg, err)
		return 1
	}
	return 0
}

// pluginOptions reads a plugin process's options from its environment: the state file is
// $CLOUDSIM_STATE_FILE (default .cloudsim/state.json under the working directory) and
// $CLOUDSIM_LATENCY_FACTOR scales the latency model (default 0, instant; a value that is not a
// number is ignored).
func pluginOptions(getenv func(string) string) Options {
	opts := Options{StateFile: getenv("CLOUDSIM_STATE_FILE")}
	if opts.StateFile == "" {
		opts.StateFile = filepath.Join(".cloudsim", "state.json")
	}
	if f, err := strconv.ParseFloat(getenv("CLOUDSIM_LATENCY_FACTOR"), 64); err == nil {
		opts.LatencyFactor = f
	}
	return opts
}
