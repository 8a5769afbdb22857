package eks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
)

// grant is one policy statement whose resources are only known after deployment.
type grant = iampolicy.Grant

var (
	same    = iampolicy.Same
	objects = iampolicy.Objects
	policy  = iampolicy.Granted
)

// with returns opts plus more, never sharing opts' backing array.
func with(opts []pulumi.ResourceOption, more ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return append(append([]pulumi.ResourceOption(nil), opts...), more...)
}
