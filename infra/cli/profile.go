package cli

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// CPUProfileEnv names the file notifyctl writes a CPU profile of its own process to (the
// program's run, the simulated cloud's providers, the event handling), for `go tool pprof`.
// Unset: no profile. The engine (the Pulumi CLI) is profiled with its own --profiling flag;
// docs/preview-performance.md says how.
const CPUProfileEnv = "NOTIFYCTL_CPUPROFILE"

// startProfile starts the CPU profile NOTIFYCTL_CPUPROFILE asks for and returns what stops it.
// A profile that cannot start is reported on stderr and the command runs without it.
func startProfile(lookupEnv func(string) (string, bool), stderr *os.File) func() {
	path, ok := lookupEnv(CPUProfileEnv)
	if !ok || path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(stderr, "%s=%s: %v (running without a profile)\n", CPUProfileEnv, path, err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		fmt.Fprintf(stderr, "%s=%s: %v (running without a profile)\n", CPUProfileEnv, path, err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
