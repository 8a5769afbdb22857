package athena

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const (
	account       = "111122223333"
	keyArn        = "arn:aws:kms:ca-central-1:111122223333:key/main"
	workGroupType = "aws:athena/workgroup:Workgroup"
	databaseType  = "aws:athena/database:Database"
	queryType     = "aws:athena/namedQuery:NamedQuery"
	tableType     = "aws:glue/catalogTable:CatalogTable"
)

func args(env string) Args {
	return Args{Placement: placement.Placement{NamePrefix: "notification-canada-ca-" + env, AccountID: account, Region: "ca-central-1"},
		ResultsBucket: pulumi.String("notification-canada-ca-" + env + "-athena"),
		AlbLogsBucket: pulumi.String("notification-canada-ca-" + env + "-alb-logs"), KmsKeyArn: pulumi.String(keyArn)}
}

func run(t *testing.T, a Args) (*pulumimock.Mocks, error) {
	m, _, err := componenttest.Build(t, New, "athena", a)
	return m, err
}

func TestAthenaAcrossEnvironments(t *testing.T) {
	for _, env := range []string{"dev", "staging", "production"} {
		t.Run(env, func(t *testing.T) {
			m, err := run(t, args(env))
			require.NoError(t, err)
			require.Len(t, m.ByType(workGroupType), len(WorkGroups()))
			for _, w := range WorkGroups() {
				wg := m.Get(t, workGroupType, "athena-"+w.Key)
				assert.Equal(t, w.Name, wg.Input("name"))
				cfg := wg.Input("configuration").(map[string]any)
				assert.Equal(t, true, cfg["enforceWorkgroupConfiguration"], "clients cannot turn encryption off")
				assert.Equal(t, float64(100<<30), cfg["bytesScannedCutoffPerQuery"])
				result := cfg["resultConfiguration"].(map[string]any)
				assert.Equal(t, "s3://notification-canada-ca-"+env+"-athena/"+w.Name+"/", result["outputLocation"])
				assert.Equal(t, map[string]any{"encryptionOption": "SSE_KMS", "kmsKeyArn": keyArn}, result["encryptionConfiguration"])
				assert.Equal(t, false, wg.Input("forceDestroy"))
			}
			for _, db := range []string{"athena-logs", "athena-quicksight"} {
				d := m.Get(t, databaseType, db)
				assert.Equal(t, map[string]any{"encryptionOption": "SSE_KMS", "kmsKey": keyArn}, d.Input("encryptionConfiguration"), db)
			}
			require.Len(t, m.ByType(tableType), len(QuickSightTables()))
			for _, tbl := range QuickSightTables() {
				r := m.Get(t, tableType, "athena-"+strings.ReplaceAll(tbl.Name, "_", "-"))
				assert.Equal(t, QuickSightDatabase, r.Input("databaseName"))
				sd := r.Input("storageDescriptor").(map[string]any)
				assert.Len(t, sd["columns"], len(tbl.Columns), tbl.Name)
			}
			require.Len(t, m.ByType(queryType), len(NamedQueries()))
			create := m.Get(t, queryType, "athena-create-alb-logs")
			assert.Contains(t, create.String("query"),
				"s3://notification-canada-ca-"+env+"-alb-logs/public-alb/AWSLogs/"+account+"/elasticloadbalancing/ca-central-1/")
			assert.NotContains(t, create.String("query"), AlbLogsPlaceholder)
			assert.Equal(t, "Build_log_tables", create.Input("workgroup"))
			assert.Equal(t, "Support", m.Get(t, queryType, "athena-alb-500s").Input("workgroup"))
		})
	}
}

func TestAthenaRefusesInvalidArgs(t *testing.T) {
	a := args("dev")
	a.AccountID, a.Region, a.KmsKeyArn, a.AlbLogsPrefix, a.BytesScannedCutoffPerQuery = "1", "canada", nil, "/x/", 5
	m, err := run(t, a)
	require.Error(t, err)
	for _, want := range []string{"AccountID: got \"1\"", "Region: got \"canada\"", "KmsKeyArn: got nil", "AlbLogsPrefix: got \"/x/\"", "BytesScannedCutoffPerQuery: got 5"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.ByType(workGroupType), "nothing is registered")
}

func TestCatalogueKeysAreUnique(t *testing.T) {
	seen := map[string]bool{}
	groups := map[string]bool{}
	for _, w := range WorkGroups() {
		groups[w.Key] = true
	}
	for _, q := range NamedQueries() {
		assert.False(t, seen[q.Key], "query key %s twice", q.Key)
		seen[q.Key] = true
		assert.True(t, groups[q.WorkGroup], "query %s names work group %s", q.Key, q.WorkGroup)
	}
	for _, tbl := range QuickSightTables() {
		names := map[string]bool{}
		for _, c := range tbl.Columns {
			assert.False(t, names[c.Name], "%s.%s twice", tbl.Name, c.Name)
			names[c.Name] = true
		}
	}
}
