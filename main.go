// Command gcnotify is the Pulumi program of every GC Notify environment (`pulumi up -s <env>`).
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/stacks"
)

func main() { pulumi.Run(stacks.Program) }
