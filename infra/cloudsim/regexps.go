package cloudsim

import (
	"regexp"
	"sync"
)

// compiled holds the rules' patterns compiled once: a rule checks a name on every Check and
// Create, so compiling its pattern each time cost a preview more than the check itself.
var compiled sync.Map // pattern -> *regexp.Regexp

// rx returns the compiled pattern (regexp.MustCompile, once per pattern); a *regexp.Regexp is
// safe for concurrent use.
func rx(pattern string) *regexp.Regexp {
	if r, ok := compiled.Load(pattern); ok {
		return r.(*regexp.Regexp)
	}
	r, _ := compiled.LoadOrStore(pattern, regexp.MustCompile(pattern))
	return r.(*regexp.Regexp)
}
