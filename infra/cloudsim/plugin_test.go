package cloudsim

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// servePlugin runs ServePlugin as the plugin binaries do and returns the port it printed.
func servePlugin(t *testing.T, ctx context.Context, pkg string, opts Options) int {
	r, w := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- ServePlugin(ctx, pkg, opts, w) }()
	t.Cleanup(func() { require.NoError(t, <-done) })
	line, err := bufio.NewReader(r).ReadString('\n')
	require.NoError(t, err)
	var port int
	_, err = fmt.Sscanf(strings.TrimSpace(line), "%d", &port)
	require.NoError(t, err)
	go func() { _, _ = io.Copy(io.Discard, r) }()
	return port
}

// TestServePluginWritesThrough serves the providers as the plugin binaries do (each its own
// "process" sharing only the state file) and checks every change reaches the file at once.
func TestServePluginWritesThrough(t *testing.T) {
	e := newEngine(t, Options{})
	file := filepath.Join(t.TempDir(), "state.json")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	awsPort := servePlugin(t, ctx, "aws", Options{StateFile: file})
	awsxPort := servePlugin(t, ctx, "awsx", Options{StateFile: file})
	e.sim.ports = map[string]int{"aws": awsPort, "awsx": awsxPort} // the engine talks to the plugins

	name, visibility := "cloudsim-plugin-queue", 30
	st := e.stack(queueProgram(&name, &visibility))
	up, err := st.Up(context.Background())
	require.NoError(t, err)
	var f stateFile
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &f))
	assert.Len(t, f.Resources, 4, "written through without waiting for a flush")
	assert.Contains(t, string(data), up.Outputs["queueArn"].Value)

	_, err = st.Destroy(context.Background(), optdestroy.Remove())
	require.NoError(t, err)
	data, err = os.ReadFile(file)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &f))
	assert.Empty(t, f.Resources)
	assert.Empty(t, e.sim.Resources(), "the Sim itself was not used")
}

// TestPluginOptions reads a plugin process's options from its environment, with the defaults
// where a variable is unset or not a number.
func TestPluginOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want Options
	}{
		{"defaults", nil, Options{StateFile: filepath.Join(".cloudsim", "state.json")}},
		{"set", map[string]string{"CLOUDSIM_STATE_FILE": "s.json", "CLOUDSIM_LATENCY_FACTOR": "0.5"},
			Options{StateFile: "s.json", LatencyFactor: 0.5}},
		{"factor not a number", map[string]string{"CLOUDSIM_LATENCY_FACTOR": "fast"},
			Options{StateFile: filepath.Join(".cloudsim", "state.json")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, pluginOptions(func(k string) string { return tc.env[k] }))
		})
	}
}
