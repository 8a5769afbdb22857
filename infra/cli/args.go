package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// longFlags rewrites the single-dash long flags Go's flag package accepted (-stack dev, -json,
// -latency-factor=0) to the double-dash form pflag requires, so command lines written for
// notifyctl before cobra keep working. Only names of the tree's flags are rewritten, only where
// a flag may stand (not as the value of the flag before it: --stack -json stays), and nothing
// after "--". The result is never nil.
func longFlags(root *cobra.Command, args []string) []string {
	takesValue := map[string]bool{"help": false}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		add := func(f *pflag.Flag) { takesValue[f.Name] = takesValue[f.Name] || f.NoOptDefVal == "" }
		c.Flags().VisitAll(add)
		c.PersistentFlags().VisitAll(add)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	out := make([]string, 0, len(args))
	wantsValue := false // the argument before is a flag waiting for its value
	for i, a := range args {
		switch {
		case wantsValue:
			wantsValue = false
		case a == "--":
			return append(out, args[i:]...)
		case strings.HasPrefix(a, "--"):
			name, _, inline := strings.Cut(a[2:], "=")
			wantsValue = takesValue[name] && !inline
		case strings.HasPrefix(a, "-") && len(a) > 2:
			name, _, inline := strings.Cut(a[1:], "=")
			if value, ok := takesValue[name]; ok {
				a = "-" + a
				wantsValue = value && !inline
			}
		}
		out = append(out, a)
	}
	return out
}
