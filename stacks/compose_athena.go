package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/athena"
	"github.com/cds-snc/notification-pulumi/components/placement"
)

// composeAthena builds the work groups, tables and saved queries over the Athena and load
// balancer logs buckets.
func composeAthena(ctx *pulumi.Context, cfg Config, p Providers, place placement.Placement, core Core) (*athena.Athena, error) {
	return athena.New(ctx, "athena", athena.Args{
		Placement:     place,
		ResultsBucket: core.Storage.AthenaBucket.Name, AlbLogsBucket: core.Storage.AlbLogsBucket.Name,
		KmsKeyArn:                  core.Keys.MainKeyArn,
		BytesScannedCutoffPerQuery: cfg.Athena.BytesScannedCutoffGiB << 30, ForceDestroy: cfg.ForceDestroy,
	}, pulumi.Provider(p.Primary))
}
