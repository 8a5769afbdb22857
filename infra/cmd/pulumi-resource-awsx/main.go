// Command pulumi-resource-awsx is the SIMULATED awsx provider (infra/cloudsim), never AWS: put
// it on PATH ahead of any real plugin and the Pulumi CLI uses it as the awsx plugin. State is
// kept in $CLOUDSIM_STATE_FILE (default .cloudsim/state.json under the working directory);
// $CLOUDSIM_LATENCY_FACTOR scales the latency model (default 0, instant).
package main

import (
	"os"

	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
)

func main() {
	os.Exit(cloudsim.PluginMain("awsx"))
}
