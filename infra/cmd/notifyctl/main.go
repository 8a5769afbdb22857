// Command notifyctl operates GC Notify's Pulumi stacks; its commands are in
// docs/commands/notifyctl.md (generated from infra/cli), how it behaves in docs/notifyctl.md.
package main

import (
	"os"

	"github.com/cds-snc/notification-pulumi/infra/cli"
)

func main() { os.Exit(cli.Main()) }
