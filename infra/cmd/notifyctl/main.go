// Command notifyctl operates GC Notify's Pulumi stacks; see docs/notifyctl.md.
package main

import (
	"os"

	"github.com/cds-snc/notification-pulumi/infra/cli"
)

func main() { os.Exit(cli.Main()) }
