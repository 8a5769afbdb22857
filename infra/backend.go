package infra

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

// RequireStack returns a *StackNotFoundError when the backend does not hold the stack, reading
// the backend only: selecting a stack through the engine writes the backend's metadata, and
// opening it makes a workspace, so an operation on a stack that does not exist (refresh,
// destroy, outputs) would leave files for nothing. It knows file backends, laid out by the
// Pulumi CLI as .pulumi/stacks/<project>/<stack>.json (or .pulumi/stacks/<stack>.json in the
// legacy layout, either possibly gzipped); for other backends, or a layout it does not know, it
// returns nil and the engine decides. Options are checked as by Check.
func RequireStack(opts Options) error {
	r, f, err := opts.resolve()
	if err != nil {
		return err
	}
	known, exists, err := fileBackendHolds(r.Backend, string(f.Project.Name), r.Stack)
	if err != nil || !known || exists {
		return err
	}
	return &StackNotFoundError{Stack: r.Stack, Backend: r.Backend}
}

// fileBackendHolds says whether a file backend holds a stack, from its files alone (known is
// false for other backends and layouts it does not know: then only the engine can tell).
func fileBackendHolds(backend, project, stack string) (known, exists bool, err error) {
	dir, ok := cutPrefix(backend, "file://")
	if !ok {
		return false, false, nil
	}
	root := filepath.Join(filepath.FromSlash(dir), ".pulumi")
	meta, err := os.ReadFile(filepath.Join(root, "meta.yaml"))
	switch {
	case errors.Is(err, os.ErrNotExist):
		// A backend never used, or one in the legacy layout (version 0 writes no meta.yaml).
	case err != nil:
		return false, false, fmt.Errorf("read backend %s: %w", backend, err)
	default:
		var m struct {
			Version int `yaml:"version"`
		}
		if yaml.Unmarshal(meta, &m) != nil || m.Version > 1 {
			return false, false, nil
		}
	}
	for _, base := range []string{filepath.Join(root, "stacks", project, stack), filepath.Join(root, "stacks", stack)} {
		for _, ext := range []string{".json", ".json.gz"} {
			if _, err := os.Stat(base + ext); err == nil {
				return true, true, nil
			}
		}
	}
	return true, false, nil
}
