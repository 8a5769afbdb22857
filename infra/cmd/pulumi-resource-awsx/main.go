// Command pulumi-resource-awsx is the SIMULATED awsx provider (infra/cloudsim), never AWS: put
// it on PATH ahead of any real plugin and the Pulumi CLI uses it as the awsx plugin. State is
// kept in $CLOUDSIM_STATE_FILE (default .cloudsim/state.json under the working directory);
// $CLOUDSIM_LATENCY_FACTOR scales the latency model (default 0, instant).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts := cloudsim.Options{StateFile: os.Getenv("CLOUDSIM_STATE_FILE")}
	if opts.StateFile == "" {
		opts.StateFile = filepath.Join(".cloudsim", "state.json")
	}
	if f, err := strconv.ParseFloat(os.Getenv("CLOUDSIM_LATENCY_FACTOR"), 64); err == nil {
		opts.LatencyFactor = f
	}
	if err := cloudsim.ServePlugin(ctx, "awsx", opts, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "pulumi-resource-awsx (cloudsim, simulated):", err)
		os.Exit(1)
	}
}
