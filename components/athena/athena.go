// Package athena is GC Notify's Athena: the work groups the support team, the log-table builds
// and QuickSight run their queries in, each writing its results to the Athena bucket encrypted
// with the environment's KMS key (today's estate uses SSE-S3); the Glue databases of the load
// balancer logs and of the data exported for QuickSight, the QuickSight tables, and the saved
// queries of the support runbooks.
package athena

import (
	"cmp"
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/athena"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/glue"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// Args configures Athena.
type Args struct {
	// Placement is the environment's name prefix, account and region: NamePrefix names the
	// work groups' Name tags, and AccountID and Region locate the load balancer's logs under
	// AWSLogs/<account>/elasticloadbalancing/<region>/. Required: NamePrefix, AccountID and
	// Region.
	placement.Placement
	// ResultsBucket is the Athena bucket's name (the storage component's). Required.
	ResultsBucket pulumi.StringInput
	// AlbLogsBucket is the load balancer logs bucket's name. Required.
	AlbLogsBucket pulumi.StringInput
	// AlbLogsPrefix is the public load balancer's access-log key prefix. Default "public-alb"
	// (the load balancer component's default).
	AlbLogsPrefix string
	// KmsKeyArn encrypts query results and the databases' metadata queries. Required.
	KmsKeyArn pulumi.StringInput
	// BytesScannedCutoffPerQuery cancels a query that scans more, in bytes; at least 10 MB.
	// Default 100 GiB: a runaway query over years of logs costs about 0.50 USD per GiB.
	BytesScannedCutoffPerQuery int
	// ForceDestroy lets the work groups and databases be deleted with their saved queries and
	// tables. Default false.
	ForceDestroy bool
}

// Athena is the work groups, databases, tables and saved queries.
type Athena struct {
	pulumi.ResourceState

	// WorkGroups are the work groups' names by key (WorkGroup.Key).
	WorkGroups map[string]pulumi.StringOutput
	// WorkGroupArns are their ARNs by key, for the policies of the roles that query.
	WorkGroupArns map[string]pulumi.StringOutput
	// LogsDatabase and QuickSightDatabase are the Glue databases' names.
	LogsDatabase       pulumi.StringOutput
	QuickSightDatabase pulumi.StringOutput
}

// minCutoff is Athena's smallest per-query data usage control: 10 MB.
const minCutoff = 10 * 1000 * 1000

func (a Args) withDefaults() Args {
	a.AlbLogsPrefix = cmp.Or(a.AlbLogsPrefix, "public-alb")
	a.BytesScannedCutoffPerQuery = cmp.Or(a.BytesScannedCutoffPerQuery, 100<<30)
	return a
}

var (
	// workGroupRE is Athena's rule for work group names.
	workGroupRE = regexp.MustCompile(`^[a-zA-Z0-9._-]{1,128}$`)
)

func (a Args) validate() error {
	found := problems.New("athena")
	add := found.Addf
	a.Placement.Check(found, placement.Uses{NamePrefix: true})
	if strings.HasPrefix(a.AlbLogsPrefix, "/") || strings.HasSuffix(a.AlbLogsPrefix, "/") {
		add("AlbLogsPrefix: got %q, want a key prefix without leading or trailing slash", a.AlbLogsPrefix)
	}
	found.Missing("a value", map[string]bool{
		"ResultsBucket": a.ResultsBucket == nil, "AlbLogsBucket": a.AlbLogsBucket == nil,
		"KmsKeyArn": a.KmsKeyArn == nil,
	})
	if a.BytesScannedCutoffPerQuery < minCutoff {
		add("BytesScannedCutoffPerQuery: got %d, want at least %d (10 MB, Athena's minimum)", a.BytesScannedCutoffPerQuery, minCutoff)
	}
	// The catalogue is code, not args, but a bad name must still stop the build before anything
	// is registered.
	for _, w := range WorkGroups() {
		if !workGroupRE.MatchString(w.Name) {
			add("work group %q: want 1-128 letters, digits, '.', '_' or '-'", w.Name)
		}
	}
	return found.Err()
}

// New creates Athena's resources. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Athena, error) {
	args = args.withDefaults()
	a := &Athena{WorkGroups: map[string]pulumi.StringOutput{}, WorkGroupArns: map[string]pulumi.StringOutput{}}
	if _, err := component.Register(ctx, "gcnotify:athena:Athena", name, a, args.validate, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(a)

	for _, w := range WorkGroups() {
		wg, err := athena.NewWorkgroup(ctx, name+"-"+w.Key, &athena.WorkgroupArgs{
			Name:        pulumi.String(w.Name),
			Description: pulumi.String(w.Description),
			Configuration: &athena.WorkgroupConfigurationArgs{
				// Clients cannot point results elsewhere or turn encryption off.
				EnforceWorkgroupConfiguration:   pulumi.Bool(true),
				PublishCloudwatchMetricsEnabled: pulumi.Bool(true),
				BytesScannedCutoffPerQuery:      pulumi.Int(args.BytesScannedCutoffPerQuery),
				ResultConfiguration: &athena.WorkgroupConfigurationResultConfigurationArgs{
					OutputLocation: pulumi.Sprintf("s3://%s/%s/", args.ResultsBucket, w.Name),
					EncryptionConfiguration: &athena.WorkgroupConfigurationResultConfigurationEncryptionConfigurationArgs{
						EncryptionOption: pulumi.String("SSE_KMS"), KmsKeyArn: args.KmsKeyArn},
				},
			},
			ForceDestroy: pulumi.Bool(args.ForceDestroy),
			Tags:         tagging.Named(args.NamePrefix + "-athena-" + w.Key),
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("work group %s: %w", w.Name, err)
		}
		a.WorkGroups[w.Key], a.WorkGroupArns[w.Key] = wg.Name, wg.Arn
	}

	databases := map[string]*athena.Database{}
	for _, db := range []struct{ key, name, comment string }{
		{"logs", LogsDatabase, "load balancer access logs"},
		{"quicksight", QuickSightDatabase, "application data exported for QuickSight"},
	} {
		d, err := athena.NewDatabase(ctx, name+"-"+db.key, &athena.DatabaseArgs{
			Name: pulumi.String(db.name), Comment: pulumi.String(db.comment),
			Bucket: args.ResultsBucket, ForceDestroy: pulumi.Bool(args.ForceDestroy),
			EncryptionConfiguration: &athena.DatabaseEncryptionConfigurationArgs{
				EncryptionOption: pulumi.String("SSE_KMS"), KmsKey: args.KmsKeyArn},
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("database %s: %w", db.name, err)
		}
		databases[db.name] = d
	}
	a.LogsDatabase, a.QuickSightDatabase = databases[LogsDatabase].Name, databases[QuickSightDatabase].Name

	for _, t := range QuickSightTables() {
		var columns glue.CatalogTableStorageDescriptorColumnArray
		for _, c := range t.Columns {
			columns = append(columns, glue.CatalogTableStorageDescriptorColumnArgs{Name: pulumi.String(c.Name), Type: pulumi.String(c.Type)})
		}
		if _, err := glue.NewCatalogTable(ctx, name+"-"+strings.ReplaceAll(t.Name, "_", "-"), &glue.CatalogTableArgs{
			Name: pulumi.String(t.Name), DatabaseName: a.QuickSightDatabase, TableType: pulumi.String("EXTERNAL_TABLE"),
			Parameters: pulumi.StringMap{"classification": pulumi.String("parquet"), "EXTERNAL": pulumi.String("TRUE")},
			StorageDescriptor: &glue.CatalogTableStorageDescriptorArgs{
				// The nightly export writes each run under a new prefix and points the table at
				// it, so the location the program sets is only the first one.
				Location:     pulumi.Sprintf("s3://%s/quicksight/%s/", args.ResultsBucket, t.Name),
				InputFormat:  pulumi.String("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"),
				OutputFormat: pulumi.String("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"),
				SerDeInfo: &glue.CatalogTableStorageDescriptorSerDeInfoArgs{
					SerializationLibrary: pulumi.String("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
					Parameters:           pulumi.StringMap{"serialization.format": pulumi.String("1")}},
				Columns: columns,
			},
		}, parent, pulumi.IgnoreChanges([]string{"storageDescriptor.location"})); err != nil {
			return nil, fmt.Errorf("table %s: %w", t.Name, err)
		}
	}

	location := pulumi.Sprintf("s3://%s/%s/AWSLogs/%s/elasticloadbalancing/%s/", args.AlbLogsBucket, args.AlbLogsPrefix, args.AccountID, args.Region)
	for _, q := range NamedQueries() {
		query := location.ApplyT(func(loc string) string { return strings.ReplaceAll(q.Query, AlbLogsPlaceholder, loc) }).(pulumi.StringOutput)
		if _, err := athena.NewNamedQuery(ctx, name+"-"+q.Key, &athena.NamedQueryArgs{
			Name: pulumi.String(q.Name), Database: databases[q.Database].Name, Workgroup: a.WorkGroups[q.WorkGroup], Query: query,
		}, parent); err != nil {
			return nil, fmt.Errorf("named query %s: %w", q.Name, err)
		}
	}

	workGroups := pulumi.StringMap{}
	for k, v := range a.WorkGroups {
		workGroups[k] = v
	}
	return a, ctx.RegisterResourceOutputs(a, pulumi.Map{
		"workGroups": workGroups, "logsDatabase": a.LogsDatabase, "quickSightDatabase": a.QuickSightDatabase,
	})
}
