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
	dir, ok := cutPrefix(r.Backend, "file://")
	if !ok {
		return nil
	}
	root := filepath.Join(filepath.FromSlash(dir), ".pulumi")
	meta, err := os.ReadFile(filepath.Join(root, "meta.yaml"))
	switch {
	case errors.Is(err, os.ErrNotExist):
		// A backend never used, or one in the legacy layout (version 0 writes no meta.yaml).
	case err != nil:
		return fmt.Errorf("read backend %s: %w", r.Backend, err)
	default:
		var m struct {
			Version int `yaml:"version"`
		}
		if yaml.Unmarshal(meta, &m) != nil || m.Version > 1 {
			return nil
		}
	}
	for _, base := range []string{filepath.Join(root, "stacks", string(f.Project.Name), r.Stack), filepath.Join(root, "stacks", r.Stack)} {
		for _, ext := range []string{".json", ".json.gz"} {
			if _, err := os.Stat(base + ext); err == nil {
				return nil
			}
		}
	}
	return &StackNotFoundError{Stack: r.Stack, Backend: r.Backend}
}
